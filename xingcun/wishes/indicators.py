"""Figures of 微心愿 and 走亲连心 visits (report section 二, part three). All are counted within the
period: from 1 January to the period's end (the year, or the year to a month-end)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_noop

from xingcun.indicators import records, units
from xingcun.indicators.engine import (
    COUNT_IN_YEAR,
    RATIO_IN_YEAR,
    SUM_IN_YEAR,
    Period,
    family,
)
from xingcun.wishes.models import Visit, Wish

# The engine's unit table has no unit of time yet; average durations need one.
units.UNITS.setdefault("天", units.Unit("天", "天", 0, 1))


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def submitted_in(period: Period) -> Q:
    return _between("submitted_on", period)


def claimed_in(period: Period) -> Q:
    return _between("first_claimed_on", period)


def fulfilled_in(period: Period) -> Q:
    return Q(status=Wish.Status.FULFILLED) & _between("fulfilled_on", period)


def visited_in(period: Period) -> Q:
    return _between("visited_on", period)


indicator = family(section="members")
count_in_year = indicator.sharing(**COUNT_IN_YEAR)
# Numbers of issues that the year's visits record, added up.
issues_in_year = indicator.sharing(
    **SUM_IN_YEAR, unit="个", model=Visit, where=visited_in, sum_places=0
)

count_in_year.sharing(unit="个", model=Wish).table(
    ("where",),
    (
        "wishes.submitted",
        "收集微心愿数",
        "Micro-wishes collected",
        "期间内收集的群众微心愿个数（按收集日期），含村干部登记、走访收集和群众网上提交的，"
        "也含核实后下架的。心愿计入所在的村(社区)。",
        submitted_in,
    ),
    (
        "wishes.claimed",
        "认领微心愿数",
        "Micro-wishes claimed",
        "期间内被党员或党组织认领的微心愿个数，按首次认领日期计；认领超期或放弃后再次认领的，"
        "只计一次。",
        claimed_in,
    ),
    (
        "wishes.fulfilled",
        "实现微心愿数",
        "Micro-wishes fulfilled",
        "期间内实现的微心愿个数：认领人报告实现、村干部向心愿人核实确认并办结的，"
        "按确认日期计。只报告未确认的不计。",
        fulfilled_in,
    ),
)
indicator(
    "wishes.fulfil_days_total",
    "实现微心愿累计用时",
    "Days taken by fulfilled wishes",
    "期间内实现的微心愿（同“实现微心愿数”）从收集到确认实现的天数之和，用于计算平均实现天数。",
    **SUM_IN_YEAR,
    unit="天",
    model=Wish,
    where=fulfilled_in,
    value="days_to_fulfil",
    sum_places=0,
)
indicator(
    "wishes.average_days",
    "微心愿平均实现天数",
    "Average days to fulfil a wish",
    "期间内实现的微心愿从收集到确认实现平均用的天数："
    "实现微心愿累计用时 ÷ 实现微心愿数。上级的值按全部心愿计算，不是下级平均数的平均。",
    **RATIO_IN_YEAR,
    unit="天",
    numerator="wishes.fulfil_days_total",
    denominator="wishes.fulfilled",
    scale=Decimal(1),
)
count_in_year(
    "visits.count",
    "走亲连心走访次数",
    "Visits (kinship-and-service visits)",
    "期间内干部“走亲连心三服务”走访村(社区)、农户和企业的次数，计入被走访的村。",
    unit="次",
    model=Visit,
    where=visited_in,
)
issues_in_year.table(
    ("value",),
    (
        "visits.issues_raised",
        "走访收集问题数",
        "Issues raised in visits",
        "期间内走访（同“走亲连心走访次数”）中群众反映、干部收集的问题个数之和。",
        "issues_raised",
    ),
    (
        "visits.issues_resolved",
        "走访解决问题数",
        "Issues resolved in visits",
        "期间内走访中收集并已解决的问题个数之和（按走访记录登记的解决数）。",
        "issues_resolved",
    ),
)

records.show(
    Wish,
    (gettext_noop("心愿编号"), lambda w: w.number),
    (gettext_noop("心愿"), lambda w: w.title),
    (gettext_noop("所在村社"), lambda w: w.area.display_name),
    (gettext_noop("状态"), lambda w: w.get_status_display()),
    (gettext_noop("收集日期"), lambda w: w.submitted_on),
    (gettext_noop("首次认领日期"), lambda w: w.first_claimed_on),
    (gettext_noop("实现日期"), lambda w: w.fulfilled_on),
    (gettext_noop("实现用时(天)"), lambda w: w.days_to_fulfil),
    select_related=("area",),
    ordering=("-submitted_on", "pk"),
    url_name="wishes:detail",
)
records.show(
    Visit,
    (gettext_noop("走访日期"), lambda v: v.visited_on),
    (gettext_noop("走访干部"), lambda v: v.cadre_name),
    (gettext_noop("村社"), lambda v: v.area.display_name),
    (gettext_noop("走访对象"), lambda v: v.get_target_display()),
    (gettext_noop("收集问题数"), lambda v: v.issues_raised),
    (gettext_noop("解决问题数"), lambda v: v.issues_resolved),
    select_related=("area",),
    ordering=("-visited_on", "pk"),
    url_name="core:visits-detail",
)
