"""`versions.memo`: a value is served from the cache while none of the tables it read changed,
and computed again as soon as one of them did."""

from __future__ import annotations

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from xingcun.core import versions
from xingcun.indicators import engine
from xingcun.indicators.engine import Period
from xingcun.people.models import PartyMember
from xingcun.villages.models import VillageProfile


@pytest.fixture
def calls():
    return []


def memo_count(calls, name="members"):
    def build():
        calls.append(name)
        return PartyMember.objects.count()

    return versions.memo((name,), build)


def test_a_value_is_served_until_a_table_it_read_changes(tree, records, calls):
    with scope(area=tree.district.path):
        first = memo_count(calls)
        assert memo_count(calls) == first
        assert calls == ["members"]
        with scopes_disabled():  # a write to another table: still served from the cache
            VillageProfile.objects.update(population=1)
        assert memo_count(calls) == first
        assert calls == ["members"]
        with scopes_disabled():
            PartyMember.objects.filter(pk=records.members[0].pk).delete()
        assert memo_count(calls) == first - 1
        assert calls == ["members", "members"]


def test_a_value_built_from_cached_figures_depends_on_their_tables(tree, records, calls):
    """No SQL reads the members' table while the sums come from the cache: the memo still
    depends on it, through the cache's versions."""

    def build():
        calls.append("figure")
        grid = engine.evaluate_grid(
            area=tree.district, periods=[Period.year(2020)], codes=["party.members"], levels=()
        )
        return grid["2020"]["party.members"][tree.district.code].value

    with scope(area=tree.district.path):
        build()  # the sums are cached now
        calls.clear()
        first = versions.memo(("figure",), build)
        assert versions.memo(("figure",), build) == first
        assert calls == ["figure"]
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM people_partymember WHERE id = %s", [records.members[1].pk])
        assert versions.memo(("figure",), build) == first - 1
        assert calls == ["figure", "figure"]


def test_a_value_that_read_a_table_without_a_version_is_never_cached(tree, calls):
    def build():
        calls.append("sessions")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_session")
            return cursor.fetchone()[0]

    versions.memo(("sessions",), build)
    versions.memo(("sessions",), build)
    assert calls == ["sessions", "sessions"]


def test_the_scope_is_part_of_the_key(tree, records, calls):
    with scope(area=tree.district.path):
        district = memo_count(calls)
    with scope(area=tree.town_a.path):
        town = memo_count(calls)
    assert calls == ["members", "members"]
    assert town < district
