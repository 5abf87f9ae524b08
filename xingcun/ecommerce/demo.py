"""Demo data of the industry organisations for 临安区: village e-commerce by year (淘宝村 clustered in
昌化镇 with 白牛村 and its 淘宝党支部, and in 岛石镇), the default 淘宝村/淘宝镇 rule, regions that
copied the model, and the 天目山镇 新农人 temporary branch with its entrepreneurship projects. Run by
the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import Q

from xingcun.core.models import Area
from xingcun.ecommerce import rules, services
from xingcun.ecommerce.models import EcommerceRecord, NewFarmerBranch, Replication
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile

BAINIU = "330112108230"
TIANMUSHAN = "330112116"
TAOBAO_TOWNS = ("330112108", "330112113")  # 昌化镇, 岛石镇
REGIONS = (
    ("衢州市开化县", "组织村干部来白牛村跟班学习"),
    ("丽水市遂昌县", "引进电商协会运营模式"),
    ("湖州市安吉县", "结对共建电商党支部"),
    ("金华市磐安县", "复制“村党支部+电商协会+合作组织”"),
    ("黄山市歙县", "电商人才互派培训"),
    ("宣城市宁国市", "山核桃网货供应链合作"),
    ("杭州市淳安县", "跟班学习淘宝党支部建设"),
    ("温州市泰顺县", "复制合作社电商运营模式"),
    ("四川省青川县", "东西部协作电商帮扶"),
    ("贵州省湄潭县", "东西部协作电商帮扶"),
    ("台州市仙居县", "引进电商协会运营模式"),
    ("绍兴市新昌县", "复制淘宝党小组做法"),
)
PROJECTS = (
    "高山蔬菜基地", "香榧林下经济", "中药材种植基地", "民宿改造", "茶叶加工厂",
    "家庭农场", "农产品电商店", "精品果园", "研学农场", "竹笋保鲜加工",
)  # fmt: skip


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _records(rng: random.Random, county: Area, years: list[int]) -> int:
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    industries = {
        (p.area_id, p.year): p.industries
        for p in VillageProfile.objects.filter(area__path__startswith=county.path)
    }
    households = {
        (p.area_id, p.year): p.households
        for p in VillageProfile.objects.filter(area__path__startswith=county.path)
    }
    by_town: dict[str, list[Area]] = {}
    for v in villages:
        by_town.setdefault(v.code[:9], []).append(v)
    taobao = {BAINIU}
    for town in TAOBAO_TOWNS:
        pool = [v.code for v in by_town.get(town, []) if v.code != BAINIU]
        taobao |= set(rng.sample(pool, min(len(pool), 3)))
    others = [v.code for v in villages if v.code[:9] not in TAOBAO_TOWNS]
    taobao |= set(rng.sample(others, min(len(others), 2)))
    rows = []
    for village in villages:
        big = village.code in taobao
        none = not big and rng.random() < 0.06
        base_shops = rng.randint(130, 260) if big else rng.randint(2, 18)
        for i, year in enumerate(years):
            growth = (1.12 + rng.uniform(0, 0.1)) ** (i - len(years) + 1)
            shops = 0 if none else max(1, round(base_shops * growth))
            active = round(shops * rng.uniform(0.65, 0.85))
            tags = industries.get((village.pk, year), "")
            per_shop = rng.uniform(55, 90) if big else rng.uniform(5, 30)
            if "电商" in tags:
                per_shop *= 1.3
            sales = shops * per_shop
            homes = households.get((village.pk, year)) or 300
            rows.append(
                EcommerceRecord(
                    area=village,
                    year=year,
                    online_shops=shops,
                    active_shops=active,
                    online_sales=_money(sales),
                    ecommerce_households=min(homes, round(shops * rng.uniform(0.8, 1.3))),
                    has_taobao_branch=village.code == BAINIU or (big and rng.random() < 0.5),
                    has_association=big,
                    has_cooperative=big or rng.random() < 0.3,
                )
            )
    EcommerceRecord.objects.bulk_create(rows)
    return len(rows)


def _replications(rng: random.Random, county: Area, last: int) -> int:
    bainiu = Area.tree.filter(code=BAINIU).first()
    source = bainiu if bainiu is not None and county.contains(bainiu) else None
    rows = [
        Replication(
            area=county,
            region=region,
            replicated_on=dt.date(rng.randint(2017, last), rng.randint(1, 12), rng.randint(1, 28)),
            how=how,
            source=source,
        )
        for region, how in REGIONS
    ]
    Replication.objects.bulk_create(rows)
    return len(rows)


def _newfarmer(rng: random.Random, county: Area, last: int) -> dict[str, int]:
    org = (
        Organisation.objects.filter(
            area__path__startswith=county.path,
            category=Organisation.Category.TEMPORARY,
            name__contains="新农人",
        )
        .order_by("code")
        .first()
    )
    if org is None:
        return {}
    branch = NewFarmerBranch(
        area=org.area,
        organisation=org,
        sponsor=NewFarmerBranch.Sponsor.TOWN,
        focus="返乡创业党员成长为专业大户、家庭农场主和农业企业骨干",
    )
    branch.full_clean()
    branch.save()
    members = [
        m.member
        for m in BranchMembership.objects.filter(organisation=org)
        .select_related("member__person")
        .order_by("joined_on", "id")
        if m.member.returned_entrepreneur
    ]
    villages = list(
        Area.tree.filter(path__startswith=org.area.path, level=Area.Level.VILLAGE).order_by("code")
    )
    end = dt.date(last, 12, 31)
    start = org.founded_on or dt.date(last - 1, 1, 1)
    links = 0
    for n, title in enumerate(PROJECTS, start=1):
        signed = start + dt.timedelta(days=rng.randint(0, max(1, (end - start).days - 30)))
        landed: dt.date | None = signed + dt.timedelta(days=rng.randint(15, 120))
        status = Project.Status.OPERATING
        if landed is None or landed > end:
            landed, status = None, Project.Status.SIGNED
        elif landed + dt.timedelta(days=200) > end:
            status = Project.Status.BUILDING
        member = members[(n - 1) % len(members)] if members else None
        village = rng.choice(villages) if villages else org.area
        project = Project.objects.create(
            area=village,
            code=f"XNR{last}-{n:02d}",
            name=f"{village.display_name}{title}项目",
            kind=Project.Kind.TOURISM if "民宿" in title else Project.Kind.AGRICULTURE,
            sponsor_organisation=org,
            sponsor_person=member.person if member else None,
            investment=_money(80 * (1200 / 80) ** rng.random()),
            status=status,
            signed_on=signed,
            landed_on=landed,
        )
        project.villages.set([village] if village.level == Area.Level.VILLAGE else [])
        services.newfarmer_project_link(branch=branch, project=project, member=member, actor=None)
        links += 1
    return {"newfarmer_branches": 1, "newfarmer_projects": links}


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    rules.ensure_default_rule(district=county)
    years = sorted(
        set(
            VillageProfile.objects.filter(area__path__startswith=county.path).values_list(
                "year", flat=True
            )
        )
    )[-4:] or [2020]
    counts = {
        "taobao_rules": 1,
        "ecommerce_records": _records(rng, county, years),
        "replications": _replications(rng, county, years[-1]),
    }
    counts.update(_newfarmer(rng, county, years[-1]))
    counts["returned_entrepreneurs_in_branches"] = BranchMembership.objects.filter(
        Q(organisation__new_farmer_branch__isnull=False), member__returned_entrepreneur=True
    ).count()
    return counts
