"""The permission matrix of the JSON API: every route of /api/v1/ (read from the URL map) × every
method it answers × role × inside/outside the jurisdiction, sent with each role's API token.

A register route answers as its page does: the expectations are the page matrix's hand-written
rows of the same register (`core:<key>-list`, `-detail`, `-create`, `-edit`, `-delete`,
`-import`), so the API cannot open what the pages keep closed. The figure and report routes have
their own rows (`matrix.API_ROWS`). Allowed requests carry an empty JSON body: a write is refused
by the form (400), never by a crash, and a row outside the jurisdiction is 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from xingcun.api import services
from xingcun.api.tests.matrix import API_ROWS
from xingcun.core.tests import test_permission_matrix as page_matrix
from xingcun.core.tests.matrix import ROLES
from xingcun.core.tests.test_permission_matrix import MATRIX

matrix = page_matrix.matrix  # the same world: one object of every register inside and outside
world = page_matrix.world

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    name: str  # "api:v1:organisations-detail"
    method: str
    detail: bool  # addresses one object (an `pk` in the URL)


def api_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}:{p.namespace}" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and namespace.endswith("api:v1"):
                view = p.callback.cls  # type: ignore[attr-defined]
                detail = "pk" in p.pattern.regex.groupindex
                routes.extend(
                    Route(f"api:v1:{p.name}", m, detail) for m in METHODS if hasattr(view, m)
                )

    walk(get_resolver().url_patterns, "")
    return routes


ROUTES = api_routes()
PAGE = {(row.name, row.method): row for row in MATRIX}
# Which page answers for each register route: (route suffix, method) → page URL suffix.
PAGE_OF = {
    ("list", "get"): "list",
    ("list", "post"): "create",
    ("detail", "get"): "detail",
    ("detail", "patch"): "edit",
    ("detail", "delete"): "delete",
    ("bulk", "post"): "import",
}
# What an allowed request with an empty JSON body may get.
ALLOWED = {"get": {200}, "post": {201, 400}, "patch": {200, 400}, "delete": {204, 400}}


def expectation(route: Route) -> tuple[int, ...] | None:
    if (route.name, route.method) in API_ROWS:
        page_row = PAGE.get((API_ROWS[route.name, route.method].page, "get"))
        return page_row.expect if page_row else None
    key, _, suffix = route.name.removeprefix("api:v1:").rpartition("-")
    page = PAGE_OF.get((suffix, route.method))
    row = PAGE.get((f"core:{key}-{page}", "get")) if page else None
    return row.expect if row else None


def test_every_api_route_has_an_expectation():
    missing = [f"{r.method.upper()} {r.name}" for r in ROUTES if expectation(r) is None]
    assert not missing, f"API routes without a matrix row: {missing}"


def test_api_routes_were_found():
    names = {r.name for r in ROUTES}
    assert "api:v1:organisations-list" in names
    assert "api:v1:people-detail" in names


@pytest.fixture(scope="module")
def tokens(matrix, django_db_blocker):
    """One API token per role, for the matrix's users."""
    _, _, users, _ = matrix
    with django_db_blocker.unblock():
        return {
            role: services.token_create(
                user=users[role], membership=users[role].memberships.get(), name="m", days=1
            )[1]
            for role in ROLES
        }


def _target(route: Route, world: dict[str, Any], side: str) -> Any:
    if (route.name, route.method) in API_ROWS:
        obj = API_ROWS[route.name, route.method].obj
        return world[side][obj] if obj else None
    if not route.detail:
        return None
    key = route.name.removeprefix("api:v1:").rpartition("-")[0]
    return world[side][key]


def _has_object(route: Route) -> bool:
    if (route.name, route.method) in API_ROWS:
        return API_ROWS[route.name, route.method].obj is not None
    return route.detail


CASES = [
    pytest.param(route, role, side, id=f"{route.method}-{route.name}-{role}-{side}")
    for route in ROUTES
    for role in ROLES
    for side in (("inside", "outside") if _has_object(route) else ("inside",))
]


def _address(route: Route, obj: Any) -> str:
    if (route.name, route.method) in API_ROWS:
        return reverse(
            route.name, kwargs=API_ROWS[route.name, route.method].kwargs_for(obj) or None
        )
    return reverse(route.name, kwargs={"pk": obj.pk} if route.detail else None)


@pytest.mark.parametrize(("route", "role", "side"), CASES)
def test_api_matrix(route, role, side, matrix, tokens, db, client):
    world = matrix[1]
    url = _address(route, _target(route, world, side))
    response = getattr(client, route.method)(
        url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {tokens[role]}"
    )
    expected = (expectation(route) or ())[ROLES.index(role)]
    if expected in (200, 302):
        allowed = ALLOWED[route.method] if side == "inside" else {404}
    else:
        allowed = {expected}
    assert response.status_code in allowed, f"{route.method.upper()} {url} as {role} ({side})"


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.method == "get"], ids=lambda r: f"{r.method}-{r.name}"
)
def test_anonymous_requests_are_401(route, world, client):
    response = client.get(_address(route, _target(route, world, "inside")))
    assert response.status_code == 401
