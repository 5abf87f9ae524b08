"""Demo data of 党建联盟 for 临安区: the "虹心" alliance of three villages of 高虹镇 with its five-colour
stewards, shared resources and the projects landed through it, and every town's tourism figures.
Run by the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.alliances import services
from xingcun.alliances.models import Alliance, SharedResource, Steward, TownTourism
from xingcun.core.models import Area
from xingcun.pairing.selectors import village_organisations
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile

GAOHONG = "330112102"
FOUNDED = dt.date(2018, 6, 1)
STEWARDS = (
    ("红色管家", "党建引领、组织联建"),
    ("金色管家", "产业发展、招商引资"),
    ("绿色管家", "生态保护、环境整治"),
    ("蓝色管家", "矛盾调解、基层治理"),
    ("橙色管家", "便民服务、志愿服务"),
)
STEWARD_NAMES = ("王建华", "陈丽萍", "章国平", "俞晓燕", "方志强")
RESOURCES = (
    (SharedResource.Kind.VENUE, "联盟党群服务中心", "三村共用的会议、培训和展示场地"),
    (SharedResource.Kind.BRAND, "“虹心”农产品区域品牌", "竹笋、茶叶统一包装和标识"),
    (SharedResource.Kind.CHANNEL, "联盟电商直播间", "三村农产品共用的直播和网店渠道"),
    (SharedResource.Kind.STAFF, "联盟乡村运营团队", "统一负责民宿、研学线路运营"),
)
PROJECTS = (  # name, kind, investment range in 万元 (drawn log-uniformly)
    ("虹心精品民宿集群项目", Project.Kind.TOURISM, 3000, 15000),
    ("虹心研学旅行基地项目", Project.Kind.TOURISM, 2000, 8000),
    ("虹心竹笋精深加工项目", Project.Kind.AGRICULTURE, 1000, 5000),
    ("虹心茶园标准化基地项目", Project.Kind.AGRICULTURE, 500, 2000),
    ("虹心村落景区提升项目", Project.Kind.TOURISM, 1500, 6000),
    ("虹心电商直播基地项目", Project.Kind.ECOMMERCE, 200, 1000),
    ("虹心共享食堂项目", Project.Kind.SERVICE, 100, 500),
    ("虹心露营基地项目", Project.Kind.TOURISM, 1000, 4000),
)


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _tourism(rng: random.Random, county: Area, years: list[int]) -> int:
    rows = []
    for town in Area.tree.filter(parent=county, level=Area.Level.TOWN).order_by("code"):
        base = 45.0 if town.code.startswith(GAOHONG) else rng.uniform(6, 40)
        for i, year in enumerate(years):
            visitors = base * (1.08 + rng.uniform(0, 0.08)) ** i
            if year == 2020:
                visitors *= 0.8  # the epidemic year
            rows.append(
                TownTourism(
                    area=town,
                    year=year,
                    visitors=_money(visitors),
                    revenue=_money(visitors * rng.uniform(140, 210)),
                )
            )
    TownTourism.objects.bulk_create(rows)
    return len(rows)


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    years = sorted(
        set(
            VillageProfile.objects.filter(area__path__startswith=county.path).values_list(
                "year", flat=True
            )
        )
    )[-4:]
    tourism = _tourism(rng, county, years or [2020])
    town = Area.tree.filter(code=GAOHONG.ljust(12, "0")).first()
    if town is None or not county.contains(town):
        town = Area.tree.filter(parent=county, level=Area.Level.TOWN).order_by("code").first()
    if town is None:
        return {"town_tourism": tourism}
    orgs = list(
        village_organisations(on=FOUNDED)
        .filter(area__path__startswith=town.path)
        .order_by("area__code")[:3]
    )
    if not orgs:
        return {"town_tourism": tourism}
    alliance = Alliance(
        area=town,
        code=f"LM-{town.code[:9]}-01",
        name="“虹心”党建联盟" if town.code.startswith(GAOHONG) else f"{town.name}党建联盟",
        brand="五彩管家",
        lead=orgs[0],
        founded_on=FOUNDED,
        uses_stewards=True,
        purpose="资源共享、优势互补、合作共赢，服务当地经济社会发展",
    )
    alliance.full_clean()
    alliance.save()
    for org in orgs:
        services.member_add(alliance=alliance, organisation=org, joined_on=FOUNDED, actor=None)
    for (role, duties), name in zip(STEWARDS, STEWARD_NAMES, strict=True):
        Steward.objects.create(area=town, alliance=alliance, role=role, name=name, duties=duties)
    for resource_kind, title, description in RESOURCES:
        SharedResource.objects.create(
            area=town,
            alliance=alliance,
            kind=resource_kind,
            name=title,
            provider=rng.choice(orgs),
            description=description,
        )
    links = 0
    end = dt.date(years[-1] if years else 2020, 12, 31)
    for n, (name, kind, low, high) in enumerate(PROJECTS, start=1):
        signed = FOUNDED + dt.timedelta(days=rng.randint(30, max(31, (end - FOUNDED).days - 60)))
        landed: dt.date | None = signed + dt.timedelta(days=rng.randint(20, 200))
        status = Project.Status.OPERATING
        if landed is not None and landed + dt.timedelta(days=240) > end:
            status = Project.Status.BUILDING
        if landed is None or landed > end:
            landed, status = None, Project.Status.SIGNED
        project = Project.objects.create(
            area=town,
            code=f"LM{town.code[:9]}-{n:02d}",
            name=name,
            kind=kind,
            sponsor_organisation=rng.choice(orgs),
            investment=_money(low * (high / low) ** rng.random()),
            status=status,
            signed_on=signed,
            landed_on=landed,
        )
        project.villages.set([rng.choice(orgs).area])
        services.project_link(alliance=alliance, project=project, actor=None)
        links += 1
    return {
        "alliances": 1,
        "alliance_members": len(orgs),
        "stewards": len(STEWARDS),
        "shared_resources": len(RESOURCES),
        "alliance_projects": links,
        "town_tourism": tourism,
    }
