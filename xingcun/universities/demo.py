"""Demo data of 科技进乡村 for 临安区: a forestry-and-agriculture university's “十百千” programme
(commissioners, experts and student teams sent to villages, 2018–2020). Synthetic throughout.
Run by the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random

from xingcun.core.models import Area
from xingcun.universities.models import Dispatch, Programme, University

SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯"
FIELDS = (
    "竹林培育",
    "山核桃栽培",
    "茶学",
    "园艺",
    "植物保护",
    "农产品营销",
    "乡村规划",
    "食品加工",
)
WORK: dict[str, str] = {
    Dispatch.Kind.COMMISSIONER: "驻村开展{f}技术指导，建立示范基地",
    Dispatch.Kind.EXPERT: "下乡开展{f}专题培训和现场诊断",
    Dispatch.Kind.STUDENT: "暑期社会实践：{f}调研、直播助农和支教",
}


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    university = University.objects.create(area=county, name="农林大学")
    programme = Programme.objects.create(
        area=county,
        university=university,
        name="十百千",
        start_year=2018,
        end_year=2020,
        target_commissioners=10,
        target_experts=100,
        target_students=1000,
    )
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    rows: list[Dispatch] = []

    def add(kind: str, count: int, group: tuple[int, int] | None = None) -> None:
        for i in range(count):
            year = rng.choice((2018, 2019, 2020))
            start = dt.date(
                year, 7 if kind == Dispatch.Kind.STUDENT else rng.randint(1, 11), rng.randint(1, 28)
            )
            field = rng.choice(FIELDS)
            rows.append(
                Dispatch(
                    area=rng.choice(villages),
                    programme=programme,
                    kind=kind,
                    name=f"{field}实践团{i + 1}"
                    if group
                    else rng.choice(SURNAMES) + rng.choice("明华林平强军红英伟静"),
                    headcount=rng.randint(*group) if group else 1,
                    started_on=start,
                    ended_on=start + dt.timedelta(days=20 if group else rng.randint(30, 300)),
                    work_done=WORK[kind].format(f=field),
                )
            )

    add(Dispatch.Kind.COMMISSIONER, max(5, round(28 * scale)))
    add(Dispatch.Kind.EXPERT, max(12, round(130 * scale)))
    add(Dispatch.Kind.STUDENT, max(6, round(60 * scale)), group=(10, 30))
    Dispatch.objects.bulk_create(rows)
    return {"universities": 1, "programmes": 1, "dispatches": len(rows)}
