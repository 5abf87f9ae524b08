"""Rendered pages served from the cache (`core.versions.memo`): every write path makes the pages
that read what it wrote render again, with the new figures, while the other pages are served from
the cache as they were."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from xingcun.core import versions
from xingcun.core.permissions import Role
from xingcun.core.tests.factories import child_area
from xingcun.indicators import engine, services
from xingcun.indicators.engine import Period
from xingcun.indicators.tests.writes import by_admin, by_command, by_form, by_import

POPULATION = "villages.population"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


@pytest.fixture
def built(monkeypatch):
    """The names of the memoised pages rendered (not served from the cache)."""
    seen: list[str] = []
    real = versions.memo

    def spy(name, build):
        def recorded():
            seen.append(str(name[0]))
            return build()

        return real(name, recorded)

    monkeypatch.setattr(versions, "memo", spy)
    return seen


def pages(tree):
    code = tree.district.code
    return {
        "population": reverse("indicators:drilldown", args=[POPULATION, code, "2020"]),
        "members": reverse("indicators:drilldown", args=["party.members", code, "2020"]),
        "profiles-list": reverse("core:profiles-list"),
        "members-list": reverse("core:members-list"),
        "home": reverse("core:home"),
        "report": reverse("reports:view", args=[code, "2020"]),
    }


def get(client, url):
    """The page without its per-response CSRF tokens."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return TOKEN.sub("", response.content.decode())


def district_population(tree):
    with scope(area=tree.district.path):
        grid = engine.evaluate_grid(
            area=tree.district,
            periods=[Period.year(2020)],
            codes=[POPULATION],
            levels=(),
            cached=False,
        )
    return grid["2020"][POPULATION][tree.district.code]


# --- the write paths: each changes the village profiles (population) and nothing else ------------


def by_sql(tree, client):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE villages_villageprofile SET population = population + 5")


WRITES = {
    "form": lambda tree, client: by_form(tree, client, population=4321),
    "import": lambda tree, client: by_import(tree, population=2100),
    "admin": lambda tree, client: by_admin(tree, added=11),
    "raw SQL": by_sql,
}


@pytest.mark.parametrize("path", [*WRITES, "command"])
def test_a_write_renders_the_pages_that_read_it_again_and_serves_the_others(
    tree, records, client_as, built, path, tmp_path
):
    client = client_as(Role.DISTRICT, tree.district)
    urls = pages(tree)
    first = {name: get(client, url) for name, url in urls.items()}
    built.clear()
    again = {name: get(client, url) for name, url in urls.items()}
    assert built == []  # every page from the cache
    assert again == first

    before = district_population(tree)
    if path == "command":
        by_command(tree, tmp_path, population=3100)
    else:
        WRITES[path](tree, client)
    after = district_population(tree)
    assert after.value != before.value

    built.clear()
    now = {name: get(client, url) for name, url in urls.items()}
    # The pages that read the profiles (the figure's records, the list, the home page's counts
    # and to-do, the report) are rendered again; the members' pages come from the cache.
    assert {"drilldown", "register", "home", "report-page"} <= set(built)
    assert now["members"] == again["members"]
    assert now["members-list"] == again["members-list"]
    assert built.count("drilldown") == 1
    assert built.count("register") == 1
    assert (
        f"data-total>{after.display()}" in now["population"] or after.display() in now["population"]
    )
    assert now["population"] != again["population"]


def test_a_service_action_freezing_figures_renders_the_figures_pages_again(
    tree, records, client_as, built, make_user
):
    client = client_as(Role.DISTRICT, tree.district)
    urls = pages(tree)
    first = {name: get(client, url) for name, url in urls.items()}
    with scope(area=tree.district.path):
        services.snapshot_freeze(
            area=tree.district, period=Period.year(2020), by=make_user(Role.DISTRICT, tree.district)
        )
    built.clear()
    now = {name: get(client, url) for name, url in urls.items()}
    assert built.count("drilldown") == 2  # both figures now read frozen values
    assert "frozen" in now["population"] or now["population"] != first["population"]
    assert now["members-list"] == first["members-list"]
    assert "register" not in built or built.count("register") == 1  # the profiles' list may not


def test_memoised_pages_are_per_role(tree, records, client_as, built):
    url = reverse("core:members-list")
    district = client_as(Role.DISTRICT, tree.district).get(url).content
    town = client_as(Role.TOWN, tree.town_a).get(url).content
    assert district != town
    assert built.count("register") == 2


def _grow(tree, n):
    """`n` more villages below town A, each with a profile and two party members."""
    from xingcun.people.tests.factories import PartyMemberFactory

    from .conftest import profile

    with scopes_disabled():
        for i in range(n):
            village = child_area(tree.town_a, f"330112108{400 + i}", f"新村{i}")
            profile(village, 2020)
            PartyMemberFactory.create_batch(2, area=village)


def test_query_counts_of_every_page_do_not_grow_with_the_tree(tree, records, client_as):
    """Cold (nothing cached) and warm, each page costs the same number of queries for a tree of
    four villages and for one of twelve; warm, only the request's own (session, user, role) and
    the versions are read."""
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    client = client_as(Role.DISTRICT, tree.district)
    urls = {**pages(tree), "dashboard": reverse("indicators:dashboard") + "?year=2020"}

    def count() -> dict[str, tuple[int, int]]:
        cache.clear()
        counts = {}
        for name, url in urls.items():
            with CaptureQueriesContext(connection) as cold:
                get(client, url)
            with CaptureQueriesContext(connection) as warm:
                get(client, url)
            counts[name] = (len(cold), len(warm))
        return counts

    count()  # once first: per-process caches of configuration (rules read once) are filled
    small = count()
    _grow(tree, 8)
    count()  # new villages change the areas' version: the session's user is read again, once
    large = count()
    assert large == small
    assert all(warm <= 6 for _cold, warm in small.values()), small
