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
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache import cache as shared_cache
from django_scopes import get_scope

from xingcun.core import versions
from xingcun.core.models import Area
from xingcun.core.scoping import scopes_disabled

if TYPE_CHECKING:
    from xingcun.indicators.engine import Components, Group, Indicator, Measure, Period, Totals

TIMEOUT = versions.TIMEOUT
T = TypeVar("T")
_ZERO = Decimal(0)

_definitions: dict[Any, tuple[str, frozenset[str]]] = {}
_catalogue_tables: list[frozenset[str]] = []  # at most one: catalogue_tables(), once per process


def forget() -> None:
    """Drop the compiled definitions (the catalogue or its approval sources changed)."""
    _definitions.clear()
    _catalogue_tables.clear()


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
        # Conditions may read configuration (e.g. the weak-village rules) while they are built:
        # those tables are recorded too, so that a changed rule is a changed key.
        # Bypass: the queries are compiled to text (fingerprint, tables read), never executed, and
        # must not depend on the caller's scope (rules read through inherited() would add it).
        with versions.recording() as recorder, scopes_disabled():
            for code in engine.group_members(group):
                ind = engine.get(code)
                sample = engine.Period.year(2001)
                rows = model._default_manager.filter(**{f"{path}__startswith": "/"}).filter(
                    ind.records_where(sample)
                )
                tables |= versions.tables_of(rows)
                sql = versions.sql_of(rows)
                text.append(f"{code}|{ind.kind}|{ind.value!r}|{ind.sum_places}|{sql}")
        tables |= recorder.tables - {versions.TABLE}
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
    """Every table some registered indicator reads, with the areas, the snapshots and the tables
    of the figures' approval status. Read by every page of figures, so built once per process
    and catalogue (`forget` drops it with the definitions it is made of)."""
    from xingcun.indicators import engine

    if _catalogue_tables:
        return _catalogue_tables[0]
    tables = set(_SNAPSHOT_TABLES) | engine.approval_tables()
    for ind in engine.catalogue():
        if ind.additive:
            tables |= definition(engine.group_of(ind.code))[1]
    found = frozenset(tables)
    _catalogue_tables.append(found)
    return found


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
    where current, else computed (`_compute`)."""
    from xingcun.indicators import engine

    by_group: defaultdict[Group, set[str]] = defaultdict(set)
    for code, token in wanted:
        by_group[engine.group_of(code)].add(token)
    entries = _entries(by_group, area, found)
    paths = [n.path for n in nodes]
    result: Totals = {}
    for code, token in wanted:
        by_path = entries[(engine.group_of(code), token)][code]
        result[(code, token)] = {p: by_path.get(p, _ZERO) for p in paths}
    return result


Entries = dict[tuple["Group", str], dict[str, dict[str, Decimal]]]


def _entries(
    by_group: Mapping[Group, Iterable[str]], area: Area, found: Mapping[str, str]
) -> Entries:
    """The "node and children" entries of `area` for each source query and period: one batch of
    cache reads, the missing ones computed and stored."""
    keys = {
        (group, token): _key(group, token, area, found)
        for group, tokens in by_group.items()
        for token in tokens
    }
    entries: Entries = {}
    hits = shared_cache.get_many(list(keys.values()))
    missing: defaultdict[Group, list[str]] = defaultdict(list)
    for (group, token), key in keys.items():
        if key in hits:
            entries[(group, token)] = hits[key]
        else:
            missing[group].append(token)
    if missing:
        fresh = _compute(missing, area, found)
        entries.update(fresh)
        shared_cache.set_many({keys[k]: v for k, v in fresh.items()}, timeout=TIMEOUT)
    return entries


# Above this level a node's sums are rolled up from its children's cached entries instead of
# scanning its subtree, when they are all current: a province is the sum of its cities, a city of
# its counties, and each county's entry is the one its own dashboard and its warm-up task use.
ROLL_UP_ABOVE = Area.Level.COUNTY


def _compute(
    missing: Mapping[Group, Sequence[str]], area: Area, found: Mapping[str, str]
) -> Entries:
    """Every measure of each group for the missing periods: rolled up from the children's
    entries above the county level, else one grouped query per group."""
    from xingcun.indicators import engine

    if area.level < ROLL_UP_ABOVE and not narrower_scope(area):
        rolled = _roll_up(missing, area, found)
        return rolled if rolled is not None else _scan_down_to_counties(missing, area, found)
    key_length = child_length(area)
    fresh: Entries = {}
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


def _scan_down_to_counties(
    missing: Mapping[Group, Sequence[str]], area: Area, found: Mapping[str, str]
) -> Entries:
    """`area`'s entries from one grouped query per group over its subtree, grouped by town: the
    same scan gives the entries of every city and county below it, which are cached as well, so
    that their dashboards, and the next roll-up of `area`, read them instead of scanning."""
    from xingcun.indicators import engine

    below = Area.tree.filter(
        path__startswith=area.path, level__gt=area.level, level__lte=ROLL_UP_ABOVE
    )
    nodes = [area, *below.only("path", "level")]
    town_length = len(area.path) + sum(
        Area.SHORT_LENGTH[level] + 1 for level in range(area.level + 1, Area.Level.TOWN + 1)
    )
    fresh: dict[str, Entries] = {node.path: {} for node in nodes}
    for group, tokens in missing.items():
        codes = engine.group_members(group)
        for entries in fresh.values():
            for token in tokens:
                entries[(group, token)] = {code: {} for code in codes}
        measures = [(code, token) for token in sorted(tokens) for code in codes]
        sums = engine.measure_group(group, measures, area, town_length, {area.pk: area.path})
        for path, values in sums.items():
            parent = path[: path.rstrip("/").rfind("/") + 1]
            for (code, token), value in zip(measures, values, strict=True):
                if not value:
                    continue
                for owner in (path, parent):  # the node's own entry and its parent's
                    if owner in fresh:
                        fresh[owner][(group, token)][code][path] = value
    shared_cache.set_many(
        {
            _key(group, token, node, found): fresh[node.path][(group, token)]
            for node in nodes[1:]
            for group, tokens in missing.items()
            for token in tokens
        },
        timeout=TIMEOUT,
    )
    return fresh[area.path]


def _current_entries(
    missing: Mapping[Group, Sequence[str]],
    area: Area,
    found: Mapping[str, str],
    attached: _Attached,
) -> Entries | None:
    """`area`'s entries when they are current in the cache, or can be rolled up from children's
    entries that are; else None (nothing is computed)."""
    keys = {
        (group, token): _key(group, token, area, found)
        for group, tokens in missing.items()
        for token in tokens
    }
    hits = shared_cache.get_many(list(keys.values()))
    if len(hits) == len(keys):
        return {k: hits[key] for k, key in keys.items()}
    if area.level >= ROLL_UP_ABOVE:
        return None
    rolled = _roll_up(missing, area, found, attached)
    if rolled is not None:
        shared_cache.set_many({keys[k]: v for k, v in rolled.items()}, timeout=TIMEOUT)
    return rolled


class _Attached:
    """The sums of the records attached to the nodes above the counties themselves (not to a node
    below them), for a roll-up from `top`: one query per source query for all of them, made when
    first needed."""

    def __init__(self, missing: Mapping[Group, Sequence[str]], top: Area) -> None:
        self.missing, self.top = missing, top
        self._sums: dict[tuple[Group, str], dict[str, dict[str, Decimal]]] | None = None

    def of(self, group: Group, token: str, code: str, path: str) -> Decimal:
        if self._sums is None:
            self._sums = self._compute()
        return self._sums[(group, token)].get(code, {}).get(path, _ZERO)

    def _compute(self) -> dict[tuple[Group, str], dict[str, dict[str, Decimal]]]:
        from xingcun.indicators import engine

        nodes = [
            self.top,
            *Area.tree.filter(
                path__startswith=self.top.path,
                level__gt=self.top.level,
                level__lt=ROLL_UP_ABOVE,
            ).only("path", "level"),
        ]
        sums: dict[tuple[Group, str], dict[str, dict[str, Decimal]]] = {}
        for group, tokens in self.missing.items():
            codes = engine.group_members(group)
            measures = [(code, token) for token in sorted(tokens) for code in codes]
            by_path = engine.measure_group(
                group, measures, self.top, len(self.top.path), {}, attached=nodes
            )
            for token in tokens:
                sums[(group, token)] = {code: {} for code in codes}
            for path, values in by_path.items():
                for (code, token), value in zip(measures, values, strict=True):
                    sums[(group, token)][code][path] = value
        return sums


def _roll_up(
    missing: Mapping[Group, Sequence[str]],
    area: Area,
    found: Mapping[str, str],
    attached: _Attached | None = None,
) -> Entries | None:
    """`area`'s entries from its children's, when every child's is current in the cache (or can
    itself be rolled up): each child's own sum is read from its entry, and `area`'s sum is the
    children's sums combined (added; a maximum for MAX measures) with the records attached to
    `area` itself (`_Attached`: one query per group for every node rolled up). Ratios and changes
    need nothing more: they are built from these sums. None when some child's entry is not
    current: scanning `area` once is then cheaper than scanning its children one by one, and fills
    every child's entry (`_scan_down_to_counties`)."""
    from xingcun.indicators import engine

    attached = attached or _Attached(missing, area)
    children = list(Area.tree.filter(parent=area).only("path", "level").order_by("code"))
    below: list[tuple[Area, Entries]] = []
    for child in children:
        entries = _current_entries(missing, child, found, attached)
        if entries is None:
            return None
        below.append((child, entries))
    fresh: Entries = {}
    for group, tokens in missing.items():
        for token in tokens:
            fresh[(group, token)] = {code: {} for code in engine.group_members(group)}
    for child, entries in below:
        for (group, token), by_code in entries.items():
            for code, by_path in by_code.items():
                value = by_path.get(child.path)
                if value:
                    fresh[(group, token)][code][child.path] = value
    for group, tokens in missing.items():
        combine = {
            code: max if engine.get(code).kind == engine.Kind.MAX else operator.add
            for code in engine.group_members(group)
        }
        for token in tokens:
            for code, by_path in fresh[(group, token)].items():
                total = attached.of(group, token, code, area.path)
                for child_value in by_path.values():
                    total = combine[code](total, child_value)
                if total:
                    by_path[area.path] = total
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
