"""Table versions kept by the database itself, for caches that must never serve a stale figure.

Every table of the platform's models carries triggers (AFTER INSERT, UPDATE, DELETE; once per
statement on PostgreSQL, once per row on SQLite, plus TRUNCATE on PostgreSQL) that write a fresh
random token into `xingcun_table_version` for that table. The triggers run inside the writing
statement's transaction, so every write path bumps the version it touches in the same transaction:
forms, services, imports with `bulk_create`/`bulk_update`/`QuerySet.update()`, the admin, commands,
the API, raw SQL and `manage.py dbshell` alike. A cache key that carries the versions of the tables
a value was computed from is therefore never stale after a commit, and nothing else is recomputed.

The token is random rather than a counter: a rolled-back transaction restores the previous token,
and the next write draws a new one, so a value cached inside a transaction that was rolled back
(or inside a test, whose transaction always is) can never be mistaken for a later committed state.

The table and the triggers are (re)created by `install()` after every `migrate` (post_migrate, also
after `flush`), idempotently, for every table of every model of the platform's apps, so a table
added later is covered as soon as it is migrated. Reading all versions is one small query.

On PostgreSQL, two transactions writing the same table wait for each other at the version row
until the first commits (SQLite serialises writers anyway).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache as shared_cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, models
from django.utils import timezone
from django.utils.translation import get_language
from django_scopes import get_scope

T = TypeVar("T")

TABLE = "xingcun_table_version"
PREFIX = "xingcun."  # the platform's apps
# Tables whose writes no cached figure depends on (and which are written on every request or job).
EXCLUDED = frozenset({"core_auditentry", "core_audittarget", "core_importjob", "core_scheduledrun"})
TIMEOUT = 30 * 24 * 3600  # space reclamation only: entries of current versions are never stale
ABSENT = "-"  # the version of a table never written since the database was created or flushed

# The table name is spelled out (TABLE): the statements are plain literals, formatted only with
# model table names.
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION xingcun_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO xingcun_table_version (name, version)
    VALUES (TG_TABLE_NAME, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END $$
"""
_PG_TRIGGER = (
    'CREATE OR REPLACE TRIGGER "xv_{table}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON '
    '"{table}" FOR EACH STATEMENT EXECUTE FUNCTION xingcun_version_bump()'
)
_SQLITE_TRIGGER = (
    'CREATE TRIGGER IF NOT EXISTS "xv_{table}_{event}" AFTER {event} ON "{table}" BEGIN '
    "INSERT INTO xingcun_table_version (name, version) "
    "VALUES ('{table}', lower(hex(randomblob(8)))) "
    "ON CONFLICT (name) DO UPDATE SET version = excluded.version; END"
)


_BUMP = {
    "postgresql": "INSERT INTO xingcun_table_version (name, version) "
    "VALUES (%s, md5(random()::text || clock_timestamp()::text)) "
    "ON CONFLICT (name) DO UPDATE SET version = excluded.version",
    "sqlite": "INSERT INTO xingcun_table_version (name, version) "
    "VALUES (%s, lower(hex(randomblob(8)))) "
    "ON CONFLICT (name) DO UPDATE SET version = excluded.version",
}


def versioned_tables() -> list[str]:
    """The tables that carry version triggers: every concrete model of the platform's apps."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith(PREFIX)
        and not model._meta.proxy
        and model._meta.managed
        and model._meta.db_table not in EXCLUDED
    }
    return sorted(tables)


def install(*, using: str = "default", **_: Any) -> None:
    """Create the versions table and a trigger on every versioned table (idempotent)."""
    conn = connections[using]
    existing = set(conn.introspection.table_names())
    tables = [t for t in versioned_tables() if t in existing]
    with conn.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(name varchar(100) NOT NULL PRIMARY KEY, version varchar(40) NOT NULL)"
        )
        if conn.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in tables:
                cursor.execute(_PG_TRIGGER.format(table=table))
        elif conn.vendor == "sqlite":
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(_SQLITE_TRIGGER.format(table=table, event=event))
        else:  # pragma: no cover - the platform runs on SQLite and PostgreSQL only
            raise NotImplementedError(f"table versions need triggers for {conn.vendor}")
        # A migration may have changed data while a rebuilt SQLite table had no trigger yet:
        # every table gets a new version, so nothing cached before the migration is used after.
        for table in tables:
            cursor.execute(_BUMP[conn.vendor], [table])


def triggers_installed(*, using: str = "default") -> set[str]:
    """The tables that have a version trigger (for checks and tests)."""
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE 'xv\\_%%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'xv\\_%' ESCAPE '\\'"
            )
        return {row[0] for row in cursor.fetchall()}


# Inside `read_once()`: the versions read so far in this context (none yet: an empty list).
_read: ContextVar[list[dict[str, str]] | None] = ContextVar("xingcun_versions_read", default=None)


def current() -> dict[str, str]:
    """Every table's version (one query). Tables never written have none: read them as ABSENT.
    Inside `read_once()` the query runs once."""
    kept = _read.get()
    if kept:
        return kept[0]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, version FROM {TABLE}")  # noqa: S608 (a constant name)
        found = dict(cursor.fetchall())
    if kept is not None:
        kept.append(found)
    return found


@contextmanager
def read_once() -> Iterator[None]:
    """Read the versions at most once in this context: for work that writes nothing (a GET
    request), where the login backend, the menus' to-do counts and the cached figures would
    otherwise each read them."""
    token = _read.set([])
    try:
        yield
    finally:
        _read.reset(token)


def stamp(found: Mapping[str, str], tables: Iterable[str]) -> str:
    """A short digest of the versions of `tables`, for a cache key. A value cached under it
    depends on `tables`: whatever is being memoised around it (`memo`) depends on them too."""
    tables = tuple(tables)
    for recorder in _recorders.get():
        recorder.tables.update(tables)
    text = ";".join(f"{t}={found.get(t, ABSENT)}" for t in sorted(tables))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def key(*parts: object) -> str:
    """A cache key of any length of parts (cache backends limit key length)."""
    text = "\x1f".join(str(p) for p in parts)
    return "xv:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


_QUOTED = re.compile(r'"([A-Za-z0-9_]+)"')


@cache
def _all_tables() -> frozenset[str]:
    return frozenset(m._meta.db_table for m in apps.get_models(include_auto_created=True))


def sql_of(queryset: models.QuerySet[Any]) -> str:
    """The SQL of a queryset, params inlined ("" when it can match nothing)."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return ""


def tables_of(queryset: models.QuerySet[Any]) -> frozenset[str]:
    """The tables a queryset reads (its joins and subqueries), from its compiled SQL."""
    sql = sql_of(queryset)
    return frozenset(_QUOTED.findall(sql)) & _all_tables() | {queryset.model._meta.db_table}


# --- cached counts ----------------------------------------------------------------------------------

_count_tables: dict[str, frozenset[str]] = {}


def cached_counts(
    querysets: Mapping[str, Callable[[], models.QuerySet[Any]]], *, scope: str
) -> dict[str, int]:
    """`qs.count()` for each named queryset (given as a function making it, so that nothing is
    built on a hit), served from the shared cache while none of the tables it reads has changed.
    `scope` names whatever else the querysets depend on (the user's area). The tables of each name
    are found once per process."""
    found = current()
    keys = {}
    for name, make in querysets.items():
        if name not in _count_tables:
            _count_tables[name] = tables_of(make())
        keys[name] = key("count", name, scope, stamp(found, _count_tables[name]))
    cached = shared_cache.get_many(list(keys.values()))
    counts: dict[str, int] = {}
    fresh: dict[str, int] = {}
    for name, make in querysets.items():
        value = cached.get(keys[name])
        if value is None:
            value = fresh[keys[name]] = make().count()
        counts[name] = value
    if fresh:
        shared_cache.set_many(fresh, timeout=TIMEOUT)
    return counts


# --- memoised computations: dependencies recorded while they are computed -----------------------------


@dataclass
class _Recorder:
    """The tables read while a memoised value is computed; `ok` is False when it read a table
    without a version (or wrote anything), so the value cannot be cached exactly."""

    tables: set[str] = field(default_factory=set)
    ok: bool = True


_recorders: ContextVar[tuple[_Recorder, ...]] = ContextVar("xingcun_recorders", default=())
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_READS = ("SELECT", "WITH", "SAVEPOINT", "RELEASE", "ROLLBACK TO")


@cache
def _versioned() -> frozenset[str]:
    return frozenset(versioned_tables())


def _record(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    recorders = _recorders.get()
    if recorders:
        read = frozenset(_WORD.findall(sql)) & _all_tables()
        unversioned = read - _versioned()
        ok = sql.lstrip().upper().startswith(_READS) and not unversioned
        for recorder in recorders:
            recorder.tables.update(read)
            recorder.ok = recorder.ok and ok
    return execute(sql, params, many, context)


@contextmanager
def recording() -> Iterator[_Recorder]:
    """Record the tables read (see `memo`) until the block ends."""
    recorder = _Recorder()
    token = _recorders.set((*_recorders.get(), recorder))
    try:
        if any(_record is w for w in connection.execute_wrappers):
            yield recorder  # an enclosing memo already records every statement for the stack
        else:
            with connection.execute_wrapper(_record):
                yield recorder
    finally:
        _recorders.reset(token)


def _context() -> tuple[str, str, str]:
    """What every memoised value depends on besides the tables: the scope (queries are filtered
    to it), the language (rendered text) and the date (to-dos, overdue tasks, reports' dates)."""
    current_scope = get_scope()
    area = current_scope.get("area") if current_scope.get("_enabled", True) else "*"
    return str(area), get_language() or "", timezone.localdate().isoformat()


def viewer(request: Any) -> tuple[object, ...]:
    """Who a page is rendered for, for a `memo` name: the user (assigned work, own records), the
    role (permissions, masking of personal data) and whether a superuser."""
    membership = getattr(request, "membership", None)
    user = request.user
    return (
        user.pk,
        membership.pk if membership else "",
        membership.role if membership else "",
        user.is_superuser,
    )


_MISSING = object()
_pointers: dict[str, tuple[str, ...]] = {}
_POINTERS_KEPT = 10_000


def _remember(pointer: str, tables: tuple[str, ...]) -> None:
    if len(_pointers) >= _POINTERS_KEPT:
        _pointers.clear()  # bounded: pages × users × query strings is open-ended
    _pointers[pointer] = tables


def memo(name: tuple[object, ...], build: Callable[[], T]) -> T:
    """`build()`, from the shared cache while none of the tables it read has changed.

    The tables are recorded while `build()` runs: every SQL statement it executes, and every
    version-keyed cache it reads (`stamp`), so a value built from cached indicator sums depends
    on the tables of those sums. `name` must hold everything else the value depends on (the
    page, its query string, the user or role); the scope, the language and the date are added
    here. A value that read a table without a version, or wrote, is not cached. Versions are
    read before `build()` runs, so a write committed meanwhile can only make the entry unused.
    """
    found = current()
    pointer = key("memo-tables", *name, *_context())
    # The tables a value read rarely change: this process remembers them (saving a cache read);
    # a stale memory only costs a miss, after which the shared entry is read.
    tables: tuple[str, ...] | None = _pointers.get(pointer)
    if tables is not None:
        value = shared_cache.get(key("memo", pointer, stamp(found, tables)), _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
    tables = shared_cache.get(pointer)
    if tables is not None and tables != _pointers.get(pointer):
        _remember(pointer, tables)
        value = shared_cache.get(key("memo", pointer, stamp(found, tables)), _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
    with recording() as recorder:
        value = build()
    if recorder.ok:
        tables = tuple(sorted(recorder.tables - {TABLE}))
        entry = key("memo", pointer, stamp(found, tables))
        shared_cache.set_many({pointer: tables, entry: value}, timeout=TIMEOUT)
        _remember(pointer, tables)
    else:
        for outer in _recorders.get():
            outer.ok = False
    return value
