from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from xingcun.core import registry as r
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.organisations.permissions import ORG_DELETE, ORG_EDIT, ORG_VIEW

register = r.registrar(section="foundation", perms=(ORG_VIEW, ORG_EDIT, ORG_DELETE))

r.reference(Organisation, key="code", search=("name",), initials="name", large=True)

ORGANISATIONS = register(
    Organisation,
    key="organisations",
    fields=[
        r.F("code", help="唯一编号，如 330112102201-01"),
        "name",
        "kind",
        "category",
        r.F("area", "所属区划代码", levels=frozenset({3, 4, 5})),
        r.F("parent", "上级组织编号"),
        "founded_on",
        "dissolved_on",
        r.F("secretary", "书记身份证号"),
        "industry",
    ],
    list_display=[
        r.ListColumn("组织编号", lambda o: o.code),
        r.ListColumn("名称", lambda o: o.name, link=True),
        ("类型", "kind"),
        ("类别", "category"),
        "area",
        r.ListColumn("书记", lambda o: o.secretary.name if o.secretary else ""),
    ],
    search_fields=("name", "code"),
    kind_field="kind",
    pii_columns=("secretary",),
    example=[
        "330112102201-01",
        "某某村党委",
        "村(社区)党委",
        "村(社区)党组织",
        "330112102201",
        "330112102000-00",
        "1950-07-01",
        "",
        "",
        "竹笋",
    ],
)


def _check_branch(values: dict[str, Any]) -> None:
    member = values.get("member")
    if member is not None:
        values["area"] = values["organisation"].area if values.get("organisation") else member.area


def _require_auxiliary(values: dict[str, Any]) -> None:
    organisation = values.get("organisation")
    if organisation is not None and not organisation.is_auxiliary:
        raise ValidationError({"organisation": "只能加入功能型或临时党组织"})
    _check_branch(values)


BRANCH_MEMBERS = register(
    BranchMembership,
    key="branch-members",
    fields=[
        r.F("member", "党员身份证号"),
        r.F("member__person__name", "姓名"),
        r.F("organisation", "组织编号"),
        "joined_on",
        "left_on",
    ],
    list_display=[
        ("党员", "member__person__name"),
        ("功能型/临时党组织", "organisation__name"),
        "joined_on",
        r.ListColumn("退出日期", lambda b: b.left_on or ""),
    ],
    search_fields=("member__person__name", "organisation__name"),
    pii_columns=("member",),
    prepare=_require_auxiliary,
)
