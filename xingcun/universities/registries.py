from __future__ import annotations

from django.utils.translation import gettext_lazy

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core import registry as r
from xingcun.core.permissions import Role
from xingcun.universities import forms
from xingcun.universities.models import Dispatch, Programme, University
from xingcun.universities.permissions import UNIVERSITY_DELETE, UNIVERSITY_EDIT, UNIVERSITY_VIEW

register = r.registrar(
    section="resources",
    perms=(UNIVERSITY_VIEW, UNIVERSITY_EDIT, UNIVERSITY_DELETE),
)

r.reference(Programme, key="name")

UNIVERSITIES = register(
    University,
    key="universities",
    fields=[r.F("area", gettext_lazy("区划代码"), levels=frozenset({3})), "name"],
    list_display=[(gettext_lazy("高校"), "name")],
    targets={"users": lambda: role_users_in_scope(Role.PARTNER)},
    form_extra=["users"],
    search_fields=("name",),
)

PROGRAMMES = register(
    Programme,
    key="programmes",
    fields=[
        r.F("area", gettext_lazy("区划代码"), levels=frozenset({3})),
        r.F("university", what=gettext_lazy("高校")),
        "name",
        r.F("start_year", minimum=2000),
        r.F("end_year", minimum=2000),
        "target_commissioners",
        "target_experts",
        "target_students",
    ],
    list_display=[
        (gettext_lazy("活动"), "name"),
        (gettext_lazy("高校"), "university__name"),
        "start_year",
    ],
    ordering=("-start_year",),
)

DISPATCHES = register(
    Dispatch,
    key="dispatches",
    title=gettext_lazy("科技进乡村选派记录"),
    fields=[
        r.F("programme", gettext_lazy("活动名称")),
        r.F("area", gettext_lazy("派驻村代码")),
        "kind",
        "name",
        r.F("headcount", required=True, minimum=1),
        "started_on",
        r.F("ended_on", not_future=False),
        "work_done",
    ],
    list_display=[
        "name",
        (gettext_lazy("类别"), "kind"),
        "headcount",
        (gettext_lazy("派驻村"), "area"),
        "started_on",
    ],
    labels={"area": gettext_lazy("派驻村")},
    targets={"programme": r.reach(Programme, forms.programmes_for)},
    search_fields=("name",),
    kind_field="kind",
    ordering=("-started_on",),
)
