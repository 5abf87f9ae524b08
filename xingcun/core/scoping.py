"""Jurisdiction scoping, enforced in one place.

Every jurisdiction-owned row points to an `Area`; a query through the default manager is filtered to
the current scope's subtree, and a query made with no scope at all raises `ScopeError` instead of
returning everything. Requests get their scope from `ScopeMiddleware`; commands and tasks open one
with `scope(area=...)`. Objects outside the scope are simply not found, so views answer 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django_scopes import ScopeError, get_scope, scope, scopes_disabled

if TYPE_CHECKING:
    from xingcun.core.models import Area

__all__ = [
    "AreaScopedManager",
    "ScopeError",
    "ScopeMiddleware",
    "keep_scope",
    "scope",
    "scopes_disabled",
]

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


class AreaScopedManager(models.Manager[M]):
    """Filters by `<scope_field>__startswith=<scope path>`; raises when no scope is active.

    `scope_field` is a class attribute, not an __init__ argument, because Django builds related
    managers by subclassing the default manager's class and instantiating it without arguments.
    """

    scope_field = "area__path"

    def get_queryset(self) -> models.QuerySet[M]:
        current, qs = get_scope(), super().get_queryset()
        if not current.get("_enabled", True):  # inside scopes_disabled()
            return qs
        if "area" not in current:
            raise ScopeError(f"{self.model.__name__} queried outside scope(area=...)")
        if current["area"] is None:  # platform superuser: the whole tree
            return qs
        return qs.filter(**{f"{self.scope_field}__startswith": current["area"]})


class AreaTreeManager(AreaScopedManager[M]):
    """The tree itself: an Area is in scope when its own path is under the scope's path."""

    scope_field = "path"


def current_scope_path() -> str | None:
    """The path of the active scope; raises when none is active (never silently 'everything')."""
    current = get_scope()
    if not current.get("_enabled", True):
        return None
    if "area" not in current:
        raise ScopeError("no scope(area=...) is active")
    path: str | None = current["area"]
    return path


def in_scope(area: Area) -> bool:
    path = current_scope_path()
    return path is None or area.path.startswith(path)


def keep_scope(items: Iterable[T]) -> Iterator[T]:
    """`items` read under the scope active now, even when read later: a streamed response's body
    is read after ScopeMiddleware has left the request's scope (a prefetch of a scoped relation
    would raise ScopeError there). The scope is re-entered for each item only, never left open."""
    captured = dict(get_scope())

    def read() -> Iterator[T]:
        rows = iter(items)
        while True:
            with scope(**captured):
                try:
                    item = next(rows)
                except StopIteration:
                    return
            yield item

    return read()


class ScopeMiddleware:
    """The only place a request gets its scope."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from xingcun.accounts.selectors import resolve_membership

        membership = resolve_membership(request)
        request.membership = membership  # type: ignore[attr-defined]
        request.area = membership.area if membership else None  # type: ignore[attr-defined]
        if membership is None:
            if getattr(request, "user", None) is not None and request.user.is_superuser:
                with scope(area=None):
                    return self._render(request)
            return self.get_response(request)  # anonymous: any scoped query raises ScopeError
        with scope(area=membership.area.path):
            return self._render(request)

    def _render(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, TemplateResponse):
            response.render()  # render lazily built pages while still scoped
        return response
