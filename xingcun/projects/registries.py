from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.registries import organisation_by_code, person_by_id_number
from xingcun.projects.forms import ProjectForm
from xingcun.projects.models import Project


def _check_villages(values: dict[str, Any]) -> None:
    area = values.get("area")
    outside = [
        v.display_name for v in values.get("villages") or [] if area and not area.contains(v)
    ]
    if outside:
        raise ValidationError({"villages": f"落地村社不在登记区划内：{'、'.join(outside)}"})


PROJECTS = r.register(
    r.Registry(
        key="projects",
        model=Project,
        title=_("投资项目"),
        section="foundation",
        columns=[
            r.TextColumn("项目编号", "code", required=True, max_length=32),
            r.TextColumn("项目名称", "name", required=True, max_length=120),
            r.ChoiceColumn("项目类型", "kind", required=True, choices=Project.Kind.choices),
            r.AreaColumn("登记区划代码", "area", required=True, levels=frozenset({3, 4, 5})),
            r.MultiAreaColumn("落地村社代码", "villages", help="多个用分号分隔"),
            r.RefColumn(
                "引进组织编号",
                "sponsor_organisation",
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.RefColumn(
                "引进人身份证号",
                "sponsor_person",
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.DecimalColumn("投资额(万元)", "investment", required=True),
            r.ChoiceColumn("状态", "status", required=True, choices=Project.Status.choices),
            r.DateColumn("签约日期", "signed_on", required=True),
            r.DateColumn("落地日期", "landed_on"),
        ],
        natural_key=("code",),
        form_class=ProjectForm,
        perm_view=perms.PROJECT_VIEW,
        perm_edit=perms.PROJECT_EDIT,
        perm_delete=perms.PROJECT_DELETE,
        list_columns=[
            r.ListColumn("项目编号", lambda p: p.code),
            r.ListColumn("项目名称", lambda p: p.name, link=True),
            r.ListColumn("类型", lambda p: p.get_kind_display()),
            r.ListColumn("登记区划", lambda p: p.area.display_name),
            r.ListColumn("投资额(万元)", lambda p: p.investment),
            r.ListColumn("状态", lambda p: p.get_status_display()),
            r.ListColumn("签约日期", lambda p: p.signed_on),
        ],
        search_fields=("name", "code"),
        kind_field="status",
        select_related=("area", "sponsor_organisation", "sponsor_person"),
        ordering=("-signed_on", "code"),
        pii_columns=("sponsor_person",),
        prepare=_check_villages,
    )
)
