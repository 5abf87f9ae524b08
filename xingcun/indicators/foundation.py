"""The foundation indicators, read from the base registers. Mechanism apps register theirs the
same way: one `register(Indicator(...))` call each."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Q

from xingcun.core.models import Area
from xingcun.indicators.engine import Indicator, Kind, Period, Semantics, register
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


def _register(indicator: Indicator) -> None:
    CODES.append(register(indicator).code)


def profile_of(period: Period) -> Q:
    return Q(year=period.end.year)


def weak_profile_of(period: Period) -> Q:
    return profile_of(period) & weak_profile_condition(period.end.year)


_register(
    Indicator(
        code="party.organisations",
        name="村级党组织数",
        name_en="Village party organisations",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.AS_OF,
        section="organisation",
        description=(
            "期末存在的村(社区)党组织个数：登记在村(社区)、类别为村(社区)党组织的党委、党总支或"
            "党支部，不含其下设的党支部和党小组，也不含功能型、临时党组织。"
            "成立日期晚于期末或在期末前已撤销的不计。"
        ),
        model=Organisation,
        where=village_organisation_on,
    )
)
_register(
    Indicator(
        code="party.members",
        name="党员人数",
        name_en="Party members",
        unit="人",
        kind=Kind.COUNT,
        semantics=Semantics.AS_OF,
        section="members",
        description="期末在册的党员（含预备党员）人数：入党日期不晚于期末，且没有在期末前离开。",
        model=PartyMember,
        where=member_on,
    )
)
_register(
    Indicator(
        code="party.members_without_office",
        name="无职党员人数",
        name_en="Members without office",
        unit="人",
        kind=Kind.COUNT,
        semantics=Semantics.AS_OF,
        section="members",
        description=(
            "期末在册、未担任村(社区)职务的党员人数，是设岗定责的对象。"
            "是否任职按党员登记中的当前状态判断。"
        ),
        model=PartyMember,
        where=lambda p: member_on(p) & Q(holds_office=False),
    )
)
_register(
    Indicator(
        code="party.returned_entrepreneurs",
        name="返乡创业党员人数",
        name_en="Returned entrepreneur members",
        unit="人",
        kind=Kind.COUNT,
        semantics=Semantics.AS_OF,
        section="organisation",
        description="期末在册、登记为返乡创业的党员人数（“两进两回”中的青年回农村、乡贤回农村）。",
        model=PartyMember,
        where=lambda p: member_on(p) & Q(returned_entrepreneur=True),
    )
)
_register(
    Indicator(
        code="villages.count",
        name="村(社区)数",
        name_en="Villages and communities",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CURRENT,
        description="区划库中现有的村(社区)个数（行政村和社区）。区划库不记历史，各期间取值相同。",
        model=Area,
        path="path",
        where=lambda p: Q(level=Area.Level.VILLAGE),
    )
)
_register(
    Indicator(
        code="households.count",
        name="农户数",
        name_en="Households",
        unit="户",
        kind=Kind.COUNT,
        semantics=Semantics.CURRENT,
        description="农户登记簿中的户数。登记簿不记历史，各期间取值相同，需要留底时请冻结快照。",
        model=Household,
        where=lambda p: Q(),
    )
)
_register(
    Indicator(
        code="households.demonstration",
        name="示范户数",
        name_en="Demonstration households",
        unit="户",
        kind=Kind.COUNT,
        semantics=Semantics.CURRENT,
        description="农户登记簿中标记为示范户的户数（按当前登记）。",
        model=Household,
        where=lambda p: Q(is_demonstration=True),
    )
)
_register(
    Indicator(
        code="households.low_income",
        name="低收入户数",
        name_en="Low-income households",
        unit="户",
        kind=Kind.COUNT,
        semantics=Semantics.CURRENT,
        description="农户登记簿中标记为低收入（贫困）户的户数（按当前登记）。",
        model=Household,
        where=lambda p: Q(is_low_income=True),
    )
)
_register(
    Indicator(
        code="projects.landed",
        name="落地投资项目数",
        name_en="Projects landed",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description=(
            "截至期末累计落地的投资项目个数：状态为在建或投产、落地日期不晚于期末。"
            "项目计入登记它的区划（区、镇或村），只签约未落地的不计。"
        ),
        model=Project,
        where=landed_by,
    )
)
_register(
    Indicator(
        code="projects.investment",
        name="落地项目总投资",
        name_en="Investment of projects landed",
        unit="亿元",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末累计落地的投资项目（同“落地投资项目数”）的投资额合计。",
        model=Project,
        where=landed_by,
        value="investment",
        base_unit="万元",
    )
)
_register(
    Indicator(
        code="villages.collective_income",
        name="村级集体经济收入",
        name_en="Village collective income",
        unit="万元",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        description=(
            "期间所在年度村情档案中集体经济收入的合计：经营收入、发包及上交收入、投资收益、"
            "补助收入和其他收入五项之和。"
        ),
        model=VillageProfile,
        where=profile_of,
        value=COLLECTIVE,
    )
)
_register(
    Indicator(
        code="villages.operating_income",
        name="村级集体经营性收入",
        name_en="Village operating income",
        unit="万元",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        description="期间所在年度村情档案中经营收入、发包及上交收入、投资收益三项之和（消薄口径）。",
        model=VillageProfile,
        where=profile_of,
        value=OPERATING,
    )
)
_register(
    Indicator(
        code="villages.population",
        name="户籍人口",
        name_en="Registered population",
        unit="人",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        description="期间所在年度村情档案中的户籍人口合计（只计已填报档案的村）。",
        model=VillageProfile,
        where=profile_of,
        value="population",
        sum_places=0,
    )
)
_register(
    Indicator(
        code="villages.disposable_income",
        name="村民可支配收入总额",
        name_en="Villagers' disposable income",
        unit="亿元",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        description="期间所在年度各村“人均可支配收入 × 户籍人口”的合计，是人均收入的分子。",
        model=VillageProfile,
        where=profile_of,
        value=F("per_capita_income") * F("population"),
        base_unit="元",
    )
)
_register(
    Indicator(
        code="villages.per_capita_income",
        name="村民人均可支配收入",
        name_en="Per-capita disposable income",
        unit="元",
        kind=Kind.RATIO,
        semantics=Semantics.WITHIN_YEAR,
        description=(
            "村民可支配收入总额除以户籍人口，按人口加权：镇、区的人均收入不是各村人均收入的"
            "简单平均。"
        ),
        numerator="villages.disposable_income",
        denominator="villages.population",
    )
)
_register(
    Indicator(
        code="villages.weak",
        name="集体经济薄弱村数",
        name_en="Villages with a weak collective economy",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        # WEAK_RULE_TEXT spelled out: the whole sentence is one message (indicators.messages).
        description=(
            "期间所在年度村情档案中属于集体经济薄弱村的村数。按当年有效的薄弱村认定规则（“薄弱村认定规则”登记簿，镇规则优先于区规则）判定；默认标准为年集体经济总收入低于10万元且经营性收入低于5万元。未填报档案或所在辖区未设规则的村不计入。"
        ),
        model=VillageProfile,
        where=weak_profile_of,
    )
)
_register(
    Indicator(
        code="villages.weak_share",
        name="集体经济薄弱村占比",
        name_en="Share of weak villages",
        unit="%",
        kind=Kind.RATIO,
        semantics=Semantics.WITHIN_YEAR,
        description="集体经济薄弱村数占村(社区)数的百分比。",
        numerator="villages.weak",
        denominator="villages.count",
        scale=Decimal(100),
    )
)
_register(
    Indicator(
        code="villages.debt",
        name="村级债务",
        name_en="Village debt",
        unit="万元",
        kind=Kind.LATEST,
        semantics=Semantics.AS_OF,
        description="各村截至期间所在年度最近一次填报的村级债务之和（某年未填报的村沿用上一次）。",
        model=VillageProfile,
        where=lambda p: Q(year__lte=p.end.year),
        value="debt",
        latest_by="year",
    )
)
_register(
    Indicator(
        code="villages.collective_income_growth",
        name="村级集体经济收入增长率",
        name_en="Growth of village collective income",
        unit="%",
        kind=Kind.CHANGE,
        semantics=Semantics.WITHIN_YEAR,
        description="村级集体经济收入比上年同期增长的百分比：（本期 − 上年同期）÷ 上年同期。",
        base="villages.collective_income",
        relative=True,
    )
)
