from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.forms import BranchMembershipForm, OrganisationForm
from xingcun.organisations.models import BranchMembership, Organisation


def organisation_by_code(code: str) -> Organisation | None:
    return Organisation.objects.filter(code=code).first()


def person_by_id_number(id_number: str) -> Any:
    from xingcun.people.models import Person

    return Person.objects.filter(id_number=id_number.upper()).first()


def member_by_id_number(id_number: str) -> Any:
    from xingcun.people.models import PartyMember

    return PartyMember.objects.filter(person__id_number=id_number.upper()).first()


ORGANISATIONS = r.register(
    r.Registry(
        key="organisations",
        model=Organisation,
        title=_("党组织"),
        section="foundation",
        columns=[
            r.TextColumn(
                "组织编号",
                "code",
                required=True,
                max_length=32,
                help="唯一编号，如 330112102201-01",
            ),
            r.TextColumn("名称", "name", required=True, max_length=100),
            r.ChoiceColumn("组织类型", "kind", required=True, choices=Organisation.Kind.choices),
            r.ChoiceColumn(
                "组织类别", "category", required=True, choices=Organisation.Category.choices
            ),
            r.AreaColumn("所属区划代码", "area", required=True, levels=frozenset({3, 4, 5})),
            r.RefColumn(
                "上级组织编号",
                "parent",
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.DateColumn("成立日期", "founded_on"),
            r.DateColumn("撤销日期", "dissolved_on"),
            r.RefColumn(
                "书记身份证号",
                "secretary",
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.TextColumn("依托产业", "industry", max_length=64),
        ],
        natural_key=("code",),
        form_class=OrganisationForm,
        perm_view=perms.ORG_VIEW,
        perm_edit=perms.ORG_EDIT,
        perm_delete=perms.ORG_DELETE,
        list_columns=[
            r.ListColumn("组织编号", lambda o: o.code),
            r.ListColumn("名称", lambda o: o.name, link=True),
            r.ListColumn("类型", lambda o: o.get_kind_display()),
            r.ListColumn("类别", lambda o: o.get_category_display()),
            r.ListColumn("所属区划", lambda o: o.area.display_name),
            r.ListColumn("书记", lambda o: o.secretary.name if o.secretary else ""),
        ],
        search_fields=("name", "code"),
        kind_field="kind",
        select_related=("area", "secretary", "parent"),
        ordering=("code",),
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


BRANCH_MEMBERS = r.register(
    r.Registry(
        key="branch-members",
        model=BranchMembership,
        title=_("功能型/临时党组织成员"),
        section="foundation",
        columns=[
            r.RefColumn(
                "党员身份证号",
                "member",
                required=True,
                lookup=member_by_id_number,
                key_of=lambda m: m.person.id_number,
                what="党员",
            ),
            r.TextColumn(
                "姓名", "member_name", readonly=True, getter=lambda b: b.member.person.name
            ),
            r.RefColumn(
                "组织编号",
                "organisation",
                required=True,
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.DateColumn("加入日期", "joined_on", required=True),
            r.DateColumn("退出日期", "left_on"),
        ],
        natural_key=("member", "organisation", "joined_on"),
        form_class=BranchMembershipForm,
        perm_view=perms.ORG_VIEW,
        perm_edit=perms.ORG_EDIT,
        perm_delete=perms.ORG_DELETE,
        list_columns=[
            r.ListColumn("党员", lambda b: b.member.person.name, link=True),
            r.ListColumn("功能型/临时党组织", lambda b: b.organisation.name),
            r.ListColumn("加入日期", lambda b: b.joined_on),
            r.ListColumn("退出日期", lambda b: b.left_on or ""),
        ],
        search_fields=("member__person__name", "organisation__name"),
        select_related=("area", "member__person", "organisation"),
        pii_columns=("member",),
        prepare=_require_auxiliary,
    )
)
