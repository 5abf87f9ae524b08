from __future__ import annotations

from typing import Any

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.registries import person_by_id_number
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


def secretary_by_id_number(text: str) -> FirstSecretary | None:
    """The latest posting of the person with this ID number, inside the scope."""
    return (
        FirstSecretary.objects.filter(person__id_number=text.upper())
        .order_by("-started_on")
        .first()
    )


def project_by_code(code: str) -> Any:
    from xingcun.projects.models import Project

    return Project.objects.filter(code=code).first()


def _area_from_secretary(values: dict[str, Any]) -> None:
    secretary = values.get("secretary")
    if secretary is not None:
        values["area"] = secretary.area


SECRETARY_COLUMN = r.RefColumn(
    "第一书记身份证号",
    "secretary",
    required=True,
    lookup=secretary_by_id_number,
    key_of=lambda s: s.person.id_number,
    what="第一书记",
)
VALIDITY = [
    r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
    r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
]

MEASURES = r.register(
    r.Registry(
        key="measures",
        model=Measure,
        title="帮扶举措目录",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("举措目录", "catalogue", required=True, max_length=32, help="如 富村十条"),
            r.IntColumn("序号", "number", required=True, minimum=1),
            r.TextColumn("举措", "title", required=True, max_length=100),
            *VALIDITY,
        ],
        natural_key=("area", "catalogue", "number", "valid_from"),
        form_class=forms.MeasureForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_CONFIG,
        perm_delete=perms.SECRETARY_CONFIG,
        list_columns=[
            r.ListColumn("目录", lambda x: x.catalogue),
            r.ListColumn("序号", lambda x: x.number),
            r.ListColumn("举措", lambda x: x.title, link=True),
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
        ],
        search_fields=("title", "catalogue"),
        kind_field="catalogue",
        ordering=("catalogue", "number"),
    )
)

SECRETARIES = r.register(
    r.Registry(
        key="first-secretaries",
        model=FirstSecretary,
        title="第一书记",
        section="resources",
        columns=[
            r.RefColumn(
                "身份证号",
                "person",
                required=True,
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.TextColumn("姓名", "name", readonly=True, getter=lambda s: s.person.name),
            r.AreaColumn("派驻村代码", "area", required=True),
            r.TextColumn("派出单位", "sending_unit", required=True, max_length=100),
            r.DateColumn("任职开始", "started_on", required=True),
            r.DateColumn("任职结束", "ended_on", not_future=False),
        ],
        natural_key=("person", "started_on"),
        form_class=forms.FirstSecretaryForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_EDIT,
        perm_delete=perms.SECRETARY_DELETE,
        list_columns=[
            r.ListColumn("姓名", lambda x: x.person.name, link=True),
            r.ListColumn("派驻村", lambda x: x.area.display_name),
            r.ListColumn("派出单位", lambda x: x.sending_unit),
            r.ListColumn("任职开始", lambda x: x.started_on),
            r.ListColumn("任职结束", lambda x: x.ended_on or "在任"),
        ],
        search_fields=("person__name", "sending_unit"),
        select_related=("area", "person"),
        pii_columns=("person",),
        ordering=("-started_on",),
    )
)

PROJECTS = r.register(
    r.Registry(
        key="secretary-projects",
        model=SecretaryProject,
        title="第一书记引进项目",
        section="resources",
        columns=[
            SECRETARY_COLUMN,
            r.RefColumn(
                "项目编号",
                "project",
                required=True,
                lookup=project_by_code,
                key_of=lambda p: p.code,
                what="投资项目",
            ),
            r.TextColumn(
                "项目名称", "project_name", readonly=True, getter=lambda x: x.project.name
            ),
        ],
        natural_key=("project",),
        form_class=forms.SecretaryProjectForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_EDIT,
        perm_delete=perms.SECRETARY_DELETE,
        list_columns=[
            r.ListColumn("项目", lambda x: x.project.name, link=True),
            r.ListColumn("第一书记", lambda x: x.secretary.person.name),
            r.ListColumn("村", lambda x: x.area.display_name),
            r.ListColumn("签约日期", lambda x: x.project.signed_on),
            r.ListColumn("投资额(万元)", lambda x: x.project.investment),
        ],
        search_fields=("project__name",),
        select_related=("area", "secretary__person", "project"),
        pii_columns=("secretary",),
        prepare=_area_from_secretary,
        ordering=("-project__signed_on",),
    )
)

FUNDS = r.register(
    r.Registry(
        key="secretary-funds",
        model=SecretaryFund,
        title="第一书记争取资金",
        section="resources",
        columns=[
            SECRETARY_COLUMN,
            r.DateColumn("到位日期", "received_on", required=True),
            r.DecimalColumn("金额(万元)", "amount", required=True),
            r.TextColumn("资金来源", "source", required=True, max_length=100),
            r.TextColumn("用途", "purpose", max_length=100),
        ],
        natural_key=("secretary", "received_on", "source"),
        form_class=forms.SecretaryFundForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_EDIT,
        perm_delete=perms.SECRETARY_DELETE,
        list_columns=[
            r.ListColumn("资金来源", lambda x: x.source, link=True),
            r.ListColumn("第一书记", lambda x: x.secretary.person.name),
            r.ListColumn("村", lambda x: x.area.display_name),
            r.ListColumn("到位日期", lambda x: x.received_on),
            r.ListColumn("金额(万元)", lambda x: x.amount),
        ],
        search_fields=("source",),
        select_related=("area", "secretary__person"),
        pii_columns=("secretary",),
        prepare=_area_from_secretary,
        ordering=("-received_on",),
    )
)

SCHEMES = r.register(
    r.Registry(
        key="assessment-schemes",
        model=AssessmentScheme,
        title="第一书记考核方案",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("方案名称", "name", required=True, max_length=64),
            *VALIDITY,
            r.DecimalColumn("镇街目标考核满分", "town_max", required=True, places=1),
            r.DecimalColumn("群众测评满分", "mass_max", required=True, places=1),
            r.DecimalColumn("考核组评价满分", "team_max", required=True, places=1),
            r.DecimalColumn("优秀分数线", "excellent_from", required=True, places=1),
            r.DecimalColumn("称职分数线", "competent_from", required=True, places=1),
            r.DecimalColumn("基本称职分数线", "basic_from", required=True, places=1),
        ],
        natural_key=("area", "valid_from"),
        form_class=forms.AssessmentSchemeForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_CONFIG,
        perm_delete=perms.SECRETARY_CONFIG,
        list_columns=[
            r.ListColumn("方案", lambda x: x.name, link=True),
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
            r.ListColumn("构成", lambda x: f"{x.town_max}+{x.mass_max}+{x.team_max}"),
            r.ListColumn(
                "分数线", lambda x: f"{x.excellent_from}/{x.competent_from}/{x.basic_from}"
            ),
        ],
        ordering=("valid_from",),
    )
)

ASSESSMENTS = r.register(
    r.Registry(
        key="secretary-assessments",
        model=SecretaryAssessment,
        title="第一书记年度考核",
        section="resources",
        columns=[
            SECRETARY_COLUMN,
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.DecimalColumn("镇街目标考核得分", "town_score", required=True, places=1),
            r.DecimalColumn("群众测评得分", "mass_score", required=True, places=1),
            r.DecimalColumn("考核组评价得分", "team_score", required=True, places=1),
            r.DecimalColumn("总分", "total", readonly=True, places=1),
            r.ChoiceColumn(
                "等次", "grade", readonly=True, choices=SecretaryAssessment.Grade.choices
            ),
        ],
        natural_key=("secretary", "year"),
        form_class=forms.SecretaryAssessmentForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_EDIT,
        perm_delete=perms.SECRETARY_DELETE,
        list_columns=[
            r.ListColumn("第一书记", lambda x: x.secretary.person.name, link=True),
            r.ListColumn("村", lambda x: x.area.display_name),
            r.ListColumn("年度", lambda x: x.year),
            r.ListColumn("总分", lambda x: x.total),
            r.ListColumn("等次", lambda x: x.get_grade_display()),
        ],
        kind_field="year",
        select_related=("area", "secretary__person"),
        pii_columns=("secretary",),
        prepare=services.assessment_values,
        ordering=("-year", "-total"),
    )
)

PLANS = r.register(
    r.Registry(
        key="weak-plans",
        model=WeakRemovalPlan,
        title="消薄计划",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("名称", "name", required=True, max_length=64),
            r.IntColumn("认定年度", "baseline_year", required=True, minimum=2000),
            r.IntColumn("目标年度", "target_year", required=True, minimum=2000),
        ],
        natural_key=("area", "baseline_year"),
        form_class=forms.WeakRemovalPlanForm,
        perm_view=perms.SECRETARY_VIEW,
        perm_edit=perms.SECRETARY_CONFIG,
        perm_delete=perms.SECRETARY_CONFIG,
        list_columns=[
            r.ListColumn("名称", lambda x: x.name, link=True),
            r.ListColumn("认定年度", lambda x: x.baseline_year),
            r.ListColumn("目标年度", lambda x: x.target_year),
        ],
        detail_exclude=("refreshed_at",),
        ordering=("-baseline_year",),
    )
)
