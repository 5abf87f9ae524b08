"""Demo data of first secretaries and 消薄 for 临安区: the 2017 cohort of weak villages computed
from the demo profiles, a first secretary in each (and in a few other villages), measures of the
“富村十条” and “化债九法” catalogues (placeholder wording: the real contents are district policy),
projects introduced and funds secured, and yearly assessments. Synthetic throughout.
Run by the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.core import idcard
from xingcun.core.models import Area
from xingcun.people.models import Person
from xingcun.projects.models import Project
from xingcun.secretaries import services
from xingcun.secretaries.models import (
    FirstSecretary,
    Measure,
    SecretaryFund,
    SecretaryProject,
    WeakRemovalPlan,
)

FUCUN = (
    "盘活闲置集体资产",
    "发展物业经济",
    "入股强村公司",
    "开发村落景区",
    "发展来料加工",
    "培育特色农产品品牌",
    "土地流转规模经营",
    "光伏等资源收益",
    "引进社会资本合作",
    "开展有偿服务",
)
HUAZHAI = (
    "清理核实存量债务",
    "冻结新增非生产性债务",
    "争取化债专项贷款",
    "资产变现偿债",
    "收益优先还债",
    "债务重组降息",
    "上级补助定向化债",
    "乡贤捐资助债",
    "建立偿债考核机制",
)
UNITS = (
    "区财政局",
    "区农业农村局",
    "区发改局",
    "区交通运输局",
    "区住建局",
    "区国资公司",
    "区供销社",
)
SOURCES = (
    "省级财政扶持资金",
    "区级消薄专项资金",
    "部门帮扶资金",
    "社会帮扶资金",
    "乡村振兴项目资金",
)
PROJECT_KINDS = (
    ("农旅融合", Project.Kind.TOURISM),
    ("农产品加工", Project.Kind.AGRICULTURE),
    ("标准厂房", Project.Kind.INDUSTRY),
    ("光伏发电", Project.Kind.INFRASTRUCTURE),
    ("物业用房", Project.Kind.SERVICE),
)
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯"
GIVEN = "伟芳敏静丽强磊军洋勇杰涛明超平刚华建国志新春林海斌鹏辉"


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    services.assessment_scheme_ensure_default(district=county)
    measures = [
        Measure(area=county, catalogue="富村十条", number=i, title=t, valid_from=2017)
        for i, t in enumerate(FUCUN, start=1)
    ] + [
        Measure(area=county, catalogue="化债九法", number=i, title=t, valid_from=2017)
        for i, t in enumerate(HUAZHAI, start=1)
    ]
    Measure.objects.bulk_create(measures)
    plan = WeakRemovalPlan(
        area=county, name="集体经济薄弱村消薄行动", baseline_year=2017, target_year=2020
    )
    plan.full_clean()
    plan.save()
    cohort = services.weak_cohort_refresh(plan=plan, by=None)

    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    cohort_ids = {row.area_id for row in cohort}
    others = [v for v in villages if v.pk not in cohort_ids and not v.is_community]
    targets = [v for v in villages if v.pk in cohort_ids]
    targets += rng.sample(others, k=min(len(others), max(3, round(len(targets) * 0.3))))

    postings: list[FirstSecretary] = []
    for i, village in enumerate(targets):
        birth = dt.date(rng.randint(1975, 1992), rng.randint(1, 12), rng.randint(1, 28))
        gender = "male" if rng.random() < 0.7 else "female"
        number = idcard.make("330112", birth, 2 * (700 + i) + (1 if gender == "male" else 0))
        person = Person.objects.create(
            area=village,
            name=rng.choice(SURNAMES)
            + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
            gender=idcard.gender(number),
            birth_date=idcard.birth_date(number),
            id_number=number,
        )
        started = dt.date(2017, 3, 1) if village.pk in cohort_ids else dt.date(2018, 9, 1)
        ended = dt.date(2020, 2, 29) if rng.random() < 0.3 else None
        postings.append(
            FirstSecretary(
                area=village,
                person=person,
                sending_unit=rng.choice(UNITS),
                started_on=started,
                ended_on=ended,
            )
        )
    FirstSecretary.objects.bulk_create(postings)
    for posting in postings:
        posting.measures.set(rng.sample(measures, k=rng.randint(3, 6)))

    links = funds = assessments = 0
    for n, posting in enumerate(postings):
        for k in range(rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]):
            label, kind = rng.choice(PROJECT_KINDS)
            signed = dt.date(rng.choice((2018, 2019, 2020)), rng.randint(1, 12), rng.randint(1, 28))
            landed = signed + dt.timedelta(days=rng.randint(60, 200))
            status = Project.Status.OPERATING if landed.year < 2020 else Project.Status.SIGNED
            project = Project.objects.create(
                area=posting.area,
                code=f"DYSJ-{n + 1:03d}-{k + 1}",
                name=f"{posting.area.display_name}{label}项目",
                kind=kind,
                investment=Decimal(round(rng.uniform(80, 1500), 2)).quantize(Decimal("0.01")),
                status=status,
                signed_on=signed,
                landed_on=landed if status != Project.Status.SIGNED else None,
                sponsor_person=posting.person,
            )
            project.villages.add(posting.area)
            SecretaryProject.objects.create(area=posting.area, secretary=posting, project=project)
            links += 1
        for _ in range(rng.randint(1, 3)):
            SecretaryFund.objects.create(
                area=posting.area,
                secretary=posting,
                received_on=dt.date(
                    rng.choice((2018, 2019, 2020)), rng.randint(1, 12), rng.randint(1, 28)
                ),
                amount=Decimal(round(rng.uniform(30, 450) * max(scale, 0.2), 2)).quantize(
                    Decimal("0.01")
                ),
                source=rng.choice(SOURCES),
                purpose="村级集体经济发展项目",
            )
            funds += 1
        for year in (2018, 2019, 2020):
            if posting.started_on.year > year or (
                posting.ended_on and posting.ended_on.year <= year
            ):
                continue
            excellent = rng.random() < 0.12
            town = Decimal(rng.randint(64, 69) if excellent else rng.randint(48, 64))
            mass = Decimal(rng.randint(18, 20) if excellent else rng.randint(13, 18))
            team = Decimal(rng.randint(9, 10) if excellent else rng.randint(6, 9))
            services.assessment_record(
                secretary=posting,
                year=year,
                town_score=town,
                mass_score=mass,
                team_score=team,
                by=None,
            )
            assessments += 1
    return {
        "measures": len(measures),
        "weak_cohort": len(cohort),
        "first_secretaries": len(postings),
        "secretary_projects": links,
        "secretary_funds": funds,
        "secretary_assessments": assessments,
    }
