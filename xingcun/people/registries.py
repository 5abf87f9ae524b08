from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xingcun.core import idcard
from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.registries import organisation_by_code, person_by_id_number
from xingcun.people.forms import HouseholdForm, PartyMemberForm, PersonForm
from xingcun.people.models import Household, PartyMember, Person


def _person_defaults(values: dict[str, Any]) -> None:
    """Gender and birth date follow from a valid ID number when left blank."""
    number = values.get("id_number") or ""
    values["id_number"] = number = number.upper()
    error = idcard.id_number_error(number)
    if error is not None:
        raise ValidationError({"id_number": error})  # the one real problem of this row
    values["gender"] = values.get("gender") or idcard.gender(number)
    values["birth_date"] = values.get("birth_date") or idcard.birth_date(number)


PEOPLE = r.register(
    r.Registry(
        key="people",
        model=Person,
        title=_("人员"),
        section="foundation",
        columns=[
            r.TextColumn(
                "身份证号",
                "id_number",
                required=True,
                max_length=18,
                help="18位，末位可为X；性别、出生日期可据此自动填写",
            ),
            r.TextColumn("姓名", "name", required=True, max_length=32),
            r.ChoiceColumn("性别", "gender", choices=Person.Gender.choices),
            r.DateColumn("出生日期", "birth_date"),
            r.TextColumn("手机号", "phone", max_length=11),
            r.AreaColumn("所在村社代码", "area", required=True, levels=frozenset({4, 5})),
        ],
        natural_key=("id_number",),
        form_class=PersonForm,
        perm_view=perms.PERSON_VIEW,
        perm_edit=perms.PERSON_EDIT,
        perm_delete=perms.PERSON_DELETE,
        list_columns=[
            r.ListColumn("姓名", lambda p: p.name, link=True),
            r.ListColumn("性别", lambda p: p.get_gender_display()),
            r.ListColumn("身份证号", lambda p: p.masked_id_number),
            r.ListColumn("手机号", lambda p: p.masked_phone),
            r.ListColumn("所在村社", lambda p: p.area.display_name),
        ],
        search_fields=("name",),
        pii_columns=("id_number", "phone"),
        prepare=_person_defaults,
        example=["330112199001011234", "张三", "男", "1990-01-01", "13800000000", "330112102201"],
    )
)


def _member_defaults(values: dict[str, Any]) -> None:
    person = values.get("person")
    if person is not None:
        values["area"] = person.area
    if not values.get("category") and person is not None:
        probe = PartyMember(
            person=person,
            holds_office=values.get("holds_office", False),
            floating=values.get("floating", False),
        )
        values["category"] = probe.suggested_category(timezone.localdate())


MEMBERS = r.register(
    r.Registry(
        key="members",
        model=PartyMember,
        title=_("党员"),
        section="foundation",
        columns=[
            r.RefColumn(
                "身份证号",
                "person",
                required=True,
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员（请先导入人员）",
            ),
            r.TextColumn("姓名", "name", readonly=True, getter=lambda m: m.person.name),
            r.RefColumn(
                "所属党组织编号",
                "organisation",
                required=True,
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.DateColumn("入党日期", "joined_on", required=True),
            r.ChoiceColumn("党员类型", "status", required=True, choices=PartyMember.Status.choices),
            r.BoolColumn("担任村(社区)职务", "holds_office"),
            r.ChoiceColumn(
                "先锋指数分类",
                "category",
                choices=PartyMember.Category.choices,
                help="留空时按职务、年龄、流动情况自动确定",
            ),
            r.BoolColumn("返乡创业", "returned_entrepreneur"),
            r.BoolColumn("流动党员", "floating"),
            r.DateColumn("离开日期", "left_on"),
        ],
        natural_key=("person",),
        form_class=PartyMemberForm,
        perm_view=perms.PERSON_VIEW,
        perm_edit=perms.PERSON_EDIT,
        perm_delete=perms.PERSON_DELETE,
        list_columns=[
            r.ListColumn("姓名", lambda m: m.person.name, link=True),
            r.ListColumn("所属党组织", lambda m: m.organisation.name),
            r.ListColumn("类型", lambda m: m.get_status_display()),
            r.ListColumn("分类", lambda m: m.category),
            r.ListColumn("无职", lambda m: "" if m.holds_office else "无职"),
            r.ListColumn("入党日期", lambda m: m.joined_on),
        ],
        search_fields=("person__name", "organisation__name"),
        kind_field="category",
        select_related=("area", "person", "organisation"),
        pii_columns=("person",),
        prepare=_member_defaults,
    )
)


def _household_defaults(values: dict[str, Any]) -> None:
    if values.get("head") is not None and values.get("area") is None:
        values["area"] = values["head"].area


HOUSEHOLDS = r.register(
    r.Registry(
        key="households",
        model=Household,
        title=_("农户"),
        section="foundation",
        columns=[
            r.TextColumn("户编号", "number", required=True, max_length=32),
            r.AreaColumn("所在村代码", "area", required=True),
            r.RefColumn(
                "户主身份证号",
                "head",
                required=True,
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.TextColumn("户主姓名", "head_name", readonly=True, getter=lambda h: h.head.name),
            r.IntColumn("户人口数", "size", required=True, minimum=1),
            r.BoolColumn("示范户", "is_demonstration"),
            r.BoolColumn("低收入/贫困户", "is_low_income"),
        ],
        natural_key=("number",),
        form_class=HouseholdForm,
        perm_view=perms.PERSON_VIEW,
        perm_edit=perms.PERSON_EDIT,
        perm_delete=perms.PERSON_DELETE,
        list_columns=[
            r.ListColumn("户编号", lambda h: h.number, link=True),
            r.ListColumn("户主", lambda h: h.head.name),
            r.ListColumn("人口", lambda h: h.size),
            r.ListColumn("所在村", lambda h: h.area.display_name),
            r.ListColumn("示范户", lambda h: "是" if h.is_demonstration else ""),
            r.ListColumn("低收入/贫困户", lambda h: "是" if h.is_low_income else ""),
        ],
        search_fields=("number", "head__name"),
        select_related=("area", "head"),
        pii_columns=("head",),
        prepare=_household_defaults,
    )
)


def _person_of(user: Any) -> Person | None:
    return (
        Person.objects.select_related("party_member__organisation", "area")
        .filter(user=user)
        .first()
    )


r.set_person_lookup(_person_of)
