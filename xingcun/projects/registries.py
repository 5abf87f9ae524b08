from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from xingcun.core import registry as r
from xingcun.projects.models import Project
from xingcun.projects.permissions import PROJECT_DELETE, PROJECT_EDIT, PROJECT_VIEW


def _check_villages(values: dict[str, Any]) -> None:
    area = values.get("area")
    outside = [
        v.display_name for v in values.get("villages") or [] if area and not area.contains(v)
    ]
    if outside:
        raise ValidationError({"villages": f"落地村社不在登记区划内：{'、'.join(outside)}"})


register = r.registrar(section="foundation", perms=(PROJECT_VIEW, PROJECT_EDIT, PROJECT_DELETE))

r.reference(Project, key="code", search=("name",), initials="name", large=True)

PROJECTS = register(
    Project,
    key="projects",
    fields=[
        "code",
        "name",
        "kind",
        r.F("area", "登记区划代码", levels=frozenset({3, 4, 5})),
        r.F("villages", "落地村社代码", help="多个用分号分隔"),
        r.F("sponsor_organisation", "引进组织编号"),
        r.F("sponsor_person", "引进人身份证号"),
        "investment",
        "status",
        "signed_on",
        "landed_on",
    ],
    list_display=[
        r.ListColumn("项目编号", lambda p: p.code),
        r.ListColumn("项目名称", lambda p: p.name, link=True),
        ("类型", "kind"),
        ("登记区划", "area"),
        "investment",
        "status",
        "signed_on",
    ],
    search_fields=("name", "code"),
    kind_field="status",
    pii_columns=("sponsor_person",),
    prepare=_check_villages,
)
