"""Registers declared from their models; references resolved through the acting user's scope in
one place; search-as-you-type for large registers; exports that stream."""

from __future__ import annotations

import io

import pytest
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from xingcun.core import idcard
from xingcun.core import registry as r
from xingcun.core.forms import OUT_OF_SCOPE, SearchSelect, initials
from xingcun.core.models import Area
from xingcun.core.permissions import Role
from xingcun.finance.models import Bank
from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.models import Household, PartyMember, Person
from xingcun.people.tests.factories import (
    HouseholdFactory,
    PartyMemberFactory,
    PersonFactory,
    id_for,
)
from xingcun.universities.models import Dispatch, Programme, University

FORM_LIMIT = 100 * 1024


def test_a_declared_column_takes_label_length_and_requiredness_from_the_model():
    column = r.get("banks").column("银行名称")
    assert isinstance(column, r.TextColumn)
    assert (column.field, column.max_length, column.required) == ("name", 64, True)
    assert r.get("banks").column("联系人").required is False


def test_decimal_places_and_minimum_come_from_the_field_and_its_check_constraint():
    column = r.get("bank-agreements").column("专项扶持资金(万元)")
    assert isinstance(column, r.DecimalColumn)
    assert (column.places, column.minimum) == (2, 0)


def test_a_reference_column_finds_a_row_by_its_natural_key_inside_the_scope(tree):
    person = PersonFactory(area=tree.village_a, id_number=id_for(7))
    column = r.get("households").column("户主身份证号")
    with scope(area=tree.town_a.path):
        assert column.parse(person.id_number.lower()) == person
    with scope(area=tree.town_b.path), pytest.raises(r.CellError, match="不在您的辖区内"):
        column.parse(person.id_number)


def test_the_derived_form_edits_the_declared_fields_with_the_models_labels(tree):
    with scope(area=tree.district.path):
        form = r.get("banks").form_class()
    assert list(form.fields) == ["area", "name", "contact", "users"]
    assert form.fields["name"].label == str(Bank._meta.get_field("name").verbose_name)


# --- references outside the jurisdiction are refused, nothing is written -----------------------------


REFERENCED = (Area, Person, PartyMember, Household, Organisation)


@pytest.fixture
def outside(tree):
    """One row of every large register in 清凉峰镇 (town_b), outside the town_a logins."""
    member = PartyMemberFactory(area=tree.village_b)
    return {
        Area: tree.village_b,
        Person: member.person,
        PartyMember: member,
        Household: HouseholdFactory(area=tree.village_b),
        Organisation: member.organisation,
    }


def reference_cases():
    cases = []
    for reg in r.all_registries():
        for name in reg.form_class._meta.fields or ():
            field = reg.model._meta.get_field(name)
            if field.many_to_one and field.related_model in REFERENCED:
                cases.append(pytest.param(reg.key, name, id=f"{reg.key}-{name}"))
    return cases


@pytest.mark.parametrize(("role", "node"), [(Role.TOWN, "town_a"), (Role.VILLAGE, "village_a")])
@pytest.mark.parametrize(("key", "name"), reference_cases())
def test_create_form_refuses_a_reference_outside_the_jurisdiction(
    key, name, role, node, tree, outside, client_as
):
    reg = r.get(key)
    with scopes_disabled():
        before = reg.model._base_manager.count()
        model = reg.model._meta.get_field(name).related_model
    target = outside[model]
    response = client_as(role, getattr(tree, node)).post(f"/r/{key}/new/", {name: target.pk})
    if response.status_code == 403:  # this role may not write the register at all
        return
    assert response.status_code == 200
    assert str(OUT_OF_SCOPE) in response.context["form"].errors[name][0]
    with scopes_disabled():
        assert reg.model._base_manager.count() == before


def test_town_cannot_dispatch_students_to_another_towns_village(tree, client_as):
    with scopes_disabled():
        university = University.objects.create(area=tree.district, name="浙江农林大学")
        programme = Programme.objects.create(
            area=tree.district, university=university, name="科技特派员", start_year=2024
        )
    data = {
        "programme": programme.pk,
        "village": tree.village_b.pk,
        "kind": Dispatch.Kind.choices[0][0],
        "name": "王同学",
        "headcount": 1,
        "started_on": "2024-03-01",
    }
    response = client_as(Role.TOWN, tree.town_a).post("/universities/dispatches/new/", data)
    assert response.status_code == 200
    assert str(OUT_OF_SCOPE) in str(response.context["form"].errors["village"])
    with scopes_disabled():
        assert not Dispatch.objects.exists()


# --- search-as-you-type ---------------------------------------------------------------------------------


def test_person_reference_is_a_search_field_that_renders_only_the_chosen_row(tree, client_as):
    PersonFactory.create_batch(30, area=tree.village_a)
    response = client_as(Role.TOWN, tree.town_a).get("/r/households/new/")
    form = response.context["form"]
    assert isinstance(form.fields["head"].widget, SearchSelect)
    assert response.content.decode().count("<option") < 30
    assert 'data-search="/r/households/search/head/"' in response.content.decode()


def test_search_finds_by_name_id_tail_and_pinyin_initials_inside_the_scope(tree, client_as):
    mine = PersonFactory(area=tree.village_a, name="欧阳娜娜", id_number=id_for(4321))
    PersonFactory(area=tree.village_b, name="欧阳娜", id_number=id_for(4322))
    client = client_as(Role.TOWN, tree.town_a)
    for query in ("欧阳", mine.id_number[-4:], "oynn"):
        results = client.get("/r/households/search/head/", {"q": query}).json()["results"]
        assert [row["value"] for row in results] == [mine.pk], query


def test_search_answers_at_most_twenty_rows(tree, client_as):
    PersonFactory.create_batch(25, area=tree.village_a, name=factory_name())
    results = client_as(Role.TOWN, tree.town_a).get("/r/households/search/head/", {"q": "李"})
    assert len(results.json()["results"]) == 20


def factory_name():
    import factory

    return factory.Sequence(lambda n: f"李{n}")


def test_search_of_a_field_that_is_not_a_reference_is_404(tree, client_as):
    response = client_as(Role.TOWN, tree.town_a).get("/r/households/search/size/", {"q": "1"})
    assert response.status_code == 404


def test_pinyin_initials_of_a_name():
    assert initials("张三丰") == "zsf"


def test_every_create_form_stays_small_for_the_district(tree, client_as):
    """2,000 people, 500 households and members: no create form lists them all."""
    with scopes_disabled():
        Person.objects.bulk_create(
            Person(
                area=tree.village_a,
                name=f"王{n}",
                id_number=(number := id_for(10_000 + n)),
                gender=idcard.gender(number),
                birth_date=idcard.birth_date(number),
            )
            for n in range(2000)
        )
    for _ in range(50):
        HouseholdFactory(area=tree.village_a)
        OrganisationFactory(area=tree.village_a)
    client = client_as(Role.DISTRICT, tree.district)
    sizes = {}
    for reg in r.all_registries():
        response = client.get(f"/r/{reg.key}/new/")
        assert response.status_code in (200, 403), reg.key
        sizes[reg.key] = len(response.content)
    too_big = {key: size for key, size in sizes.items() if size >= FORM_LIMIT}
    assert not too_big
    assert sizes["households"] > 3_000  # the page itself was rendered


# --- exports stream --------------------------------------------------------------------------------------


def test_csv_export_streams_with_a_bom(tree, client_as):
    PersonFactory.create_batch(3, area=tree.village_a)
    response = client_as(Role.DISTRICT, tree.district).get("/r/people/export.csv")
    assert response.streaming
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff身份证号".encode())
    assert content.count(b"\r\n") == 4


def test_xlsx_export_streams_a_complete_workbook(tree, client_as):
    PersonFactory.create_batch(3, area=tree.village_a)
    response = client_as(Role.DISTRICT, tree.district).get("/r/people/export.xlsx")
    assert response.streaming
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["数据"].iter_rows(values_only=True))
    assert rows[0][0] == "身份证号"
    assert len(rows) == 4


def test_search_of_a_reference_keyed_by_number_accepts_letters(tree, client_as):
    response = client_as(Role.TOWN, tree.town_a).get("/r/help-logs/search/pairing/", {"q": "zh"})
    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_large_references_are_search_fields_in_every_form_that_names_them(tree):
    large = (Person, PartyMember, Household, Organisation)
    with scope(area=tree.district.path):
        for reg in r.all_registries():
            for name, field in reg.form_class().fields.items():
                model = getattr(getattr(field, "queryset", None), "model", None)
                if model in large:
                    assert isinstance(field.widget, SearchSelect), f"{reg.key}.{name}"
