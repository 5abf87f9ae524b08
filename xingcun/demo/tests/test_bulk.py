from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.demo import bulk
from xingcun.organisations.models import Organisation
from xingcun.people.models import Household, Person
from xingcun.villages.models import VillageProfile
from xingcun.wishes.models import Wish, WishClaim

IGNORED = {"id", "created_at", "updated_at", "head_id", "number", "id_number", "wish_id"}


def people_and_households(tree, suffix: str) -> tuple[list[Person], list[Household]]:
    people = [
        Person(
            area=tree.village_a,
            name=f"王{suffix}{i}",
            gender="male" if i % 2 else "female",
            birth_date=dt.date(1960 + i, 3, 4),
            id_number=f"{suffix}{i:017d}"[-18:],
            phone="" if i == 0 else f"1380000{i:04d}",
        )
        for i in range(3)
    ]
    # Assigned before the heads are saved, as the demo does: the keys are taken at insert time.
    households = [
        Household(area=tree.village_a, number=f"H{suffix}-{i}", head=p, size=i + 1)
        for i, p in enumerate(people)
    ]
    return people, households


def rows(model, **filters) -> list[dict]:
    with scopes_disabled():  # comparing rows written outside any request
        values = model._default_manager.filter(**filters).order_by("pk").values()
        return [{k: v for k, v in row.items() if k not in IGNORED} for row in values]


def test_insert_writes_what_bulk_create_writes_and_sets_keys(tree):
    made, made_households = people_and_households(tree, "1")
    with scopes_disabled():  # the reference rows, through Django's own bulk_create
        Person.objects.bulk_create(made)
        Household.objects.bulk_create(made_households)
    people, households = people_and_households(tree, "2")

    bulk.insert(people)
    bulk.insert(households)

    assert all(p.pk and not p._state.adding for p in people)
    assert [h.head_id for h in households] == [p.pk for p in people]
    assert rows(Person, name__startswith="王2") == [
        {**r, "name": r["name"].replace("王1", "王2")} for r in rows(Person, name__startswith="王1")
    ]
    assert rows(Household, number__startswith="H2") == rows(Household, number__startswith="H1")
    with scopes_disabled():  # reading back the keys and timestamps
        stored = Household.objects.get(pk=households[0].pk)
    assert stored.head_id == people[0].pk
    assert stored.created_at == households[0].created_at == stored.updated_at


def test_insert_converts_decimals_json_and_empty_files(tree):
    profile = VillageProfile(
        area=tree.village_a,
        year=2020,
        population=1234,
        households=456,
        per_capita_income=Decimal("32100.55"),
        operating_income=Decimal("12.30"),
        contract_income=Decimal(0),
        investment_income=Decimal("0.01"),
        subsidy_income=Decimal("3.50"),
        other_income=Decimal(1),
        debt=Decimal("99.99"),
        industries="茶叶、民宿",
    )
    entry = AuditEntry(action="demo.tested", via="command", changes={"年份": 2020, "列表": [1, 2]})
    wish = Wish(
        area=tree.village_a,
        title="轮椅一台",
        content="腿脚不便",
        category="life",
        wisher_name="李大妈",
        status="submitted",
        submitted_on=dt.date(2020, 5, 1),
    )
    bulk.insert([profile])
    bulk.insert([entry])
    bulk.insert([wish])
    organisation = Organisation(
        area=tree.village_a,
        code="X-00",
        name="中共某村支部委员会",
        kind=Organisation.Kind.BRANCH,
        category=Organisation.Category.REGULAR,
    )
    bulk.insert([organisation])
    claim = WishClaim(
        area=tree.village_a,
        wish=wish,
        organisation=organisation,
        claimed_at=dt.datetime(2020, 5, 3, 9, 30, tzinfo=dt.UTC),
        due_on=dt.date(2020, 6, 2),
        status="active",
    )
    bulk.insert([claim])

    with scopes_disabled():  # reading back what was written
        stored = VillageProfile.objects.get(pk=profile.pk)
        stored_claim = WishClaim.objects.get(pk=claim.pk)
        changes = AuditEntry.objects.get(pk=entry.pk).changes
    assert (stored.per_capita_income, stored.debt, stored.contract_income) == (
        Decimal("32100.55"),
        Decimal("99.99"),
        Decimal(0),
    )
    assert changes == {"年份": 2020, "列表": [1, 2]}
    assert stored_claim.wish_id == wish.pk
    assert stored_claim.claimed_at == dt.datetime(2020, 5, 3, 9, 30, tzinfo=dt.UTC)
    assert not stored_claim.evidence


def test_insert_puts_many_rows_in_one_statement(tree):
    people, _ = people_and_households(tree, "3")
    people += people_and_households(tree, "4")[0]

    with CaptureQueriesContext(connection) as queries:
        bulk.insert(people, batch_size=4)

    assert len([q for q in queries if q["sql"].startswith("INSERT")]) == 2


def test_insert_refuses_unsaved_related_objects_and_mixed_models(tree):
    person = Person(area=tree.village_a, name="张三", gender="male", birth_date=dt.date(1970, 1, 1))
    household = Household(area=tree.village_a, number="H-x", head=person, size=1)

    with pytest.raises(ValueError, match="head"):
        bulk.insert([household])
    with pytest.raises(TypeError, match="one model"):
        bulk.insert([person, household])
