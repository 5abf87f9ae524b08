"""Demo data of the talent teams and 点单 for 临安区: six district teams and a few town teams,
experts with chief agricultural experts (水果首席专家 张青 among them), three years of orders
answered, delivered and rated (some still open or late at the end of 2020), and the experts'
demonstration projects, including 张青's sweet-cherry “北果南引” project. Synthetic throughout.
Run by the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.accounts.models import User
from xingcun.core.models import Area
from xingcun.orders import services
from xingcun.orders.models import (
    DemonstrationProject,
    Expert,
    ServiceOrder,
    ServiceTeam,
    SolvedProblem,
)

YEARS = (2018, 2019, 2020)
LAST_DAY = dt.date(2020, 12, 31)
CHIEFS = (  # name, chief field, specialty
    ("张青", "水果", "水果、甜樱桃、杨梅、果树栽培、病虫害防治"),
    ("李春华", "茶叶", "茶叶、茶园管理、制茶工艺"),
    ("王立新", "竹笋", "竹笋、雷竹、竹林培育"),
    ("陈永良", "山核桃", "山核桃、林下经济、病虫害防治"),
    ("徐美娟", "蔬菜", "高山蔬菜、设施农业、土壤肥料"),
)
SPECIALTIES = {
    "产业发展": ("种植技术", "农产品电商", "品牌营销", "养殖", "农机"),
    "乡村建设": ("村庄规划", "建筑设计", "民宿设计", "水利工程", "环境整治"),
    "乡风文明": ("文化礼堂", "非遗传承", "文艺辅导", "家风家训"),
    "乡村治理": ("法律服务", "人民调解", "网格治理", "村务管理"),
    "强村富民": ("集体经济", "财务管理", "合作社经营", "就业创业"),
    "改革助力": ("农村产权", "土地流转", "股份合作", "农村金融"),
}
NEEDS = {
    "产业发展": (
        "果树病虫害防治指导",
        "茶园春季管理培训",
        "雷竹覆盖技术指导",
        "农产品直播带货培训",
    ),
    "乡村建设": ("村庄环境整治方案", "民宿改造设计咨询", "山塘水库安全检查"),
    "乡风文明": ("文化礼堂活动策划", "非遗项目传承辅导", "好家风宣讲"),
    "乡村治理": ("土地纠纷法律咨询", "村规民约修订指导", "网格员业务培训"),
    "强村富民": ("村集体物业经营方案", "合作社财务规范", "低收入农户就业指导"),
    "改革助力": ("集体资产股份量化咨询", "林权流转政策解读", "农村产权交易指导"),
}
PROBLEMS = {
    "产业发展": ("樱桃裂果", "茶饼病", "竹笋退笋", "山核桃干腐病", "蔬菜根结线虫", "直播间流量低"),
    "乡村建设": ("排水不畅", "民宿采光不足", "道路边坡隐患"),
    "乡风文明": ("礼堂活动参与少", "非遗传承人断档"),
    "乡村治理": ("宅基地边界纠纷", "村务公开不及时"),
    "强村富民": ("集体资产闲置", "合作社账目不规范"),
    "改革助力": ("股权登记不清", "流转合同不规范"),
}
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志新春林海燕红"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    categories = services.categories_ensure_defaults(district=county)
    services.order_rule_ensure_default(district=county)
    towns = list(Area.tree.filter(parent=county, level=Area.Level.TOWN).order_by("code"))
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    by_town: dict[int, list[Area]] = {}
    for v in villages:
        by_town.setdefault(v.parent_id or 0, []).append(v)

    teams = [
        ServiceTeam(
            area=county,
            name=f"{c.name}人才服务队",
            category=c,
            leader=_name(rng),
            formed_on=dt.date(2018, 3, 1),
        )
        for c in categories
    ]
    for town in rng.sample(towns, k=min(3, len(towns))):
        c = rng.choice(categories)
        teams.append(
            ServiceTeam(
                area=town,
                name=f"{town.name}{c.name}服务分队",
                category=c,
                leader=_name(rng),
                formed_on=dt.date(2019, 4, 1),
            )
        )
    ServiceTeam.objects.bulk_create(teams)
    district_teams = {t.category_id: t for t in teams if t.area_id == county.pk}

    login = User.objects.filter(username="expert").first()
    experts: list[Expert] = []
    for i, (name, field, specialty) in enumerate(CHIEFS):
        experts.append(
            Expert(
                area=county,
                code=f"ZJ{i + 1:04d}",
                name=name,
                unit="区农业农村局",
                specialty=specialty,
                chief_field=field,
                user=login if i == 0 else None,
            )
        )
    per_category = max(3, round(8 * scale))
    for category in categories:
        for _ in range(per_category):
            experts.append(
                Expert(
                    area=county,
                    code=f"ZJ{len(experts) + 1:04d}",
                    name=_name(rng),
                    unit=rng.choice(
                        (
                            "区农业农村局",
                            "区林业局",
                            "区司法局",
                            "区文广旅体局",
                            "区财政局",
                            "镇农业服务中心",
                        )
                    ),
                    specialty="、".join(rng.sample(SPECIALTIES[category.name], k=2)),
                )
            )
    Expert.objects.bulk_create(experts)
    if login is not None:  # one name for the account everywhere: the expert record's
        login.display_name = experts[0].name
        login.save(update_fields=["display_name"])
    chiefs = experts[: len(CHIEFS)]
    for expert in experts:
        expert.teams.add(
            district_teams[categories[0].pk] if expert.chief_field else rng.choice(teams)
        )
    by_category: dict[str, list[Expert]] = {}
    for expert in experts[len(CHIEFS) :]:
        team = expert.teams.first()
        if team is not None:
            by_category.setdefault(team.category.name, []).append(expert)

    orders: list[ServiceOrder] = []
    served: list[list[Area]] = []
    problems: list[list[str]] = []
    sequence: dict[dt.date, int] = {}
    for year in YEARS:
        count = max(30, round(160 * scale * (1 + 0.2 * (year - 2018))))
        for _ in range(count):
            village = rng.choice(villages)
            category = rng.choices(categories, weights=(6, 2, 1, 1, 2, 1))[0]
            ordered = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 350))
            sequence[ordered] = sequence.get(ordered, 0) + 1
            pool = by_category.get(category.name) or experts
            expert = (
                rng.choice(chiefs)
                if category.name == "产业发展" and rng.random() < 0.5
                else rng.choice(pool)
            )
            assigned = ordered + dt.timedelta(days=rng.randint(0, 2))
            accepted = assigned + dt.timedelta(days=rng.randint(0, 2))
            delivered = accepted + dt.timedelta(days=rng.randint(1, 12))
            order = ServiceOrder(
                area=village,
                number=f"DD{ordered:%Y%m%d}{sequence[ordered]:04d}",
                category=category,
                need=rng.choice(NEEDS[category.name]),
                ordered_on=ordered,
                team=district_teams.get(category.pk),
                expert=expert,
                assigned_on=assigned,
            )
            if delivered <= LAST_DAY - dt.timedelta(days=10):
                order.status = ServiceOrder.Status.CLOSED
                order.accepted_on, order.delivered_on = accepted, delivered
                order.beneficiaries = rng.randint(8, 60)
                order.rating = rng.choices((5, 4, 3), weights=(6, 3, 1))[0]
                order.closed_on = delivered + dt.timedelta(days=rng.randint(1, 5))
                order.delivery_note = "现场指导并答复问题"
                siblings = by_town.get(village.parent_id or 0, [village])
                served.append(
                    [village, *rng.sample(siblings, k=min(len(siblings), rng.choice((0, 0, 1, 2))))]
                )
                problems.append(rng.sample(PROBLEMS[category.name], k=rng.randint(1, 2)))
            else:
                order.status = rng.choice(
                    (ServiceOrder.Status.ASSIGNED, ServiceOrder.Status.ACCEPTED)
                )
                if order.status == ServiceOrder.Status.ACCEPTED:
                    order.accepted_on = accepted
                served.append([])
                problems.append([])
            orders.append(order)
    ServiceOrder.objects.bulk_create(orders)
    through = ServiceOrder.villages.through
    through.objects.bulk_create(
        [
            through(serviceorder_id=o.pk, area_id=v.pk)
            for o, vs in zip(orders, served, strict=True)
            for v in {a.pk: a for a in vs}.values()
        ]
    )
    solved = [
        SolvedProblem(area=o.area, order=o, description=p, solved_on=o.delivered_on)
        for o, ps in zip(orders, problems, strict=True)
        if o.delivered_on
        for p in ps
    ]
    SolvedProblem.objects.bulk_create(solved)

    cherry_village = next((v for v in villages if v.code.startswith("330112103")), villages[0])
    projects = [
        DemonstrationProject(
            area=cherry_village,
            name="甜樱桃“北果南引”项目",
            expert=chiefs[0],
            crop="甜樱桃",
            year=year,
            area_mu=Decimal(area),
            yield_per_mu=Decimal(yield_),
            output_value=Decimal(value),
            income_increase=Decimal(increase),
            is_featured=True,
        )
        for year, area, yield_, value, increase in (
            (2019, "60.0", "420.0", "38.00", "22.0"),
            (2020, "85.0", "560.0", "71.40", "35.0"),
        )
    ]
    for expert, crop, mu, kg, price in (
        (chiefs[1], "高山茶", 300, 60, Decimal("0.0200")),
        (chiefs[2], "雷竹笋", 500, 1500, Decimal("0.0008")),
        (chiefs[3], "山核桃", 800, 90, Decimal("0.0040")),
        (chiefs[4], "高山蔬菜", 400, 2500, Decimal("0.0004")),
    ):
        for year in (2019, 2020):
            area_mu = Decimal(round(mu * rng.uniform(0.8, 1.2)))
            yield_per_mu = Decimal(round(kg * rng.uniform(0.9, 1.2), 1)).quantize(Decimal("0.1"))
            projects.append(
                DemonstrationProject(
                    area=rng.choice(villages),
                    name=f"{crop}提质增效示范项目",
                    expert=expert,
                    crop=crop,
                    year=year,
                    area_mu=area_mu,
                    yield_per_mu=yield_per_mu,
                    output_value=(area_mu * yield_per_mu * price).quantize(Decimal("0.01")),
                    income_increase=Decimal(rng.randint(10, 30)),
                )
            )
    DemonstrationProject.objects.bulk_create(projects)
    return {
        "service_teams": len(teams),
        "experts": len(experts),
        "service_orders": len(orders),
        "problems_solved": len(solved),
        "demonstration_projects": len(projects),
    }
