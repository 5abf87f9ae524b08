from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

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

register = r.registrar(
    section="resources", perms=(SECRETARY_VIEW, SECRETARY_EDIT, SECRETARY_DELETE)
)
# The district's catalogues and rules.
configure = r.registrar(
    section="resources", perms=(SECRETARY_VIEW, SECRETARY_CONFIG, SECRETARY_CONFIG)
)

r.person_reference(FirstSecretary, "person", ordering=("-started_on",))
SECRETARY_COLUMN = r.F("secretary", gettext_lazy("第一书记身份证号"))
DISTRICT_COLUMN = r.AreaColumn(
    gettext_lazy("区划代码"), "area", required=True, levels=frozenset({3})
)
# A first secretary's record, filed under the village the secretary is posted to.
of_secretary = r.registrar(
    section="resources",
    perms=(SECRETARY_VIEW, SECRETARY_EDIT, SECRETARY_DELETE),
    pii_columns=("secretary",),
    prepare=r.area_of("secretary"),
)
SECRETARY_AND_VILLAGE = (
    (gettext_lazy("第一书记"), "secretary__person__name"),
    (gettext_lazy("村"), "area"),
)

MEASURES = configure(
    Measure,
    key="measures",
    title=gettext_lazy("帮扶举措目录"),
    fields=[
        DISTRICT_COLUMN,
        r.TextColumn(
            gettext_lazy("举措目录"),
            "catalogue",
            required=True,
            max_length=32,
            help=gettext_lazy("如 富村十条"),
        ),
        r.IntColumn(gettext_lazy("序号"), "number", required=True, minimum=1),
        r.TextColumn(gettext_lazy("举措"), "title", required=True, max_length=100),
        *r.VALIDITY,
    ],
    list_display=[
        r.ListColumn(gettext_lazy("目录"), lambda x: x.catalogue),
        "number",
        r.ListColumn(gettext_lazy("举措"), lambda x: x.title, link=True),
        r.VALIDITY_COLUMN,
    ],
    search_fields=("title", "catalogue"),
    kind_field="catalogue",
)

SECRETARIES = register(
    FirstSecretary,
    key="first-secretaries",
    fields=[
        *r.PERSON,
        r.F("area", gettext_lazy("派驻村代码")),
        "sending_unit",
        "started_on",
        r.F("ended_on", not_future=False),
    ],
    list_display=[
        "person__name",
        (gettext_lazy("派驻村"), "area"),
        "sending_unit",
        "started_on",
        r.ListColumn(gettext_lazy("任职结束"), lambda x: x.ended_on or gettext("在任")),
    ],
    labels={"area": gettext_lazy("派驻村")},
    targets={
        "measures": r.reach(
            Measure, lambda a: forms.measure_choices_for(a).order_by("catalogue", "number")
        )
    },
    form_extra=["measures"],
    search_fields=("person__name", "sending_unit"),
    pii_columns=("person",),
    ordering=("-started_on",),
)

PROJECTS = of_secretary(
    SecretaryProject,
    key="secretary-projects",
    fields=[
        SECRETARY_COLUMN,
        *r.PROJECT,
    ],
    list_display=[
        (gettext_lazy("项目"), "project__name"),
        *SECRETARY_AND_VILLAGE,
        "project__signed_on",
        "project__investment",
    ],
    search_fields=("project__name",),
    ordering=("-project__signed_on",),
)

FUNDS = of_secretary(
    SecretaryFund,
    key="secretary-funds",
    fields=[SECRETARY_COLUMN, "received_on", "amount", "source", "purpose"],
    list_display=[
        "source",
        *SECRETARY_AND_VILLAGE,
        "received_on",
        "amount",
    ],
    search_fields=("source",),
    ordering=("-received_on",),
)

SCHEMES = configure(
    AssessmentScheme,
    key="assessment-schemes",
    fields=[
        DISTRICT_COLUMN,
        r.TextColumn(gettext_lazy("方案名称"), "name", required=True, max_length=64),
        *r.VALIDITY,
        r.DecimalColumn(gettext_lazy("镇街目标考核满分"), "town_max", required=True, places=1),
        r.DecimalColumn(gettext_lazy("群众测评满分"), "mass_max", required=True, places=1),
        r.DecimalColumn(gettext_lazy("考核组评价满分"), "team_max", required=True, places=1),
        r.DecimalColumn(gettext_lazy("优秀分数线"), "excellent_from", required=True, places=1),
        r.DecimalColumn(gettext_lazy("称职分数线"), "competent_from", required=True, places=1),
        r.DecimalColumn(gettext_lazy("基本称职分数线"), "basic_from", required=True, places=1),
    ],
    list_display=[
        (gettext_lazy("方案"), "name"),
        r.VALIDITY_COLUMN,
        r.ListColumn(gettext_lazy("构成"), lambda x: f"{x.town_max}+{x.mass_max}+{x.team_max}"),
        r.ListColumn(
            gettext_lazy("分数线"),
            lambda x: f"{x.excellent_from}/{x.competent_from}/{x.basic_from}",
        ),
    ],
    ordering=("valid_from",),
)

ASSESSMENTS = of_secretary(
    SecretaryAssessment,
    key="secretary-assessments",
    fields=[
        SECRETARY_COLUMN,
        r.YEAR,
        "town_score",
        "mass_score",
        "team_score",
        r.DecimalColumn(gettext_lazy("总分"), "total", readonly=True, places=1),
        r.F("grade", required=False, readonly=True),
    ],
    list_display=[
        *SECRETARY_AND_VILLAGE,
        "year",
        "total",
        "grade",
    ],
    kind_field="year",
    prepare=services.assessment_values,
)

PLANS = configure(
    WeakRemovalPlan,
    key="weak-plans",
    fields=[
        r.F("area", gettext_lazy("区划代码"), levels=frozenset({3})),
        "name",
        r.F("baseline_year", minimum=2000),
        r.F("target_year", minimum=2000),
    ],
    list_display=["name", "baseline_year", "target_year"],
    detail_exclude=("refreshed_at",),
)
