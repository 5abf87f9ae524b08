from __future__ import annotations

from typing import Any

from xingcun.core import registry as r
from xingcun.secretaries import forms, services
from xingcun.secretaries.models import (
    AssessmentScheme,
    FirstSecretary,
    Measure,
    SecretaryAssessment,
    SecretaryFund,
    SecretaryProject,
    WeakRemovalPlan,
)
from xingcun.secretaries.permissions import (
    SECRETARY_CONFIG,
    SECRETARY_DELETE,
    SECRETARY_EDIT,
    SECRETARY_VIEW,
)


def _area_from_secretary(values: dict[str, Any]) -> None:
    secretary = values.get("secretary")
    if secretary is not None:
        values["area"] = secretary.area


register = r.registrar(
    section="resources", perms=(SECRETARY_VIEW, SECRETARY_EDIT, SECRETARY_DELETE)
)

r.reference(
    FirstSecretary,
    key="person__id_number",
    upper=True,
    ordering=("-started_on",),
    search=("person__name",),
    tail="person__id_number",
    initials="person__name",
    large=True,
)
SECRETARY_COLUMN = r.F("secretary", "第一书记身份证号")

MEASURES = register(
    Measure,
    key="measures",
    title="帮扶举措目录",
    fields=[
        r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
        r.TextColumn("举措目录", "catalogue", required=True, max_length=32, help="如 富村十条"),
        r.IntColumn("序号", "number", required=True, minimum=1),
        r.TextColumn("举措", "title", required=True, max_length=100),
        *r.VALIDITY,
    ],
    perms=(SECRETARY_VIEW, SECRETARY_CONFIG, SECRETARY_CONFIG),
    list_display=[
        r.ListColumn("目录", lambda x: x.catalogue),
        "number",
        r.ListColumn("举措", lambda x: x.title, link=True),
        r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
    ],
    search_fields=("title", "catalogue"),
    kind_field="catalogue",
)

SECRETARIES = register(
    FirstSecretary,
    key="first-secretaries",
    fields=[
        r.F("person", "身份证号"),
        r.F("person__name", "姓名"),
        r.F("area", "派驻村代码"),
        "sending_unit",
        "started_on",
        r.F("ended_on", not_future=False),
    ],
    list_display=[
        "person__name",
        ("派驻村", "area"),
        "sending_unit",
        "started_on",
        r.ListColumn("任职结束", lambda x: x.ended_on or "在任"),
    ],
    labels={"area": "派驻村"},
    targets={
        "measures": r.reach(
            Measure, lambda a: forms.measure_choices_for(a).order_by("catalogue", "number")
        )
    },
    form_fields=["person", "area", "sending_unit", "started_on", "ended_on", "measures"],
    search_fields=("person__name", "sending_unit"),
    pii_columns=("person",),
    ordering=("-started_on",),
)

PROJECTS = register(
    SecretaryProject,
    key="secretary-projects",
    fields=[
        SECRETARY_COLUMN,
        r.F("project", "项目编号"),
        r.F("project__name", "项目名称"),
    ],
    list_display=[
        ("项目", "project__name"),
        ("第一书记", "secretary__person__name"),
        ("村", "area"),
        "project__signed_on",
        "project__investment",
    ],
    search_fields=("project__name",),
    pii_columns=("secretary",),
    prepare=_area_from_secretary,
    ordering=("-project__signed_on",),
)

FUNDS = register(
    SecretaryFund,
    key="secretary-funds",
    fields=[SECRETARY_COLUMN, "received_on", "amount", "source", "purpose"],
    list_display=[
        "source",
        ("第一书记", "secretary__person__name"),
        ("村", "area"),
        "received_on",
        "amount",
    ],
    search_fields=("source",),
    pii_columns=("secretary",),
    prepare=_area_from_secretary,
    ordering=("-received_on",),
)

SCHEMES = register(
    AssessmentScheme,
    key="assessment-schemes",
    fields=[
        r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
        r.TextColumn("方案名称", "name", required=True, max_length=64),
        *r.VALIDITY,
        r.DecimalColumn("镇街目标考核满分", "town_max", required=True, places=1),
        r.DecimalColumn("群众测评满分", "mass_max", required=True, places=1),
        r.DecimalColumn("考核组评价满分", "team_max", required=True, places=1),
        r.DecimalColumn("优秀分数线", "excellent_from", required=True, places=1),
        r.DecimalColumn("称职分数线", "competent_from", required=True, places=1),
        r.DecimalColumn("基本称职分数线", "basic_from", required=True, places=1),
    ],
    perms=(SECRETARY_VIEW, SECRETARY_CONFIG, SECRETARY_CONFIG),
    list_display=[
        ("方案", "name"),
        r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
        r.ListColumn("构成", lambda x: f"{x.town_max}+{x.mass_max}+{x.team_max}"),
        r.ListColumn("分数线", lambda x: f"{x.excellent_from}/{x.competent_from}/{x.basic_from}"),
    ],
    ordering=("valid_from",),
)

ASSESSMENTS = register(
    SecretaryAssessment,
    key="secretary-assessments",
    fields=[
        SECRETARY_COLUMN,
        r.YEAR,
        "town_score",
        "mass_score",
        "team_score",
        r.DecimalColumn("总分", "total", readonly=True, places=1),
        r.F("grade", required=False, readonly=True),
    ],
    list_display=[
        ("第一书记", "secretary__person__name"),
        ("村", "area"),
        "year",
        "total",
        "grade",
    ],
    kind_field="year",
    pii_columns=("secretary",),
    prepare=services.assessment_values,
)

PLANS = register(
    WeakRemovalPlan,
    key="weak-plans",
    fields=[
        r.F("area", "区划代码", levels=frozenset({3})),
        "name",
        r.F("baseline_year", minimum=2000),
        r.F("target_year", minimum=2000),
    ],
    perms=(SECRETARY_VIEW, SECRETARY_CONFIG, SECRETARY_CONFIG),
    list_display=["name", "baseline_year", "target_year"],
    detail_exclude=("refreshed_at",),
)
