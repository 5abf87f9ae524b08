"""Household and person consistency: one household per head, a size of at least one, and
uniqueness messages that name the record already holding the value (inside the user's scope)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from openpyxl import load_workbook

from xingcun.core.permissions import Role
from xingcun.people.models import Household
from xingcun.people.tests.factories import HouseholdFactory, PersonFactory


def _errors(household: Household, area) -> dict[str, list[str]]:
    with scope(area=area.path), pytest.raises(ValidationError) as caught:
        household.full_clean()
    return caught.value.message_dict


def test_person_cannot_head_a_second_household(tree):
    first = HouseholdFactory(area=tree.village_a, number="H-1")
    second = Household(area=tree.village_a, number="H-2", head=first.head, size=2)
    errors = _errors(second, tree.village_a)
    message = errors["head"][0]
    assert f"{first.head.name}户（{tree.village_a.display_name}）" in message
    assert "一人同时只能担任一户的户主" in message


def test_duplicate_household_number_names_the_existing_household(tree):
    first = HouseholdFactory(area=tree.village_a, number="H-7")
    other = Household(area=tree.village_a, number="H-7", head=PersonFactory(area=tree.village_a))
    other.size = 3
    message = _errors(other, tree.village_a)["number"][0]
    assert message.startswith("户编号为“H-7”的农户已经存在：")
    assert f"{first.head.name}户" in message
    assert "具有" not in message


@pytest.mark.parametrize("size", [0, 51])
def test_household_size_must_be_between_1_and_50(tree, size):
    household = Household(
        area=tree.village_a, number="H-3", head=PersonFactory(area=tree.village_a), size=size
    )
    assert "size" in _errors(household, tree.village_a)


def test_household_form_rejects_a_second_household_for_the_same_head(tree, client_as):
    first = HouseholdFactory(area=tree.village_a, number="H-1")
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post(
        "/r/households/new/",
        {"number": "H-2", "area": tree.village_a.pk, "head": first.head.pk, "size": 2},
    )
    assert response.status_code == 200
    assert "一人同时只能担任一户的户主" in response.content.decode()


def test_household_import_template_says_the_head_must_be_registered(tree, client_as):
    response = client_as(Role.DISTRICT, tree.district).get("/r/households/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["填写说明"]
    text = "\n".join(str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0])
    assert "导入前须先登记" in text
    assert "“户主身份证号”须填写系统中已登记的人员" in text


def test_a_second_live_pairing_names_the_pairing_already_in_force(tree):
    from xingcun.posts.models import HouseholdPairing
    from xingcun.posts.tests.factories import HouseholdPairingFactory

    first = HouseholdPairingFactory(area=tree.village_a)
    again = HouseholdPairing(
        area=tree.village_a,
        member=first.member,
        household=first.household,
        kind=first.kind,
        started_on=first.started_on,
    )
    with scope(area=tree.village_a.path), pytest.raises(ValidationError) as caught:
        again.full_clean()
    text = " ".join(caught.value.messages)
    assert "已经存在" in text
    assert str(first) in text  # the record in force, by name
    assert "is violated" not in text
    assert "household_pairing_one_live" not in text


def test_an_ended_pairing_does_not_block_a_new_one(tree):
    import datetime as dt

    from xingcun.posts.models import HouseholdPairing
    from xingcun.posts.tests.factories import HouseholdPairingFactory

    first = HouseholdPairingFactory(area=tree.village_a, ended_on=dt.date(2020, 6, 1))
    again = HouseholdPairing(
        area=tree.village_a,
        member=first.member,
        household=first.household,
        kind=first.kind,
        started_on=dt.date(2020, 7, 1),
    )
    with scope(area=tree.village_a.path):
        again.full_clean()


def test_every_conditional_unique_constraint_is_on_a_model_that_names_the_existing_record():
    """Conditional unique constraints are checked by BaseModel.validate_constraints, which names
    the record in force; a model outside BaseModel would fall back to "Constraint … is violated"."""
    from django.apps import apps
    from django.db import models

    from xingcun.core.models import BaseModel

    conditional = [
        (model, constraint.name)
        for model in apps.get_models()
        if model.__module__.startswith("xingcun.")
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is not None
    ]
    assert len(conditional) >= 8
    assert [name for model, name in conditional if not issubclass(model, BaseModel)] == []


def _member_of(household, name):
    person = PersonFactory(area=household.area, name=name)
    person.household = household
    with scope(area=household.area.path):
        person.full_clean()
    person.save()
    return person


def test_household_size_cannot_fall_below_its_registered_members(tree):
    household = HouseholdFactory(area=tree.village_a, number="H-9", size=3)
    _member_of(household, "王大")
    _member_of(household, "王二")
    household.size = 2
    message = _errors(household, tree.village_a)["size"][0]
    assert "户人口数（2）少于本户已登记的3人" in message
    for name in (household.head.name, "王大", "王二"):
        assert name in message
    household.size = 3
    with scope(area=tree.village_a.path):
        household.full_clean()


def test_a_member_cannot_join_a_household_that_is_already_full(tree):
    household = HouseholdFactory(area=tree.village_a, number="H-10", size=2)
    _member_of(household, "李一")
    third = PersonFactory(area=tree.village_a, name="李二")
    third.household = household
    with scope(area=tree.village_a.path), pytest.raises(ValidationError) as caught:
        third.full_clean()
    message = caught.value.message_dict["household"][0]
    assert "户编号 H-10" in message
    assert "户人口数为2" in message
    assert "李一" in message
    assert household.head.name in message


def test_a_member_is_registered_in_the_households_village(tree):
    household = HouseholdFactory(area=tree.village_a, number="H-11", size=4)
    elsewhere = PersonFactory(area=tree.village_b)
    elsewhere.household = household
    with scope(area=tree.district.path), pytest.raises(ValidationError) as caught:
        elsewhere.full_clean()
    assert "成员应登记在同一村" in caught.value.message_dict["household"][0]


def test_household_import_names_the_members_when_the_size_is_too_small(tree, client_as):
    household = HouseholdFactory(area=tree.village_a, number="H-12", size=2)
    _member_of(household, "赵六")
    client = client_as(Role.VILLAGE, tree.village_a)
    csv = (
        "户编号,所在村代码,户主身份证号,户人口数\n"
        f"H-12,{tree.village_a.code},{household.head.id_number},1\n"
    )
    response = client.post(
        "/r/households/import/",
        {"file": SimpleUploadedFile("h.csv", csv.encode("utf-8"), content_type="text/csv")},
    )
    errors = response.context["job"].errors
    assert len(errors) == 1
    assert errors[0].startswith("第2行 户人口数: 户人口数（1）少于本户已登记的2人")
    assert "赵六" in errors[0]
    household.refresh_from_db()
    assert household.size == 2


def test_people_import_stops_at_the_member_that_overfills_a_household(tree, client_as):
    from xingcun.core.tests.test_imports import PEOPLE_HEADERS, csv_bytes, person_row

    household = HouseholdFactory(area=tree.village_a, number="H-13", size=2)
    rows = [
        [*PEOPLE_HEADERS, "所属农户户编号"],
        [*person_row(41, tree.village_a), "H-13"],
        [*person_row(42, tree.village_a), "H-13"],
    ]
    response = client_as(Role.VILLAGE, tree.village_a).post(
        "/r/people/import/",
        {"file": SimpleUploadedFile("p.csv", csv_bytes(rows), content_type="text/csv")},
    )
    errors = response.context["job"].errors
    assert len(errors) == 1
    assert errors[0].startswith("第3行 所属农户户编号: ")
    assert "户编号 H-13" in errors[0]
    assert "李41" in errors[0]  # the member the file registered just before
    assert household.head.name in errors[0]


def test_a_file_with_english_headers_imports_in_chinese_and_back(tree, client_as):
    from django.utils import translation

    from xingcun.core.registry import get
    from xingcun.core.tests.test_imports import PEOPLE_HEADERS, csv_bytes, person_row

    columns = [get("people").column(h) for h in PEOPLE_HEADERS]
    with translation.override("en"):
        english = [str(c.header) for c in columns if c is not None]
    assert english != PEOPLE_HEADERS  # the headers are translated
    rows = [english, person_row(51, tree.village_a)]
    response = client_as(Role.VILLAGE, tree.village_a).post(
        "/r/people/import/",
        {"file": SimpleUploadedFile("p.csv", csv_bytes(rows), content_type="text/csv")},
    )
    assert response.context["job"].errors == []
