"""Every URL × role × inside/outside jurisdiction; rows come from each app's tests/matrix.py
(see xingcun/core/tests/matrix.py). A URL without a row fails `test_every_url_is_in_matrix`."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from xingcun.core.permissions import Role
from xingcun.core.tests.matrix import ALL_200, ROLES, Row


def matrix_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("xingcun."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.tests.matrix"))
        except ModuleNotFoundError as e:
            if e.name != f"{config.name}.tests.matrix" and e.name != f"{config.name}.tests":
                raise
    return modules


MODULES = matrix_modules()
MATRIX: list[Row] = [row for module in MODULES for row in module.ROWS]


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    names.add("admin:index")  # Django's own admin: one row stands for it
                    continue
                if p.namespace == "v1":  # the JSON API: its own matrix (api/tests/test_api_matrix)
                    continue
                inner = p.namespace or None
                ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_in_matrix():
    missing = all_url_names() - {row.name for row in MATRIX}
    assert not missing, f"URLs without a permission-matrix row: {sorted(missing)}"


def test_matrix_rows_are_unique():
    keys = [(row.name, row.method) for row in MATRIX]
    assert len(keys) == len(set(keys))


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The tree, one object of every kind inside village_a and outside the district, and one user
    per role: built once for the module (thousands of cases), removed by a flush at the end."""
    from django.core.management import call_command

    from conftest import build_foreign, build_tree
    from xingcun.accounts.models import Membership, User

    with django_db_blocker.unblock():
        tree = build_tree()
        far = build_foreign(tree).village
        world = {"inside": {}, "outside": {}}
        for side, village in (("inside", tree.village_a), ("outside", far)):
            for module in MODULES:
                world[side].update(module.objects(village, side))
        users, sessions = {}, {}
        for role in ROLES:
            users[role] = User.objects.create_user(
                username=f"matrix-{role}", password="pw-test-123"
            )
            Membership.objects.create(user=users[role], area=node_for(role, tree), role=role)
            login = Client()
            login.force_login(users[role])
            sessions[role] = login.cookies[settings.SESSION_COOKIE_NAME].value
        yield tree, world, users, sessions
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def world(matrix, db):
    return matrix[1]


def node_for(role, tree):
    return {
        Role.DISTRICT: tree.district,
        Role.TOWN: tree.town_a,
        Role.VILLAGE: tree.village_a,
        Role.MEMBER: tree.village_a,
        Role.EXPERT: tree.district,
        Role.PARTNER: tree.district,
    }[role]


def url_for(row: Row, obj: Any) -> str:
    kwargs = dict(row.kwargs)
    if row.obj:
        kwargs[row.kwarg] = getattr(obj, row.attr)
    return reverse(row.name, kwargs=kwargs or None)


CASES = [
    pytest.param(row, role, side, id=f"{row.name}-{role}-{side}")
    for row in MATRIX
    for role in ROLES
    for side in (("inside", "outside") if row.obj else ("inside",))
]


@pytest.mark.parametrize(("row", "role", "side"), CASES)
def test_permission_matrix(row, role, side, matrix, db, client):
    _, world, _, sessions = matrix
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]  # logged in once per module
    url = url_for(row, world[side][row.obj] if row.obj else None)
    response = getattr(client, row.method)(url)
    response.close()  # file downloads hold their file open until closed
    expected = row.expect[ROLES.index(role)]
    if side == "outside" and expected in (200, 302):
        expected = row.outside
    assert response.status_code == expected, f"{row.method.upper()} {url} as {role} ({side})"


ANONYMOUS = [
    r for r in MATRIX if r.expect != ALL_200 and r.method == "get" and r.name != "admin:index"
]


@pytest.mark.parametrize("row", ANONYMOUS, ids=lambda r: r.name)
def test_anonymous_users_are_sent_to_login(row, world, client):
    response = client.get(url_for(row, world["inside"][row.obj] if row.obj else None))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_village_user_sees_only_own_village_in_list(matrix, db, client):
    tree, world, users, _ = matrix
    client.force_login(users[Role.VILLAGE])
    response = client.get("/r/people/?q=")
    people = [p for p, _ in response.context["rows"]]
    assert world["inside"]["people"] in people
    assert world["outside"]["people"] not in people
    assert {p.area_id for p in people} == {tree.village_a.pk}


def test_town_user_does_not_see_the_other_town(matrix, db, client):
    from xingcun.people.tests.factories import PersonFactory

    tree, _, users, _ = matrix
    mine = PersonFactory(area=tree.village_a2)
    other = PersonFactory(area=tree.village_b)
    client.force_login(users[Role.TOWN])
    assert client.get(f"/r/people/{mine.pk}/").status_code == 200
    assert client.get(f"/r/people/{other.pk}/").status_code == 404
