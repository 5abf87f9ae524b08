"""The foundation indicators, read from the base registers. Mechanism apps register theirs the
same way: `engine.family` declares what a group of indicators shares, and a table of rows (or one
call) what each member adds."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q

from xingcun.core.models import Area
from xingcun.indicators.engine import (
    COUNT_AT_END,
    COUNT_IN_YEAR,
    PERCENT,
    RATIO_IN_YEAR,
    SUM_IN_YEAR,
    Family,
    Indicator,
    Kind,
    Period,
    Semantics,
)
from xingcun.indicators.rules import weak_profile_condition
from xingcun.organisations.models import Organisation
from xingcun.people.models import Household, PartyMember
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile

VILLAGE_ORG_KINDS = [
    Organisation.Kind.COMMITTEE,
    Organisation.Kind.GENERAL_BRANCH,
    Organisation.Kind.BRANCH,
]
LANDED = [Project.Status.BUILDING, Project.Status.OPERATING]
OPERATING = F("operating_income") + F("contract_income") + F("investment_income")
COLLECTIVE = OPERATING + F("subsidy_income") + F("other_income")


def village_organisation_on(period: Period) -> Q:
    """A village's own party organisation (not a branch under it), existing on the period's end."""
    end = period.end
    return (
        Q(area__level=Area.Level.VILLAGE, category=Organisation.Category.REGULAR)
        & Q(kind__in=VILLAGE_ORG_KINDS)
        & (Q(parent__isnull=True) | ~Q(parent__kind__in=VILLAGE_ORG_KINDS))
        & (Q(founded_on__isnull=True) | Q(founded_on__lte=end))
        & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))
    )


def member_on(period: Period) -> Q:
    end = period.end
    return Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gt=end))


def landed_by(period: Period) -> Q:
    return Q(status__in=LANDED, landed_on__lte=period.end)


CODES: list[str] = []  # the foundation indicators, in registration order


class _Foundation(Family):
    """The foundation's families: their members are listed in CODES."""

    def __call__(self, *args: Any, **own: Any) -> Indicator:
        indicator = super().__call__(*args, **own)
        CODES.append(indicator.code)
        return indicator


def profile_of(period: Period) -> Q:
    return Q(year=period.end.year)


def weak_profile_of(period: Period) -> Q:
    return profile_of(period) & weak_profile_condition(period.end.year)


indicator = _Foundation()
count_at_end = indicator.sharing(**COUNT_AT_END)
count_at_end.table(
    ("section", "unit", "model", "where"),
    (
        "party.organisations",
        "村级党组织数",
        "Village party organisations",
        "期末存在的村(社区)党组织个数：登记在村(社区)、类别为村(社区)党组织的党委、党总支或"
        "党支部，不含其下设的党支部和党小组，也不含功能型、临时党组织。"
        "成立日期晚于期末或在期末前已撤销的不计。",
        "organisation",
        "个",
        Organisation,
        village_organisation_on,
    ),
    (
        "party.members",
        "党员人数",
        "Party members",
        "期末在册的党员（含预备党员）人数：入党日期不晚于期末，且没有在期末前离开。",
        "members",
        "人",
        PartyMember,
        member_on,
    ),
    (
        "party.members_without_office",
        "无职党员人数",
        "Members without office",
        "期末在册、未担任村(社区)职务的党员人数，是设岗定责的对象。"
        "是否任职按党员登记中的当前状态判断。",
        "members",
        "人",
        PartyMember,
        lambda p: member_on(p) & Q(holds_office=False),
    ),
    (
        "party.returned_entrepreneurs",
        "返乡创业党员人数",
        "Returned entrepreneur members",
        "期末在册、登记为返乡创业的党员人数（“两进两回”中的青年回农村、乡贤回农村）。",
        "organisation",
        "人",
        PartyMember,
        lambda p: member_on(p) & Q(returned_entrepreneur=True),
    ),
)

# The registers keep no history: every period reads the same current counts.
current_count = indicator.sharing(kind=Kind.COUNT, semantics=Semantics.CURRENT)
current_count(
    "villages.count",
    "村(社区)数",
    "Villages and communities",
    "区划库中现有的村(社区)个数（行政村和社区）。区划库不记历史，各期间取值相同。",
    unit="个",
    model=Area,
    path="path",
    where=lambda p: Q(level=Area.Level.VILLAGE),
)
households = current_count.sharing(unit="户", model=Household, where=lambda p: Q())
households.table(
    ("narrow",),
    (
        "households.count",
        "农户数",
        "Households",
        "农户登记簿中的户数。登记簿不记历史，各期间取值相同，需要留底时请冻结快照。",
        None,
    ),
    (
        "households.demonstration",
        "示范户数",
        "Demonstration households",
        "农户登记簿中标记为示范户的户数（按当前登记）。",
        Q(is_demonstration=True),
    ),
    (
        "households.low_income",
        "低收入户数",
        "Low-income households",
        "农户登记簿中标记为低收入（贫困）户的户数（按当前登记）。",
        Q(is_low_income=True),
    ),
)

landed = indicator.sharing(
    semantics=Semantics.CUMULATIVE, section="resources", model=Project, where=landed_by
)
landed(
    "projects.landed",
    "落地投资项目数",
    "Projects landed",
    "截至期末累计落地的投资项目个数：状态为在建或投产、落地日期不晚于期末。"
    "项目计入登记它的区划（区、镇或村），只签约未落地的不计。",
    kind=Kind.COUNT,
    unit="个",
)
landed(
    "projects.investment",
    "落地项目总投资",
    "Investment of projects landed",
    "截至期末累计落地的投资项目（同“落地投资项目数”）的投资额合计。",
    kind=Kind.SUM,
    unit="亿元",
    value="investment",
    base_unit="万元",
)

# Sums over the village profiles of the period's year.
profile_total = indicator.sharing(**SUM_IN_YEAR, model=VillageProfile, where=profile_of)
profile_total.table(
    ("unit", "value", "base_unit", "sum_places"),
    (
        "villages.collective_income",
        "村级集体经济收入",
        "Village collective income",
        "期间所在年度村情档案中集体经济收入的合计：经营收入、发包及上交收入、投资收益、"
        "补助收入和其他收入五项之和。",
        "万元",
        COLLECTIVE,
        "",
        2,
    ),
    (
        "villages.operating_income",
        "村级集体经营性收入",
        "Village operating income",
        "期间所在年度村情档案中经营收入、发包及上交收入、投资收益三项之和（消薄口径）。",
        "万元",
        OPERATING,
        "",
        2,
    ),
    (
        "villages.population",
        "户籍人口",
        "Registered population",
        "期间所在年度村情档案中的户籍人口合计（只计已填报档案的村）。",
        "人",
        "population",
        "",
        0,
    ),
    (
        "villages.disposable_income",
        "村民可支配收入总额",
        "Villagers' disposable income",
        "期间所在年度各村“人均可支配收入 × 户籍人口”的合计，是人均收入的分子。",
        "亿元",
        F("per_capita_income") * F("population"),
        "元",
        2,
    ),
)

indicator(
    "villages.per_capita_income",
    "村民人均可支配收入",
    "Per-capita disposable income",
    "村民可支配收入总额除以户籍人口，按人口加权：镇、区的人均收入不是各村人均收入的简单平均。",
    unit="元",
    **RATIO_IN_YEAR,
    numerator="villages.disposable_income",
    denominator="villages.population",
)
indicator(
    "villages.weak",
    "集体经济薄弱村数",
    "Villages with a weak collective economy",
    # WEAK_RULE_TEXT spelled out: the whole sentence is one message (indicators.messages).
    "期间所在年度村情档案中属于集体经济薄弱村的村数。按当年有效的薄弱村认定规则（“薄弱村认定规则”登记簿，镇规则优先于区规则）判定；默认标准为年集体经济总收入低于10万元且经营性收入低于5万元。未填报档案或所在辖区未设规则的村不计入。",
    unit="个",
    **COUNT_IN_YEAR,
    model=VillageProfile,
    where=weak_profile_of,
)
indicator(
    "villages.weak_share",
    "集体经济薄弱村占比",
    "Share of weak villages",
    "集体经济薄弱村数占村(社区)数的百分比。",
    **PERCENT,
    semantics=Semantics.WITHIN_YEAR,
    numerator="villages.weak",
    denominator="villages.count",
)
indicator(
    "villages.debt",
    "村级债务",
    "Village debt",
    "各村截至期间所在年度最近一次填报的村级债务之和（某年未填报的村沿用上一次）。",
    unit="万元",
    kind=Kind.LATEST,
    semantics=Semantics.AS_OF,
    model=VillageProfile,
    where=lambda p: Q(year__lte=p.end.year),
    value="debt",
    latest_by="year",
)
indicator(
    "villages.collective_income_growth",
    "村级集体经济收入增长率",
    "Growth of village collective income",
    "村级集体经济收入比上年同期增长的百分比：（本期 − 上年同期）÷ 上年同期。",
    unit="%",
    kind=Kind.CHANGE,
    semantics=Semantics.WITHIN_YEAR,
    base="villages.collective_income",
    relative=True,
)
