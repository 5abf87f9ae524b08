"""Figures of 科技进乡村 (report section 三, part four): people sent, cumulative."""

from __future__ import annotations

from django.db.models import Q

from xingcun.indicators.engine import SUM_TO_DATE, Period, Where, family
from xingcun.universities.models import Dispatch


def sent_by(kind: str) -> Where:
    def where(period: Period) -> Q:
        return Q(kind=kind, started_on__lte=period.end)

    return where


sent = family(
    section="resources",
    **SUM_TO_DATE,
    unit="名",
    model=Dispatch,
    value="headcount",
    sum_places=0,
)
sent.table(
    ("where",),
    (
        "universities.commissioners",
        "累计选派科技特派员",
        "Commissioners sent",
        "截至期末，合作高校选派到村的科技特派员人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。",
        sent_by(Dispatch.Kind.COMMISSIONER),
    ),
    (
        "universities.experts",
        "累计选派高校专家",
        "University experts sent",
        "截至期末，合作高校选派到村的专家人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。",
        sent_by(Dispatch.Kind.EXPERT),
    ),
    (
        "universities.students",
        "累计选派大学生",
        "Students sent",
        "截至期末，合作高校选派到村的大学生人数（开始日期不晚于期末的选派记录人数之和），计入派驻村。",
        sent_by(Dispatch.Kind.STUDENT),
    ),
)
