"""Demo data of 乡村运营 for 临安区: operator teams recruited publicly in 2019, contracts with
村落景区 villages, businesses attracted, projects settled, talents attracted, and the 2020 review
in which one team falls below the bar and is terminated. Synthetic throughout.
Run by the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.core.models import Area
from xingcun.operators import services
from xingcun.operators.models import (
    AttractedTalent,
    OperatorContract,
    OperatorResult,
    OperatorTeam,
    SettledProject,
    TalentKind,
)
from xingcun.projects.models import Project

TEAM_WORDS = (
    "山居",
    "云上",
    "竹韵",
    "溪源",
    "天目",
    "乡遇",
    "田园",
    "青山",
    "归园",
    "森屿",
    "石上",
    "茶语",
)
PROJECTS = ("精品民宿", "研学营地", "非遗工坊", "露营基地", "农创市集", "山地运动基地")


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    services.defaults_ensure(district=county)
    kinds = list(TalentKind.objects.filter(area=county).order_by("position"))
    teams = []
    for i, word in enumerate(TEAM_WORDS):
        chosen = i < 9
        teams.append(
            OperatorTeam(
                area=county,
                name=f"{word}乡村运营团队",
                leader=rng.choice("王李张陈杨赵周吴徐")
                + rng.choice(("晓峰", "丽君", "志远", "思远", "雅琴")),
                applied_on=dt.date(2019, 2, rng.randint(1, 28)),
                status=OperatorTeam.Status.SELECTED if chosen else OperatorTeam.Status.REJECTED,
                selected_on=dt.date(2019, 3, 28) if chosen else None,
                specialties=rng.choice(
                    ("民宿运营", "研学策划", "文创设计", "电商直播", "活动策划")
                ),
            )
        )
    OperatorTeam.objects.bulk_create(teams)
    selected = [t for t in teams if t.status == OperatorTeam.Status.SELECTED]
    candidates = [
        v
        for v in Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by(
            "code"
        )
        if not v.is_community
    ]
    scenic = rng.sample(candidates, k=min(len(candidates), max(4, round(14 * min(scale, 1) + 2))))
    contracts = []
    for i, village in enumerate(scenic):
        signed = dt.date(2019, rng.randint(5, 12), rng.randint(1, 28))
        contracts.append(
            OperatorContract(
                area=village,
                team=selected[i % len(selected)],
                scenic_name=f"{village.display_name}村落景区",
                signed_on=signed,
                ends_on=signed.replace(year=signed.year + 3),
                target_businesses=rng.randint(3, 8),
                target_investment=Decimal(rng.randint(2000, 8000)),
                target_talents=rng.randint(3, 8),
            )
        )
    OperatorContract.objects.bulk_create(contracts)
    results = talents = settled = 0
    for n, contract in enumerate(contracts):
        for end in (dt.date(2019, 12, 31), dt.date(2020, 6, 30), dt.date(2020, 12, 31)):
            if end <= contract.signed_on:
                continue
            OperatorResult.objects.create(
                area=contract.area,
                contract=contract,
                period_end=end,
                businesses=rng.randint(0, 3),
                note="以商招商：引进业态经营主体",
            )
            results += 1
        for _ in range(rng.randint(1, 3)):
            AttractedTalent.objects.create(
                area=contract.area,
                contract=contract,
                kind=rng.choice(kinds),
                count=rng.randint(1, 4),
                attracted_on=dt.date(2020, rng.randint(1, 12), rng.randint(1, 28)),
            )
            talents += 1
        for k in range(rng.randint(0, 2)):
            signed = dt.date(2020, rng.randint(1, 9), rng.randint(1, 28))
            project = Project.objects.create(
                area=contract.area,
                code=f"YY-{n + 1:03d}-{k + 1}",
                name=f"{contract.area.display_name}{rng.choice(PROJECTS)}项目",
                kind=Project.Kind.TOURISM,
                investment=Decimal(rng.randint(300, 6000)),
                status=Project.Status.BUILDING,
                signed_on=signed,
                landed_on=signed + dt.timedelta(days=rng.randint(20, 90)),
            )
            project.villages.add(contract.area)
            SettledProject.objects.create(area=contract.area, contract=contract, project=project)
            settled += 1
        score = (
            Decimal(rng.randint(45, 55))
            if n == len(contracts) - 1
            else Decimal(rng.randint(65, 95))
        )
        services.review_record(
            contract=contract,
            year=2020,
            score=score,
            reward=Decimal(rng.randint(5, 20)) if score >= 60 else Decimal(0),
            comment="年度考核",
            by=None,
        )
    if contracts:
        services.contract_terminate(
            contract=contracts[-1],
            reason="年度考核未达标，招商和引才进度明显滞后",
            on=dt.date(2021, 1, 15),
            by=None,
        )
    return {
        "operator_teams": len(teams),
        "operator_contracts": len(contracts),
        "operator_results": results,
        "attracted_talents": talents,
        "settled_projects": settled,
    }
