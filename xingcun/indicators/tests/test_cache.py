"""Cached indicator sums: every write path changes the figures it affects, and only those are
recomputed; everything else is served from the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache as shared_cache
from django.db import connection
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from xingcun.core import versions
from xingcun.core.permissions import Role
from xingcun.indicators import cache, engine, services, tasks
from xingcun.indicators.engine import Period
from xingcun.indicators.tests.writes import by_admin, by_command, by_form, by_import
from xingcun.people.models import PartyMember
from xingcun.villages.models import VillageProfile

YEAR = Period.year(2020)
MEMBERS, POPULATION = "party.members", "villages.population"


@pytest.fixture
def computed(monkeypatch):
    """The tables of the source queries recomputed (not served from the cache)."""
    seen: list[str] = []
    real = engine.measure_group

    def spy(group, *args, **kwargs):
        seen.append(group[0]._meta.db_table)
        return real(group, *args, **kwargs)

    monkeypatch.setattr(engine, "measure_group", spy)
    return seen


def figures(area, codes=(MEMBERS, POPULATION)):
    with scope(area=area.path):
        grid = engine.evaluate_grid(area=area, periods=[YEAR], codes=codes, levels=(4,))
    return {
        code: {node: r.value for node, r in by_node.items()}
        for code, by_node in grid["2020"].items()
    }


@pytest.fixture
def warm(tree, records, computed):
    """The district's figures, evaluated once (cached); the spy is then reset."""
    before = figures(tree.district)
    computed.clear()
    return before


def population_of(village):
    with scopes_disabled():
        return VillageProfile.objects.get(area=village, year=2020).population


def assert_only_profiles_recomputed(computed):
    assert computed, "the changed figures were recomputed"
    assert set(computed) == {"villages_villageprofile"}


def test_a_second_evaluation_is_served_from_the_cache(tree, warm, computed):
    assert figures(tree.district) == warm
    assert computed == []


def test_every_source_table_has_a_version_trigger(tree):
    covered = versions.triggers_installed()
    cache.forget()
    read: set[str] = set()
    with scope(area=tree.district.path):  # conditions read rules of the scope's jurisdiction
        for ind in engine.catalogue():
            if ind.additive:
                tables = cache.definition(engine.group_of(ind.code))[1]
                assert tables <= covered | {"core_area"}, ind.code
                read |= tables
    assert "core_area" in covered
    # The rules a condition reads while it is built are among the tables of its key.
    assert "villages_weakvillagerule" in read


class _ExtraSource(engine.ApprovalSource):
    def reports(self, model):
        return False

    def tables(self):
        return frozenset({"reporting_extra_status"})


def test_catalogue_tables_are_built_once_and_follow_the_approval_sources(db, monkeypatch):
    first = cache.catalogue_tables()
    assert cache.catalogue_tables() is first  # kept by the process: every figures page reads it
    assert "people_partymember" in first
    monkeypatch.setattr(engine, "_approval_sources", list(engine._approval_sources))
    try:
        engine.add_approval_source(_ExtraSource())
        assert cache.catalogue_tables() == first | {"reporting_extra_status"}
    finally:
        monkeypatch.undo()
        cache.forget()
    assert cache.catalogue_tables() == first


def test_raw_sql_bumps_the_version_of_its_table(tree, records):
    before = versions.current()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_partymember SET holds_office = holds_office")
    after = versions.current()
    assert after["people_partymember"] != before.get("people_partymember")
    assert after.get("villages_villageprofile") == before.get("villages_villageprofile")


def test_bulk_update_changes_the_figure_and_recomputes_only_its_table(tree, warm, computed):
    old = population_of(tree.village_a)
    with scopes_disabled():
        VillageProfile.objects.filter(area=tree.village_a, year=2020).update(population=5000)
    now = figures(tree.district)
    assert now[POPULATION][tree.town_a.code] == warm[POPULATION][tree.town_a.code] + 5000 - old
    assert now[MEMBERS] == warm[MEMBERS]
    assert_only_profiles_recomputed(computed)


def test_form_edit_changes_the_figure(tree, warm, computed, client_as):
    old = population_of(tree.village_b)
    by_form(tree, client_as(Role.DISTRICT, tree.district), population=1234)
    computed.clear()  # the redirect target is not part of the measurement
    now = figures(tree.district)
    assert now[POPULATION][tree.town_b.code] == warm[POPULATION][tree.town_b.code] + 1234 - old
    assert now[MEMBERS] == warm[MEMBERS]
    assert_only_profiles_recomputed(computed)


def test_form_delete_changes_the_member_count(tree, warm, computed, client_as):
    with scopes_disabled():
        member = (
            PartyMember.objects.filter(area=tree.village_a, left_on=None).order_by("pk").first()
        )
    client = client_as(Role.DISTRICT, tree.district)
    response = client.post(reverse("core:members-delete", args=[member.pk]))
    assert response.status_code == 302
    computed.clear()
    now = figures(tree.district)
    assert now[POPULATION] == warm[POPULATION]
    assert set(computed) >= {"people_partymember"}
    assert "villages_villageprofile" not in computed
    with scope(area=tree.district.path):
        live = engine.evaluate_grid(
            area=tree.district, periods=[YEAR], codes=[MEMBERS], levels=(4,), cached=False
        )["2020"][MEMBERS]
    assert now[MEMBERS] == {code: r.value for code, r in live.items()}
    assert now[MEMBERS] != warm[MEMBERS]


def test_import_changes_the_figure(tree, warm, computed):
    by_import(tree, population=2000)
    now = figures(tree.district)
    with scopes_disabled():
        profiles = VillageProfile.objects.filter(year=2020, area__parent=tree.town_a).count()
    assert now[POPULATION][tree.town_a.code] == 2000 * profiles
    assert now[MEMBERS] == warm[MEMBERS]
    assert_only_profiles_recomputed(computed)


def test_import_command_changes_the_figure(tree, warm, computed, tmp_path):
    by_command(tree, tmp_path, population=3000)
    now = figures(tree.district)
    assert now[POPULATION][tree.district.code] > warm[POPULATION][tree.district.code]
    assert now[MEMBERS] == warm[MEMBERS]
    assert_only_profiles_recomputed(computed)


def test_admin_edit_changes_the_figure(tree, warm, computed):
    by_admin(tree, added=7)
    computed.clear()
    now = figures(tree.district)
    assert now[POPULATION][tree.town_a.code] == warm[POPULATION][tree.town_a.code] + 7
    assert_only_profiles_recomputed(computed)


def test_service_action_freezing_a_snapshot_is_seen_and_recomputes_no_sums(
    tree, warm, computed, make_user
):
    by = make_user(Role.DISTRICT, tree.district)
    with scopes_disabled():
        VillageProfile.objects.filter(area=tree.village_a, year=2020).update(population=1)
    with scope(area=tree.district.path):
        services.snapshot_freeze(area=tree.district, period=YEAR, by=by)
    computed.clear()
    with scopes_disabled():
        VillageProfile.objects.filter(area=tree.village_a, year=2020).update(population=9)
    with scope(area=tree.district.path):
        grid = engine.evaluate_grid(
            area=tree.district, periods=[YEAR], codes=[POPULATION], levels=(4,)
        )["2020"][POPULATION]
    town = grid[tree.town_a.code]
    assert town.frozen
    assert town.differs
    assert town.live_value == town.value + 8
    assert computed == ["villages_villageprofile"]


def test_a_narrower_scope_never_shares_the_sums_of_the_whole_node(tree, warm):
    with scope(area=tree.town_a.path):
        partial = engine.evaluate_grid(
            area=tree.district, periods=[YEAR], codes=[POPULATION], levels=()
        )["2020"][POPULATION][tree.district.code]
    assert partial.value == warm[POPULATION][tree.town_a.code]
    assert figures(tree.district)[POPULATION] == warm[POPULATION]


def test_warm_task_fills_the_cache_once_per_burst(tree, records, computed):
    with scopes_disabled():
        VillageProfile.objects.filter(area=tree.village_a, year=2020).update(population=77)
    shared_cache.clear()
    first = tasks.grids_warm.call(area_id=tree.district.pk)
    assert int(first) == 3  # the district, its two towns (the nodes above roll up when read)
    assert computed
    computed.clear()
    assert tasks.grids_warm.call(area_id=tree.district.pk) == "unchanged"
    with scope(area=tree.district.path):
        from xingcun.indicators import selectors

        board = selectors.dashboard(area=tree.district, year=2020)
    assert computed == []
    with scope(area=tree.district.path):
        live = engine.evaluate_grid(
            area=tree.district, periods=[YEAR], codes=[POPULATION], levels=(), cached=False
        )["2020"][POPULATION][tree.district.code]
    shown = {c.result.indicator.code: c.result for _title, cards in board.sections for c in cards}
    assert shown[POPULATION].value == live.value


def test_installing_the_triggers_again_gives_every_table_a_new_version(tree, records):
    before = versions.current()
    versions.install()
    after = versions.current()
    assert after["people_partymember"] != before["people_partymember"]
    assert "villages_villageprofile" in after


@pytest.fixture
def two_counties(tree, records):
    """A second county under the city with a village of its own, and records attached to the
    city and the province themselves (an organisation, a project): the roll-up must count them."""
    import datetime as dt
    from decimal import Decimal

    from xingcun.core.models import Area
    from xingcun.core.tests.factories import child_area
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.people.tests.factories import PartyMemberFactory
    from xingcun.projects.tests.factories import ProjectFactory

    from .conftest import profile

    with scopes_disabled():
        city = Area.tree.get(level=2)
        province = Area.tree.get(level=1)
        county = child_area(city, "330122000000", "桐庐县")
        town = child_area(county, "330122100000", "桐君街道")
        village = child_area(town, "330122100201", "梅蓉村")
        organisation = OrganisationFactory(area=village, kind="branch")
        for i in range(5):
            PartyMemberFactory(
                area=village, organisation=organisation, joined_on=dt.date(2015 + i, 1, 1)
            )
        profile(village, 2020, population=777, per_capita_income=Decimal("41000.00"))
        profile(village, 2019, population=700)
        OrganisationFactory(area=city, kind="committee", category="organ")
        ProjectFactory(
            area=province,
            kind="agriculture",
            investment=Decimal("5000.55"),
            signed_on=dt.date(2019, 1, 1),
            landed_on=dt.date(2019, 5, 1),
        )
    return province, city, county


def _values(grid):
    return {
        (token, code, node): (r.value, r.numerator, r.denominator)
        for token, by_code in grid.items()
        for code, by_node in by_code.items()
        for node, r in by_node.items()
    }


def test_a_province_is_rolled_up_from_its_counties_and_equals_a_direct_evaluation(
    two_counties, monkeypatch
):
    province, city, _county = two_counties
    scanned: list[tuple[str, bool]] = []
    real = engine.measure_group

    def spy(group, measures, area, *args, **kwargs):
        nodes = kwargs.get("attached", ())
        scanned.extend((n.path, True) for n in nodes)
        if not nodes:
            scanned.append((area.path, False))
        return real(group, measures, area, *args, **kwargs)

    monkeypatch.setattr(engine, "measure_group", spy)
    periods = [Period.year(2019), YEAR]
    with scope(area=province.path):  # the counties' dashboards (or their warm-up tasks)
        for each in city.children.all():
            engine.evaluate_grid(area=each, periods=periods, levels=(4,))
    scanned.clear()
    with scope(area=province.path):
        rolled = engine.evaluate_grid(area=province, periods=periods, levels=(2,))
    # The province and the city were not scanned: only the records attached to them were read.
    assert {p for p, attached in scanned if not attached} == set()
    assert {p for p, attached in scanned if attached} == {province.path, city.path}
    with scope(area=province.path):
        direct = engine.evaluate_grid(area=province, periods=periods, levels=(2,), cached=False)
    assert _values(rolled) == _values(direct)
    assert _values(rolled)[("2020", MEMBERS, province.code)][0] > 0
    # The city's roll-up is an entry of its own (nothing is computed again) and equals the city's
    # direct evaluation.
    scanned.clear()
    with scope(area=city.path):
        rolled_city = engine.evaluate_grid(area=city, periods=periods, levels=(3,))
    assert scanned == []
    with scope(area=city.path):
        direct_city = engine.evaluate_grid(area=city, periods=periods, levels=(3,), cached=False)
    assert _values(rolled_city) == _values(direct_city)


def test_a_province_whose_counties_are_not_cached_is_scanned_once(two_counties, monkeypatch):
    """Cold (or after a write, before the counties' warm-up tasks ran), scanning the province
    once is cheaper than scanning each county: no roll-up then, and the same figures."""
    province, city, county = two_counties
    with scopes_disabled():
        counties = list(city.children.all())
    scanned: list[str] = []
    real = engine.measure_group

    def spy(group, measures, area, *args, **kwargs):
        scanned.append(area.path)
        return real(group, measures, area, *args, **kwargs)

    monkeypatch.setattr(engine, "measure_group", spy)
    with scope(area=province.path):
        engine.evaluate_grid(area=county, periods=[YEAR], levels=(4,))  # one county cached
        scanned.clear()
        cold = engine.evaluate_grid(area=province, periods=[YEAR], levels=(2,))
        direct = engine.evaluate_grid(area=province, periods=[YEAR], levels=(2,), cached=False)
    assert set(scanned) == {province.path}
    assert _values(cold) == _values(direct)
    # That one scan filled the entries of every city and county below: their figures are read
    # from the cache, and equal their direct evaluation.
    scanned.clear()
    with scope(area=province.path):
        for node in (city, *counties):
            level = node.level + 1
            cached = engine.evaluate_grid(area=node, periods=[YEAR], levels=(level,))
            assert scanned == [], node
            live = engine.evaluate_grid(area=node, periods=[YEAR], levels=(level,), cached=False)
            assert _values(cached) == _values(live), node
            scanned.clear()


def test_a_write_in_one_county_rolls_the_province_up_again_exactly(two_counties):
    province, city, county = two_counties
    with scopes_disabled():
        counties = list(city.children.all())
    with scope(area=province.path):
        for each in counties:
            engine.evaluate_grid(area=each, periods=[YEAR], levels=(4,))
        engine.evaluate_grid(area=province, periods=[YEAR], levels=(2,))
    with scopes_disabled():
        VillageProfile.objects.filter(area__path__startswith=county.path, year=2020).update(
            population=901
        )
    with scope(area=province.path):
        for each in counties:  # what each county's warm-up task does after the write
            engine.evaluate_grid(area=each, periods=[YEAR], levels=(4,))
        rolled = engine.evaluate_grid(area=province, periods=[YEAR], levels=(2,))
        direct = engine.evaluate_grid(area=province, periods=[YEAR], levels=(2,), cached=False)
    assert _values(rolled) == _values(direct)


def test_an_import_queues_the_warm_up_of_its_county_as_it_commits(
    tree, records, monkeypatch, django_capture_on_commit_callbacks
):
    """Warm on write: the import's commit queues the county's warm-up (run at once by the test
    task backend), so the dashboard's first reader is served from the cache."""
    shared_cache.clear()
    warmed = tasks.WARMED.format(tree.district.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        by_import(tree, population=2500)
        assert shared_cache.get(warmed) is None  # not before the commit
    assert len(callbacks) == 1
    assert shared_cache.get(warmed) is not None  # the county's warm-up ran
    from xingcun.indicators import selectors

    seen: list[str] = []
    real_group = engine.measure_group
    monkeypatch.setattr(
        engine, "measure_group", lambda g, *a, **k: (seen.append(g), real_group(g, *a, **k))[1]
    )
    with scope(area=tree.district.path):
        board = selectors.dashboard(area=tree.district, year=2020)
    assert seen == []  # everything from the cache the warm-up filled
    shown = {c.result.indicator.code: c.result for _title, cards in board.sections for c in cards}
    with scopes_disabled():
        profiles = VillageProfile.objects.filter(year=2020).count()
    assert shown[POPULATION].value == 2500 * profiles


def test_a_write_below_a_county_warms_that_county(tree, monkeypatch):
    warmed: list[int] = []
    monkeypatch.setattr(
        tasks, "grids_warm", type("T", (), {"enqueue": lambda **kw: warmed.append(kw["area_id"])})
    )
    tasks.warm_soon(tree.village_b)
    tasks.warm_soon(tree.town_a)
    tasks.warm_soon(None)  # the whole platform: every county
    assert warmed == [tree.district.pk] * 3
