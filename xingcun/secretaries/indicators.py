"""Figures of the first secretaries and 消薄 (report section 三, part two)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q

from xingcun.core.scoping import correlated
from xingcun.indicators.engine import (
    COUNT_AT_END,
    COUNT_IN_YEAR,
    SUM_IN_YEAR,
    Kind,
    Period,
    Semantics,
    family,
)
from xingcun.secretaries.models import (
    FirstSecretary,
    SecretaryFund,
    SecretaryProject,
    WeakCohortVillage,
)
from xingcun.villages.models import VillageProfile

RECENT_YEARS = 3  # "近三年": the period's year and the two before it


def recent(period: Period) -> tuple[dt.date, dt.date]:
    return dt.date(period.end.year - RECENT_YEARS + 1, 1, 1), period.end


def posted_on(period: Period) -> Q:
    end = period.end
    return Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=end))


def cohort_of(period: Period) -> Q:
    return Q(plan__baseline_year__lte=period.end.year)


def left_first_year(period: Period) -> Q:
    return cohort_of(period) & Q(
        exit_year=F("plan__baseline_year") + 1, exit_year__lte=period.end.year
    )


def removed_by(period: Period) -> Q:
    return cohort_of(period) & Q(exit_year__lte=period.end.year)


def still_weak(period: Period) -> Q:
    return cohort_of(period) & (Q(exit_year__isnull=True) | Q(exit_year__gt=period.end.year))


def cohort_profile_before(period: Period) -> Q:
    """Profiles of cohort villages in their plan's baseline year (the debt before the campaign)."""
    member = correlated(WeakCohortVillage).filter(
        area=OuterRef("area"),
        plan__baseline_year=OuterRef("year"),
        plan__baseline_year__lte=period.end.year,
    )
    return Q(Exists(member))


def cohort_profile_now(period: Period) -> Q:
    """Profiles of cohort villages in the period's year, after their plan's baseline year."""
    member = correlated(WeakCohortVillage).filter(
        area=OuterRef("area"), plan__baseline_year__lt=period.end.year
    )
    return Q(year=period.end.year) & Q(Exists(member))


indicator = family(section="resources")
count_at_end = indicator.sharing(**COUNT_AT_END)
count_in_year = indicator.sharing(**COUNT_IN_YEAR, unit="个")
total_in_year = indicator.sharing(**SUM_IN_YEAR)
# The villages of the 消薄 plans' weak cohorts.
cohort = count_at_end.sharing(unit="个", model=WeakCohortVillage)

count_at_end(
    "secretaries.posted",
    "在岗第一书记人数",
    "First secretaries in post",
    "期末在任的第一书记人数（任职开始不晚于期末、尚未结束或结束不早于期末），计入派驻村。",
    unit="人",
    model=FirstSecretary,
    where=posted_on,
)
count_in_year(
    "secretaries.projects_recent",
    "近三年第一书记引进项目数",
    "Projects introduced by first secretaries (3 years)",
    "期间所在年度及此前两年内签约、登记为第一书记引进的投资项目个数，计入第一书记派驻村。",
    model=SecretaryProject,
    where=lambda p: Q(project__signed_on__range=recent(p)),
)
total_in_year(
    "secretaries.funds_recent",
    "近三年第一书记争取项目资金",
    "Funds secured by first secretaries (3 years)",
    "期间所在年度及此前两年内到位的第一书记争取资金合计。",
    unit="亿元",
    model=SecretaryFund,
    where=lambda p: Q(received_on__range=recent(p)),
    value="amount",
    base_unit="万元",
)
cohort.table(
    ("where",),
    (
        "secretaries.weak_cohort",
        "消薄计划认定的薄弱村数",
        "Weak villages identified for removal",
        "认定年度不晚于期间的消薄计划中的薄弱村个数：认定年度村情档案按当年有效的"
        "薄弱村认定规则判定为薄弱的村（名单由“重新计算”按最新档案生成）。",
        cohort_of,
    ),
    (
        "secretaries.weak_left_first_year",
        "第一年实现消薄的村数",
        "Villages that left weak status in the first year",
        "薄弱村名单中，在认定年度的下一年（消薄第一年）的档案已不再是薄弱村的村数。",
        left_first_year,
    ),
)
cohort(
    "secretaries.weak_removed",
    "累计摘帽薄弱村数",
    "Weak villages removed (cumulative)",
    "薄弱村名单中，截至期间所在年度已摘帽（某年档案不再薄弱）的村数。",
    semantics=Semantics.CUMULATIVE,
    where=removed_by,
)
cohort(
    "secretaries.last_exit_year",
    "薄弱村最近摘帽年度",
    "Latest year a weak village left weak status",
    "薄弱村名单中，截至期间所在年度已摘帽的村里最晚的摘帽年度；尚未摘帽薄弱村数为0时，"
    "它就是薄弱村全部摘帽的年份。",
    kind=Kind.MAX,
    semantics=Semantics.CUMULATIVE,
    unit="年",
    where=removed_by,
    value="exit_year",
)
cohort(
    "secretaries.weak_remaining",
    "尚未摘帽薄弱村数",
    "Weak villages not yet removed",
    "薄弱村名单中，截至期间所在年度仍未摘帽的村数；为0的第一年即全部摘帽的年份。",
    where=still_weak,
)

# The cohort's average debt, in the plans' baseline years and in the period's year: the debt of
# the villages that reported a profile (total), over their number (villages).
for semantics, where, (total, villages, average) in (
    (
        Semantics.AS_OF,
        cohort_profile_before,
        (
            (
                "secretaries.cohort_debt_before",
                "薄弱村认定年度债务合计",
                "Debt of the weak cohort in the baseline year",
                "薄弱村名单中各村认定年度村情档案的村级债务合计（村均债务的分子）。",
            ),
            (
                "secretaries.cohort_villages_before",
                "薄弱村认定年度填报档案村数",
                "Cohort villages reporting in the baseline year",
                "薄弱村名单中认定年度填报了村情档案的村数（村均债务的分母）。",
            ),
            (
                "secretaries.cohort_avg_debt_before",
                "薄弱村村均债务（认定年度）",
                "Average debt of the weak cohort before",
                "薄弱村名单各村认定年度债务的平均值：债务合计 ÷ 填报村数。",
            ),
        ),
    ),
    (
        Semantics.WITHIN_YEAR,
        cohort_profile_now,
        (
            (
                "secretaries.cohort_debt_now",
                "薄弱村本年度债务合计",
                "Debt of the weak cohort in the year",
                "薄弱村名单中各村期间所在年度村情档案的村级债务合计（认定年度之后）。",
            ),
            (
                "secretaries.cohort_villages_now",
                "薄弱村本年度填报档案村数",
                "Cohort villages reporting in the year",
                "薄弱村名单中期间所在年度填报了村情档案的村数。",
            ),
            (
                "secretaries.cohort_avg_debt_now",
                "薄弱村村均债务（本年度）",
                "Average debt of the weak cohort after",
                "薄弱村名单各村期间所在年度债务的平均值，与认定年度比较即消薄以来村均债务的变化。",
            ),
        ),
    ),
):
    profiles = indicator.sharing(semantics=semantics, model=VillageProfile, where=where)
    profiles(*total, kind=Kind.SUM, unit="万元", value="debt")
    profiles(*villages, kind=Kind.COUNT, unit="个")
    indicator(
        *average,
        kind=Kind.RATIO,
        semantics=semantics,
        unit="万元",
        numerator=total[0],
        denominator=villages[0],
    )
