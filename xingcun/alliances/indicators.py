"""Figures of 党建联盟 (report section 一.1, 一): alliances, projects landed through them and their
investment, town tourism, and the income increase of member villages since they joined."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy, gettext_noop

from xingcun.alliances.models import Alliance, AllianceMember, AllianceProject, TownTourism
from xingcun.core.scoping import correlated
from xingcun.indicators import records
from xingcun.indicators.engine import COUNT_AT_END, SUM_IN_YEAR, Kind, Period, Semantics, family
from xingcun.villages.models import VillageProfile

LANDED = ["building", "operating"]
YUAN = DecimalField(max_digits=20, decimal_places=2)


def alliance_on(period: Period) -> Q:
    end = period.end
    return Q(founded_on__lte=end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))


def landed_through_alliance(period: Period) -> Q:
    return Q(project__status__in=LANDED, project__landed_on__lte=period.end)


def _memberships(end_of: Period) -> Q:
    return Q(joined_on__lte=end_of.end) & (Q(left_on__isnull=True) | Q(left_on__gt=end_of.end))


def member_profile_of(period: Period) -> Q:
    """The year's profile of a village whose organisation is an alliance member at the period's
    end."""
    members = (
        correlated(AllianceMember)
        .filter(_memberships(period))
        .filter(organisation__area=OuterRef("area"))
    )
    return Q(year=period.end.year) & Q(Exists(members))


def _base_year(village: OuterRef) -> QuerySet[Any, Any]:
    """The year before the village's organisation first joined an alliance."""
    return (
        correlated(AllianceMember)
        .filter(organisation__area=village)
        .order_by("joined_on")
        .annotate(base_year=ExpressionWrapper(ExtractYear("joined_on") - 1, IntegerField()))
        .values("base_year")[:1]
    )


_BASE_INCOME = (
    correlated(VillageProfile)
    .filter(area=OuterRef("area"), year=Subquery(_base_year(OuterRef(OuterRef("area")))))
    .annotate(income=ExpressionWrapper(F("per_capita_income") * F("population"), YUAN))
    .values("income")[:1]
)
INCOME_INCREASE = ExpressionWrapper(
    F("per_capita_income") * F("population") - Subquery(_BASE_INCOME, output_field=YUAN), YUAN
)


indicator = family(section="organisation")
landed = indicator.sharing(
    semantics=Semantics.CUMULATIVE, model=AllianceProject, where=landed_through_alliance
)
tourism = indicator.sharing(**SUM_IN_YEAR, model=TownTourism, where=lambda p: Q(year=p.end.year))

indicator(
    "alliances.count",
    "党建联盟数",
    "Party-building alliances",
    "期末存在的党建联盟个数（成立日期不晚于期末、期末尚未解散），按联盟登记的区划统计。",
    **COUNT_AT_END,
    unit="个",
    model=Alliance,
    where=alliance_on,
)
landed(
    "alliances.projects_landed",
    "党建联盟落地投资项目数",
    "Projects landed through alliances",
    "截至期末累计通过党建联盟落地的投资项目个数：关联到联盟、状态为在建或投产、"
    "落地日期不晚于期末的项目。按联盟登记的区划统计。",
    kind=Kind.COUNT,
    unit="个",
)
landed(
    "alliances.investment",
    "党建联盟落地项目总投资",
    "Investment landed through alliances",
    "截至期末累计通过党建联盟落地的投资项目（同“党建联盟落地投资项目数”）的投资额合计。",
    kind=Kind.SUM,
    unit="亿元",
    value="project__investment",
    base_unit="万元",
)
tourism.table(
    ("unit", "value"),
    (
        "alliances.tourism_visitors",
        "接待游客人次",
        "Tourist visits",
        "期间所在年度各镇(街道)登记的接待游客人次合计。",
        "万人次",
        "visitors",
    ),
    (
        "alliances.tourism_revenue",
        "旅游总收入",
        "Tourism revenue",
        "期间所在年度各镇(街道)登记的旅游总收入合计。",
        "万元",
        "revenue",
    ),
)
indicator(
    "alliances.member_income_increase",
    "党建联盟成员村增收",
    "Income increase of alliance member villages",
    "期末为党建联盟成员的村，期间所在年度村民可支配收入总额（人均可支配收入 × 户籍人口）"
    "比其党组织首次加入联盟前一年增加的数额。缺少加入前一年或当年村情档案的村不计入。",
    **SUM_IN_YEAR,
    unit="万元",
    model=VillageProfile,
    where=member_profile_of,
    value=INCOME_INCREASE,
    base_unit="元",
)

records.show(
    AllianceProject,
    (gettext_noop("联盟"), lambda x: x.alliance.name),
    *records.LINKED_PROJECT,
    select_related=("alliance", "project"),
    ordering=("project__landed_on", "pk"),
    url_name="core:alliance-projects-detail",
)
records.show(
    TownTourism,
    (gettext_noop("镇(街道)"), lambda x: x.area.display_name),
    (gettext_noop("年度"), lambda x: x.year),
    (gettext_noop("接待游客(万人次)"), lambda x: x.visitors),
    (gettext_noop("旅游总收入(万元)"), lambda x: x.revenue),
    select_related=("area",),
    ordering=("area__code",),
    url_name="core:town-tourism-detail",
)
records.show(
    Alliance,
    (gettext_noop("联盟"), lambda x: x.name),
    (gettext_noop("登记区划"), lambda x: x.area.display_name),
    (gettext_noop("牵头党组织"), lambda x: x.lead.name),
    (gettext_noop("成立日期"), lambda x: x.founded_on),
    select_related=("area", "lead"),
    url_name="alliances:detail",
)


def _cents(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


# The increase of each member village, with what it is measured against: the year before the
# village's organisation first joined an alliance, and the income totals of both years.
records.register_drill(
    "alliances.member_income_increase",
    records.DrillColumns(
        {
            "drill_base_year": Subquery(_base_year(OuterRef("area")), output_field=IntegerField()),
            "drill_base_income": Subquery(_BASE_INCOME, output_field=YUAN),
            "drill_income": ExpressionWrapper(F("per_capita_income") * F("population"), YUAN),
        },
        (
            records.RecordColumn(gettext_lazy("基期（入盟前一年）"), lambda p: p.drill_base_year),
            records.RecordColumn(
                gettext_lazy("基期村民可支配收入总额(元)"), lambda p: _cents(p.drill_base_income)
            ),
            records.RecordColumn(
                gettext_lazy("本年村民可支配收入总额(元)"), lambda p: _cents(p.drill_income)
            ),
        ),
    ),
)
