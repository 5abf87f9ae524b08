"""Figures of 乡村运营 (report section 三, part five)."""

from __future__ import annotations

from django.db.models import F, Q

from xingcun.indicators.engine import Indicator, Kind, Period, Semantics, register
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


register(
    Indicator(
        code="operators.teams",
        name="公开招募乡村运营师团队数",
        name_en="Operator teams recruited",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末经公开招募入选的乡村运营团队个数（入选日期不晚于期末），计入招募的区或镇。",
        model=OperatorTeam,
        where=lambda p: Q(status=OperatorTeam.Status.SELECTED, selected_on__lte=p.end),
    )
)
register(
    Indicator(
        code="operators.villages_signed",
        name="签约村落景区数",
        name_en="Scenic villages signed",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末累计与运营团队签约的村落景区个数（运营合同数，含此后解约的）。",
        model=OperatorContract,
        where=lambda p: Q(signed_on__lte=p.end),
    )
)
register(
    Indicator(
        code="operators.businesses",
        name="运营以商招商数",
        name_en="Businesses attracted by operators",
        unit="家",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末各运营合同登记的以商招商家数之和（按各期成效的统计截止日期）。",
        model=OperatorResult,
        where=lambda p: Q(period_end__lte=p.end),
        value="businesses",
        sum_places=0,
    )
)
register(
    Indicator(
        code="operators.projects",
        name="运营落户项目数",
        name_en="Projects settled by operators",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末通过乡村运营落户、已落地（在建或投产）的投资项目个数，计入签约村。",
        model=SettledProject,
        where=settled_by,
    )
)
register(
    Indicator(
        code="operators.investment",
        name="运营落户项目总投资",
        name_en="Investment of projects settled by operators",
        unit="亿元",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末通过乡村运营落户、已落地的投资项目的投资额合计。",
        model=SettledProject,
        where=settled_by,
        value=F("project__investment"),
        base_unit="万元",
    )
)
register(
    Indicator(
        code="operators.talents",
        name="运营吸引专业人才数",
        name_en="Talents attracted by operators",
        unit="人",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末运营团队为签约村引进的文创、电商等专业人才人数之和。",
        model=AttractedTalent,
        where=lambda p: Q(attracted_on__lte=p.end),
        value="count",
        sum_places=0,
    )
)
