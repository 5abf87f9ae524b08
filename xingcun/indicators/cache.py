"""Evaluated indicator sums in the shared cache, invalidated exactly by table versions.

What is cached is the raw material of a grid, not its `Result` objects: for one source query
(`engine.group_of`: a table and its path, every measure registered on it), one period, one node and
its children, the sums of every measure for the node and each child that has records. A key carries

- the query's definition (the codes, kinds, values and compiled SQL of its measures, so a changed
  definition after a deployment is a different key),
- the period, the node and the depth of the children,
- the versions of every table the query reads (`xingcun.core.versions`: the table itself, the
  tables its conditions join or look into, and the areas).

Every write commits a new version of the tables it touches in its own transaction (database
triggers), so a cached sum is never stale after a commit, and a write to one table recomputes only
the queries that read it. Entries are never expired for correctness; `TIMEOUT` only lets a cache
without an eviction policy reclaim the entries of old versions.

The dashboard, home page cards, drill-downs, the report page and its DOCX/PDF all evaluate through
`engine.evaluate_grid`, so they share the entries: the report asks for a node alone and the
dashboard for the node and its children, and both read the same "node and children" entry.
Frozen values (snapshots) are cached the same way, keyed by the snapshot tables' versions.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache import cache as shared_cache
from django_scopes import get_scope

from xingcun.core import versions
from xingcun.core.models import Area

if TYPE_CHECKING:
    from xingcun.indicators.engine import Components, Group, Indicator, Measure, Period, Totals

TIMEOUT = versions.TIMEOUT
T = TypeVar("T")
_ZERO = Decimal(0)

_definitions: dict[Any, tuple[str, frozenset[str]]] = {}


def forget() -> None:
    """Drop the compiled definitions (the catalogue changed)."""
    _definitions.clear()


def cacheable(area: Area, levels: set[int] | None) -> bool:
    """Only a node alone or with its children: entries stay small (a province's cities, a
    county's towns, a town's villages) and are shared by every page about that node."""
    return levels is not None and levels <= {area.level + 1}


def child_length(area: Area) -> int:
    """The path length of `area`'s children (its own for a village)."""
    if area.level >= Area.Level.VILLAGE:
        return len(area.path)
    return len(area.path) + Area.SHORT_LENGTH[area.level + 1] + 1


def definition(group: Group) -> tuple[str, frozenset[str]]:
    """(fingerprint, tables read) of a source query: compiled once per process and catalogue."""
    from xingcun.indicators import engine

    found = _definitions.get(group)
    if found is None:
        model, path, _alone = group
        text, tables = [], {Area._meta.db_table}
        for code in engine.group_members(group):
            ind = engine.get(code)
            sample = engine.Period.year(2001)
            # Bypass: the query is compiled to text (fingerprint, tables read), never executed.
            rows = model._base_manager.filter(**{f"{path}__startswith": "/"}).filter(
                ind.records_where(sample)
            )
            tables |= versions.tables_of(rows)
            text.append(f"{code}|{ind.kind}|{ind.value!r}|{ind.sum_places}|{versions.sql_of(rows)}")
        fingerprint = hashlib.sha1(
            "\n".join([model._meta.label, path, *text]).encode(), usedforsecurity=False
        ).hexdigest()
        found = _definitions[group] = (fingerprint, frozenset(tables))
    return found


def narrower_scope(area: Area) -> str:
    """The current scope's path when it is narrower than `area` (then only part of the node's
    records are visible, and the sums are not the node's), else ""."""
    current = get_scope()
    path = current.get("area") if current.get("_enabled", True) else None
    return path if path and not area.path.startswith(path) else ""


def catalogue_tables() -> frozenset[str]:
    """Every table some registered indicator reads, with the areas and the snapshots."""
    from xingcun.indicators import engine

    tables = set(_SNAPSHOT_TABLES)
    for ind in engine.catalogue():
        if ind.additive:
            tables |= definition(engine.group_of(ind.code))[1]
    return frozenset(tables)


def figures_stamp(found: Mapping[str, str]) -> str:
    """A digest of the versions of every table any indicator reads (for caching rendered pages
    of figures: it changes with any write that can change a figure)."""
    return versions.stamp(found, catalogue_tables())


def cached(
    name: tuple[object, ...], build: Callable[[], T], *, area: Area, tables: Iterable[str] = ()
) -> T:
    """`build()` (figures of `area` and whatever else `tables` hold, e.g. a rendered report), from
    the shared cache while no table an indicator reads, nor any of `tables`, has changed."""
    found = versions.current()
    stamp = versions.stamp(found, catalogue_tables() | set(tables))
    key = versions.key("built", *name, narrower_scope(area), stamp)
    value: T | None = shared_cache.get(key)
    if value is None:
        value = build()
        shared_cache.set(key, value, timeout=TIMEOUT)
    return value


def _key(group: Group, token: str, area: Area, found: Mapping[str, str]) -> str:
    fingerprint, tables = definition(group)
    return versions.key(
        "sums",
        fingerprint,
        token,
        area.path,
        child_length(area),
        narrower_scope(area),
        versions.stamp(found, tables),
    )


def totals(
    wanted: Iterable[Measure], area: Area, nodes: list[Area], found: Mapping[str, str]
) -> Totals:
    """The raw sums of `wanted` for each node (`area` and possibly its children), from the cache
    where current, else from one grouped query per source query and missing periods."""
    from xingcun.indicators import engine

    by_group: defaultdict[Group, set[str]] = defaultdict(set)
    for code, token in wanted:
        by_group[engine.group_of(code)].add(token)
    keys = {
        (group, token): _key(group, token, area, found)
        for group, tokens in by_group.items()
        for token in tokens
    }
    entries: dict[tuple[Group, str], dict[str, dict[str, Decimal]]] = {}
    hits = shared_cache.get_many(list(keys.values()))
    missing: defaultdict[Group, list[str]] = defaultdict(list)
    for (group, token), key in keys.items():
        if key in hits:
            entries[(group, token)] = hits[key]
        else:
            missing[group].append(token)
    if missing:
        fresh = _compute(missing, area)
        entries.update(fresh)
        shared_cache.set_many({keys[k]: v for k, v in fresh.items()}, timeout=TIMEOUT)
    paths = [n.path for n in nodes]
    result: Totals = {}
    for code, token in wanted:
        by_path = entries[(engine.group_of(code), token)][code]
        result[(code, token)] = {p: by_path.get(p, _ZERO) for p in paths}
    return result


def _compute(
    missing: Mapping[Group, Sequence[str]], area: Area
) -> dict[tuple[Group, str], dict[str, dict[str, Decimal]]]:
    """Every measure of each group for the missing periods: one grouped query per group."""
    from xingcun.indicators import engine

    key_length = child_length(area)
    fresh: dict[tuple[Group, str], dict[str, dict[str, Decimal]]] = {}
    for group, tokens in missing.items():
        codes = engine.group_members(group)
        measures = [(code, token) for token in sorted(tokens) for code in codes]
        sums = engine.measure_group(group, measures, area, key_length, {area.pk: area.path})
        for token in tokens:
            fresh[(group, token)] = {code: {} for code in codes}
        for path, values in sums.items():
            if len(path) not in (len(area.path), key_length):
                continue  # records attached to a node above the children are in their sums
            for (code, token), value in zip(measures, values, strict=True):
                if value:
                    fresh[(group, token)][code][path] = value
    return fresh


_SNAPSHOT_TABLES = frozenset(
    {"indicators_snapshot", "indicators_snapshotvalue", Area._meta.db_table}
)


def frozen(
    indicators: Sequence[Indicator],
    periods: Sequence[Period],
    area: Area,
    levels: set[int] | None,
    found: Mapping[str, str],
) -> dict[tuple[str, str, int], Components]:
    """`engine._frozen`, from the cache while no snapshot (nor area) has changed."""
    from xingcun.indicators import engine

    codes = hashlib.sha1(
        ",".join(sorted(i.code for i in indicators)).encode(), usedforsecurity=False
    ).hexdigest()
    key = versions.key(
        "frozen",
        area.path,
        narrower_scope(area),
        sorted(levels or ()),
        [str(p) for p in periods],
        codes,
        versions.stamp(found, _SNAPSHOT_TABLES),
    )
    value: dict[tuple[str, str, int], Components] | None = shared_cache.get(key)
    if value is None:
        value = engine._frozen(indicators, periods, area, levels)
        shared_cache.set(key, value, timeout=TIMEOUT)
    return value
