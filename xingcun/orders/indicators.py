"""Figures of the talent teams and the 点单 service (report section 三, part one)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q

from xingcun.core.models import Area
from xingcun.core.scoping import correlated
from xingcun.indicators.engine import (
    COUNT_AT_END,
    COUNT_IN_YEAR,
    COUNT_TO_DATE,
    RATIO_IN_YEAR,
    SUM_IN_YEAR,
    Period,
    family,
)
from xingcun.orders.models import DemonstrationProject, ServiceOrder, ServiceTeam, SolvedProblem

DELIVERED = [ServiceOrder.Status.DELIVERED, ServiceOrder.Status.CLOSED]


def team_active_on(period: Period) -> Q:
    end = period.end
    return Q(formed_on__lte=end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))


def delivered_in(period: Period) -> Q:
    return Q(status__in=DELIVERED, delivered_on__gte=period.start, delivered_on__lte=period.end)


def served_in(period: Period) -> Q:
    """Villages that a service delivered within the period reached."""
    served = correlated(ServiceOrder).filter(delivered_in(period), villages=OuterRef("pk"))
    return Q(level=Area.Level.VILLAGE) & Q(Exists(served))


def chief(period: Period) -> Q:
    return delivered_in(period) & ~Q(expert__chief_field="") & Q(expert__isnull=False)


def project_of(period: Period) -> Q:
    return Q(year=period.end.year)


indicator = family(section="resources")
count_in_year = indicator.sharing(**COUNT_IN_YEAR)
total_in_year = indicator.sharing(**SUM_IN_YEAR)
ratio_in_year = indicator.sharing(**RATIO_IN_YEAR)

indicator(
    "orders.teams",
    "人才服务队数",
    "Talent service teams",
    "期末在册的人才服务队支数：组建日期不晚于期末、期末前未撤销。服务队计入组建它的区或镇。",
    **COUNT_AT_END,
    unit="个",
    model=ServiceTeam,
    where=team_active_on,
)
count_in_year.sharing(unit="次", model=ServiceOrder).table(
    ("where",),
    (
        "orders.services",
        "点单服务次数",
        "Services delivered",
        "期间内完成服务（服务日期在期间内，状态为待评价或已办结）的点单次数，计入点单的村。",
        delivered_in,
    ),
    (
        "orders.chief_services",
        "首席农技专家服务次数",
        "Services by chief experts",
        "期间内由首席农技专家（专家登记中填写了首席领域）完成的点单服务次数。",
        chief,
    ),
)
count_in_year(
    "orders.villages_served",
    "服务覆盖村数",
    "Villages served",
    "期间内至少得到一次点单服务的村(社区)个数：服务登记的“服务村社”，一村多次只计一次。",
    unit="个",
    model=Area,
    path="path",
    where=served_in,
)
total_in_year(
    "orders.beneficiaries",
    "点单服务受益人次",
    "Beneficiaries of services",
    "期间内完成的点单服务登记的受益人次之和，计入点单的村。",
    unit="人次",
    model=ServiceOrder,
    where=delivered_in,
    value="beneficiaries",
    sum_places=0,
)
indicator(
    "orders.problems_solved",
    "累计解决问题数",
    "Problems solved (cumulative)",
    "截至期末，点单服务登记解决的问题累计个数（每个问题单独登记，按服务日期）。",
    **COUNT_TO_DATE,
    unit="个",
    model=SolvedProblem,
    where=lambda p: Q(solved_on__lte=p.end),
)


def featured_of(period: Period) -> Q:
    return Q(year=period.end.year, is_featured=True)


# The expert demonstration projects of the year, and the featured (named) one among them: the
# report quotes the featured project's own figures, not an average. Yield and income increase
# are weighted by area: sums of value × area over the area.
for where, (area, harvest, output, weighted, crop_yield, increase) in (
    (
        project_of,
        (
            (
                "orders.demo_area",
                "专家示范项目面积",
                "Area of demonstration projects",
                "期间所在年度专家示范项目的面积合计。",
            ),
            (
                "orders.demo_harvest",
                "专家示范项目总产量（亩产×面积）",
                "Harvest of demonstration projects",
                "各示范项目“亩产×面积”之和（公斤），是加权平均亩产的分子。",
            ),
            (
                "orders.demo_output",
                "专家示范项目产值",
                "Output value of demonstration projects",
                "期间所在年度专家示范项目的产值合计。",
            ),
            (
                "orders.demo_increase_weighted",
                "示范项目增收率×面积",
                "Income increase times area",
                "各示范项目“农户增收百分比×面积”之和，是加权平均增收率的分子。",
            ),
            (
                "orders.demo_yield",
                "专家示范项目亩产",
                "Yield of demonstration projects",
                "示范项目按面积加权的亩产：总产量 ÷ 总面积。只有一个项目时即该项目的亩产。",
            ),
            (
                "orders.demo_income_increase",
                "专家示范项目农户增收",
                "Growers' income increase",
                "示范项目农户增收百分比，按面积加权平均；只有一个项目时即该项目的增收率。",
            ),
        ),
    ),
    (
        featured_of,
        (
            (
                "orders.featured_area",
                "典型示范项目面积",
                "Area of the featured project",
                "期间所在年度标为“典型示范项目”的专家示范项目的面积。",
            ),
            (
                "orders.featured_harvest",
                "典型示范项目总产量",
                "Harvest of the featured project",
                "典型示范项目的“亩产×面积”（公斤），是其亩产的分子。",
            ),
            (
                "orders.featured_output",
                "典型示范项目产值",
                "Output value of the featured project",
                "期间所在年度典型示范项目的产值。",
            ),
            (
                "orders.featured_increase_weighted",
                "典型示范项目增收率×面积",
                "Featured project's income increase times area",
                "典型示范项目“农户增收百分比×面积”，是其增收率的分子。",
            ),
            (
                "orders.featured_yield",
                "典型示范项目亩产",
                "Yield of the featured project",
                "典型示范项目的亩产：总产量 ÷ 面积，即登记的亩产。",
            ),
            (
                "orders.featured_income_increase",
                "典型示范项目农户增收",
                "Growers' income increase of the featured project",
                "典型示范项目登记的农户增收百分比。",
            ),
        ),
    ),
):
    projects = total_in_year.sharing(model=DemonstrationProject, where=where)
    projects(*area, unit="亩", value="area_mu", sum_places=1)
    projects(*harvest, unit="公斤", value=F("yield_per_mu") * F("area_mu"))
    projects(*output, unit="万元", value="output_value")
    projects(*weighted, unit="%", value=F("income_increase") * F("area_mu"))
    ratio_in_year(*crop_yield, unit="公斤/亩", numerator=harvest[0], denominator=area[0])
    ratio_in_year(*increase, unit="%", numerator=weighted[0], denominator=area[0], scale=Decimal(1))
