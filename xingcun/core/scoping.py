"""Jurisdiction scoping, enforced in one place.

Every jurisdiction-owned row points to an `Area`. This domain has two visibilities, and both live in
the manager:

- `Model.objects` is the scope's subtree: the rows a user works on (records, registers).
- `Model.objects.inherited()` is the subtree plus the rows set at the scope's ancestors: the
  configuration a node uses but does not own (district catalogues, schemes, rules, rates).

Both are plain SQL filters on the row's area path: the subtree is one prefix match, and the
ancestors are the finite list of the scope path's own prefixes ("/33/3301/330112/" has "/33/" and
"/33/3301/"). A query made with no scope at all raises `ScopeError` instead of returning everything.
Requests get their scope from `accounts.middleware.ScopeMiddleware`; commands and tasks open one with
`scope(area=...)`. Objects outside the scope are simply not found, so views answer 404.

No model has an unscoped manager: `scopes_disabled()` is the only bypass, for commands, migrations,
the demo generator and tests, and a test (`core/tests/test_bypasses.py`) fails on a new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Q
from django_scopes import ScopeError, get_scope, scope, scopes_disabled

if TYPE_CHECKING:
    from xingcun.core.models import Area

__all__ = [
    "AreaScopedManager",
    "ScopeError",
    "ancestor_paths",
    "correlated",
    "keep_scope",
    "lineage_paths",
    "lock",
    "scope",
    "scopes_disabled",
    "stored",
]

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


def lineage_paths(path: str) -> list[str]:
    """The paths of a node and of its ancestors, root first: "/33/3301/" → ["/33/", "/33/3301/"].

    Pure string work: a materialised path already names every ancestor."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def ancestor_paths(path: str) -> list[str]:
    """The paths of a node's ancestors, root first (the node itself excluded)."""
    return lineage_paths(path)[:-1]


class _Everything:
    """Marker: the whole tree is visible (inside scopes_disabled(), or scope(area=None))."""


EVERYTHING = _Everything()


def _active_path(model: type[models.Model]) -> str | _Everything:
    current = get_scope()
    if not current.get("_enabled", True):  # inside scopes_disabled()
        return EVERYTHING
    if "area" not in current:
        raise ScopeError(f"{model.__name__} queried outside scope(area=...)")
    path: str | None = current["area"]
    return EVERYTHING if path is None else path


class AreaScopedManager(models.Manager[M]):
    """Filters by `<scope_field>__startswith=<scope path>`; raises when no scope is active.

    `scope_field` is a class attribute, not an __init__ argument, because Django builds related
    managers by subclassing the default manager's class and instantiating it without arguments.
    """

    scope_field = "area__path"

    def subtree_q(self, path: str) -> Q:
        """Which rows a scope at `path` owns; subclasses with two owners widen it."""
        return Q(**{f"{self.scope_field}__startswith": path})

    def get_queryset(self) -> models.QuerySet[M]:
        qs, path = super().get_queryset(), _active_path(self.model)
        return qs if isinstance(path, _Everything) else qs.filter(self.subtree_q(path))

    def inherited(self) -> models.QuerySet[M]:
        """The subtree plus the rows set at the scope's ancestors (configuration a node uses)."""
        qs, path = super().get_queryset(), _active_path(self.model)
        if isinstance(path, _Everything):
            return qs
        above = Q(**{f"{self.scope_field}__in": ancestor_paths(path)})
        return qs.filter(self.subtree_q(path) | above)

    def get_by_natural_key(self, *key: Any) -> M:
        """Django's counterpart of `natural_key()`, in the scope: a relation's part may be the related
        row's own natural key (a list or tuple), as `natural_key()` writes it."""
        names: tuple[str, ...] = getattr(self.model, "NATURAL_KEY", ())
        if len(names) != len(key) or not names:
            model: Any = self.model
            raise model.DoesNotExist(f"natural key {key!r} does not match {names!r}")
        lookup: dict[str, Any] = {}
        for name, value in zip(names, key, strict=True):
            field = self.model._meta.get_field(name)
            if field.is_relation and isinstance(value, list | tuple):
                related: Any = field.related_model
                value = related._default_manager.get_by_natural_key(*value)
            lookup[name] = value
        return self.get(**lookup)

    def none(self) -> models.QuerySet[M]:
        """An empty queryset needs no scope: forms declare `objects.none()` at import time."""
        return super().get_queryset().none()


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


def scope_area() -> Area | None:
    """The node of the active scope (None for the whole tree)."""
    from xingcun.core.models import Area

    path = current_scope_path()
    return None if path is None else Area.tree.filter(path=path).first()


def lock(obj: M) -> M:
    """Re-read `obj` with a row lock (`SELECT … FOR UPDATE OF self`) inside a transaction.

    The caller already found `obj` through a scoped or inherited query, so the row is one the user
    may act on; the re-read only serialises concurrent writers. It goes through the base manager
    because the row may be inherited (a district scheme a village uses) and `of=("self",)` must not
    lock the joined area rows."""
    model: Any = type(obj)
    # Bypass: the row was resolved in scope by the caller; this only takes the lock by primary key.
    locked: M = model._base_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    return locked


def correlated(model: type[M]) -> models.QuerySet[M]:
    """Rows of `model` for a subquery correlated with an outer query (`OuterRef`).

    The outer query went through a scoped manager, so it already decides which rows are in the
    result; the subquery only asks a question about each of them ("has a newer record", "was
    served by an order"), and may need rows a level above or beside the scope to answer it."""
    # Bypass: only ever filtered by OuterRef on a scoped outer query (see the docstring).
    qs: models.QuerySet[M] = model._base_manager.all()
    return qs


def stored(obj: M) -> M | None:
    """The saved version of `obj` (None when it has none), to compare an edit with.

    Like `lock`, it re-reads by primary key a row the caller already resolved in scope."""
    if obj.pk is None:
        return None
    model: Any = type(obj)
    # Bypass: the row was resolved in scope by the caller; this reads its saved version by pk.
    saved: M | None = model._base_manager.filter(pk=obj.pk).first()
    return saved
