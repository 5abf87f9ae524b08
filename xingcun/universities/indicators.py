"""Figures of 科技进乡村 (report section 三, part four): people sent, cumulative."""

from __future__ import annotations

from django.db.models import Q

from xingcun.indicators.engine import Kind, Period, Semantics, Where, family
from xingcun.universities.models import Dispatch


def sent_by(kind: str) -> Where:
    def where(period: Period) -> Q:
        return Q(kind=kind, started_on__lte=period.end)

    return where


sent = family(
    section="resources",
    semantics=Semantics.CUMULATIVE,
    kind=Kind.SUM,
    unit="名",
    model=Dispatch,
    value="headcount",
    sum_places=0,
)
for kind, code, name, name_en, description in (
    (
        Dispatch.Kind.COMMISSIONER,
        "universities.commissioners",
        "累计选派科技特派员",
        "Commissioners sent",
        "截至期末，合作高校选派到村的科技特派员人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。",
    ),
    (
        Dispatch.Kind.EXPERT,
        "universities.experts",
        "累计选派高校专家",
        "University experts sent",
        "截至期末，合作高校选派到村的专家人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。",
    ),
    (
        Dispatch.Kind.STUDENT,
        "universities.students",
        "累计选派大学生",
        "Students sent",
        "截至期末，合作高校选派到村的大学生人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。",
    ),
):
    sent(code, name, name_en, description, where=sent_by(kind))
