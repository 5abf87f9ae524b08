"""Figures of 乡村运营 (report section 三, part five)."""

from __future__ import annotations

from django.db.models import F, Q

from xingcun.indicators.engine import COUNT_TO_DATE, SUM_TO_DATE, Kind, Period, Semantics, family
from xingcun.operators.models import (
    AttractedTalent,
    OperatorContract,
    OperatorResult,
    OperatorTeam,
    SettledProject,
)
from xingcun.projects.models import Project


def settled_by(period: Period) -> Q:
    return Q(
        project__status__in=[Project.Status.BUILDING, Project.Status.OPERATING],
        project__landed_on__lte=period.end,
    )


indicator = family(section="resources")
count_to_date = indicator.sharing(**COUNT_TO_DATE, unit="个")
# Numbers (of businesses, of people) that the operators' records add up.
total_to_date = indicator.sharing(**SUM_TO_DATE, sum_places=0)
settled = indicator.sharing(semantics=Semantics.CUMULATIVE, model=SettledProject, where=settled_by)

count_to_date.table(
    ("model", "where"),
    (
        "operators.teams",
        "公开招募乡村运营师团队数",
        "Operator teams recruited",
        "截至期末经公开招募入选的乡村运营团队个数（入选日期不晚于期末），计入招募的区或镇。",
        OperatorTeam,
        lambda p: Q(status=OperatorTeam.Status.SELECTED, selected_on__lte=p.end),
    ),
    (
        "operators.villages_signed",
        "签约村落景区数",
        "Scenic villages signed",
        "截至期末累计与运营团队签约的村落景区个数（运营合同数，含此后解约的）。",
        OperatorContract,
        lambda p: Q(signed_on__lte=p.end),
    ),
)
total_to_date.table(
    ("unit", "model", "where", "value"),
    (
        "operators.businesses",
        "运营以商招商数",
        "Businesses attracted by operators",
        "截至期末各运营合同登记的以商招商家数之和（按各期成效的统计截止日期）。",
        "家",
        OperatorResult,
        lambda p: Q(period_end__lte=p.end),
        "businesses",
    ),
    (
        "operators.talents",
        "运营吸引专业人才数",
        "Talents attracted by operators",
        "截至期末运营团队为签约村引进的文创、电商等专业人才人数之和。",
        "人",
        AttractedTalent,
        lambda p: Q(attracted_on__lte=p.end),
        "count",
    ),
)
settled(
    "operators.projects",
    "运营落户项目数",
    "Projects settled by operators",
    "截至期末通过乡村运营落户、已落地（在建或投产）的投资项目个数，计入签约村。",
    kind=Kind.COUNT,
    unit="个",
)
settled(
    "operators.investment",
    "运营落户项目总投资",
    "Investment of projects settled by operators",
    "截至期末通过乡村运营落户、已落地的投资项目的投资额合计。",
    kind=Kind.SUM,
    unit="亿元",
    value=F("project__investment"),
    base_unit="万元",
)
