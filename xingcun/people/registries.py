from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from xingcun.core import idcard
from xingcun.core import registry as r
from xingcun.people.models import Household, PartyMember, Person
from xingcun.people.permissions import PERSON_DELETE, PERSON_EDIT, PERSON_VIEW

register = r.registrar(section="foundation", perms=(PERSON_VIEW, PERSON_EDIT, PERSON_DELETE))

r.person_reference(Person)
r.person_reference(PartyMember, "person")
r.reference(Household, key="number", search=("head__name",), initials="head__name", large=True)


def _person_defaults(values: dict[str, Any]) -> None:
    """Gender and birth date follow from a valid ID number when left blank."""
    number = values.get("id_number") or ""
    values["id_number"] = number = number.upper()
    error = idcard.id_number_error(number)
    if error is not None:
        raise ValidationError({"id_number": error})  # the one real problem of this row
    values["gender"] = values.get("gender") or idcard.gender(number)
    values["birth_date"] = values.get("birth_date") or idcard.birth_date(number)


PEOPLE = register(
    Person,
    key="people",
    ordering=("-id",),  # newest first, not the model's order
    fields=[
        r.F("id_number", help=gettext_lazy("18位，末位可为X；性别、出生日期可据此自动填写")),
        "name",
        r.F("gender", required=False),
        r.F("birth_date", required=False),
        "phone",
        r.F("area", gettext_lazy("所在村社代码"), levels=frozenset({4, 5})),
        r.F("household", gettext_lazy("所属农户户编号"), required=False),
    ],
    list_display=[
        "name",
        "gender",
        r.ListColumn(gettext_lazy("身份证号"), lambda p: p.masked_id_number),
        r.ListColumn(gettext_lazy("手机号"), lambda p: p.masked_phone),
        (gettext_lazy("所在村社"), "area"),
    ],
    form_fields=["name", "id_number", "gender", "birth_date", "phone", "area", "household"],
    search_fields=("name",),
    pii_columns=("id_number", "phone"),
    prepare=_person_defaults,
    example=["330112199001011234", "张三", "男", "1990-01-01", "13800000000", "330112102201", ""],
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


MEMBERS = register(
    PartyMember,
    key="members",
    ordering=("-id",),  # newest first, not the model's order
    fields=[
        r.F("person", gettext_lazy("身份证号"), what=gettext_lazy("人员（请先导入人员）")),
        r.F("person__name", gettext_lazy("姓名")),
        r.F("organisation", gettext_lazy("所属党组织编号")),
        "joined_on",
        "status",
        "holds_office",
        r.F("category", required=False, help=gettext_lazy("留空时按职务、年龄、流动情况自动确定")),
        "returned_entrepreneur",
        "floating",
        "left_on",
    ],
    list_display=[
        "person__name",
        (gettext_lazy("所属党组织"), "organisation__name"),
        (gettext_lazy("类型"), "status"),
        r.ListColumn(gettext_lazy("分类"), lambda m: m.category),
        r.ListColumn(gettext_lazy("无职"), lambda m: "" if m.holds_office else gettext("无职")),
        "joined_on",
    ],
    search_fields=("person__name", "organisation__name"),
    kind_field="category",
    pii_columns=("person",),
    prepare=_member_defaults,
)


def _household_defaults(values: dict[str, Any]) -> None:
    if values.get("head") is not None and values.get("area") is None:
        values["area"] = values["head"].area


HOUSEHOLDS = register(
    Household,
    key="households",
    ordering=("-id",),  # newest first, not the model's order
    fields=[
        "number",
        r.F("area", gettext_lazy("所在村代码")),
        r.F("head", gettext_lazy("户主身份证号")),
        r.F("head__name", gettext_lazy("户主姓名")),
        r.F("size", minimum=1),
        "is_demonstration",
        "is_low_income",
    ],
    list_display=[
        "number",
        (gettext_lazy("户主"), "head__name"),
        (gettext_lazy("人口"), "size"),
        (gettext_lazy("所在村"), "area"),
        r.ListColumn(gettext_lazy("示范户"), lambda h: gettext("是") if h.is_demonstration else ""),
        r.ListColumn(
            gettext_lazy("低收入/贫困户"), lambda h: gettext("是") if h.is_low_income else ""
        ),
    ],
    search_fields=("number", "head__name"),
    pii_columns=("head",),
    prepare=_household_defaults,
)


def _person_of(user: Any) -> Person | None:
    return (
        Person.objects.select_related("party_member__organisation", "area")
        .filter(user=user)
        .first()
    )


r.set_person_lookup(_person_of)
