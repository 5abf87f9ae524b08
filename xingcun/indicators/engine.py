"""The indicator engine: named, documented definitions evaluated for (node, period) by grouped SQL.

An indicator is one of five kinds:

- count, sum: a set of records (`model` filtered by `where(period)`) counted or added up;
- latest: like sum, but only each area's latest record up to the period (e.g. the last reported
  debt of every village);
- ratio: numerator / denominator of two additive indicators. Each node's ratio is the sum of its
  numerators over the sum of its denominators, never an average of its children's ratios;
- change: an additive indicator at the period minus the same at the period a year earlier
  (absolute, or relative in % of the earlier value).

Evaluation is set-based. For a node and the levels below it that are wanted, every source table is
read once: all measures on that table become conditional aggregates of one query grouped by
`Substr(<area path>, 1, L)`, where L is the path length of the deepest wanted level (paths hold
fixed-length short codes). Coarser nodes are sums of the groups under them, added up in Python.
Records attached to a node above the deepest level (a project registered by a town) count for that
node and its ancestors but for none of its children.

Queries go through the scoped managers, so callers run inside `scope(area=...)` as requests do.
Frozen values (`models.Snapshot`) replace live ones when a snapshot of the period covers the node;
the result then carries the live value too and says whether they differ.

Approval status (`approval_grid`, or `evaluate_grid(approval=True)`): a figure is *final* when every
contributing node's report for the period has been accepted, *provisional* when some has not, and
has no status when none of its records is reported through a reporting task (a register count).
Which records are reported, and whether a node's report is accepted, is told by the approval
sources that other apps plug in (`add_approval_source`; the work cycle's `reporting.approval`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from operator import add
from typing import Any, Literal, cast

from django.db import connection, models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce, Round, Substr
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from xingcun.core import versions
from xingcun.core.models import Area
from xingcun.core.scoping import AreaScopedManager, correlated
from xingcun.indicators import cache, units

# --- periods --------------------------------------------------------------------------------------

PeriodKind = Literal["year", "month"]
_TOKEN = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
FIRST_YEAR, LAST_YEAR = 1949, 2100


@dataclass(frozen=True, order=True)
class Period:
    """A year, or the part of a year up to a month-end; `end` is inclusive.

    Indicators read it by their semantics: "within a year" counts records dated from `start` to
    `end` (or the profile of `end.year`), "cumulative" everything up to `end`, "as of" the state
    on `end`.
    """

    start: dt.date
    end: dt.date
    kind: PeriodKind = "year"

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    @classmethod
    def month_end(cls, year: int, month: int) -> Period:
        last_day = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, 1, 1), dt.date(year, month, last_day), "month")

    @classmethod
    def parse(cls, token: str) -> Period:
        """'2020' → the year 2020; '2020-06' → 1 January to 30 June 2020. ValueError otherwise."""
        match = _TOKEN.match(token.strip())
        if match is None:
            raise ValueError(
                gettext("期间“%(token)s”的格式应为 2020 或 2020-06") % {"token": token}
            )
        year = int(match[1])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(gettext("年份 %(year)s 超出范围") % {"year": year})
        if match[2] is None:
            return cls.year(year)
        month = int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(gettext("月份 %(month)s 无效") % {"month": month})
        return cls.month_end(year, month)

    def __str__(self) -> str:
        if self.kind == "year":
            return str(self.end.year)
        return f"{self.end.year}-{self.end.month:02d}"

    @property
    def label(self) -> str:
        if self.kind == "year":
            return gettext("%(year)s年") % {"year": self.end.year}
        return gettext("截至%(year)s年%(month)s月底") % {
            "year": self.end.year,
            "month": self.end.month,
        }

    def previous_year(self) -> Period:
        if self.kind == "year":
            return Period.year(self.end.year - 1)
        return Period.month_end(self.end.year - 1, self.end.month)


# --- definitions ----------------------------------------------------------------------------------


class Kind(models.TextChoices):
    COUNT = "count", _("计数")
    SUM = "sum", _("求和")
    RATIO = "ratio", _("比率")
    LATEST = "latest", _("最新值")
    CHANGE = "change", _("变化")
    MAX = "max", _("最大值")  # e.g. the latest year something happened; rolls up as a maximum


class Semantics(models.TextChoices):
    WITHIN_YEAR = "year", _("年度内")
    CUMULATIVE = "cumulative", _("截至期末累计")
    AS_OF = "as_of", _("期末时点数")
    CURRENT = "current", _("当前登记数（不随期间变化）")


# Sections of the catalogue; mechanism apps register their indicators in one of these.
SECTIONS: dict[str, Any] = {
    "foundation": _("基础数据"),
    "organisation": _("组织振兴"),
    "members": _("党员作用"),
    "resources": _("借智借力"),
}

ADDITIVE = frozenset({Kind.COUNT, Kind.SUM, Kind.LATEST, Kind.MAX})  # measured on records
Where = Callable[[Period], Q]


@dataclass(eq=False)
class Indicator:
    """One indicator. Count, sum and latest read `model` rows matching `where(period)`; ratio and
    change combine other indicators by code. `where` may follow foreign keys but must not cross a
    multi-valued relation (it would repeat rows for the other measures of the same query); use an
    `Exists(...)` subquery for that."""

    code: str
    name: str
    name_en: str
    unit: str
    kind: str
    semantics: str
    description: str
    section: str = "foundation"
    model: type[models.Model] | None = None
    where: Where | None = None
    value: str | Combinable | None = None  # sum, latest: the field or expression added up
    base_unit: str = ""  # unit of the summed values when it is not `unit` (万元 shown as 亿元)
    sum_places: int = 2  # decimals of the summed values (money fields have two)
    path: str = "area__path"  # the records' materialised area path
    latest_by: str = ""  # latest: the field ordering one area's records (e.g. "year")
    numerator: str = ""
    denominator: str = ""
    scale: Decimal = Decimal(1)  # ratio: 100 for a percentage
    base: str = ""  # change: the indicator compared with itself a year earlier
    relative: bool = False  # change: in % of the earlier value instead of a difference
    places: int | None = None  # decimals shown, when not the unit's usual precision
    used_in: list[StrOrPromise] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def additive(self) -> bool:
        return self.kind in ADDITIVE

    @property
    def source_unit(self) -> str:
        return self.base_unit or self.unit

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def semantics_label(self) -> str:
        return str(Semantics(self.semantics).label)

    @property
    def section_label(self) -> str:
        return str(SECTIONS[self.section])

    def parts(self) -> tuple[str, ...]:
        """Codes of the indicators this one is computed from."""
        if self.kind == Kind.RATIO:
            return (self.numerator, self.denominator)
        if self.kind == Kind.CHANGE:
            return (self.base,)
        return ()

    def source(self) -> type[models.Model]:
        """The model an additive indicator reads."""
        if self.model is None:
            raise TypeError(f"{self.code} is a {self.kind} indicator: it reads no records itself")
        return self.model

    def records_where(self, period: Period) -> Q:
        """The records of an additive indicator for `period`."""
        model = self.source()
        condition = self.where(period) if self.where is not None else Q()
        if self.kind == Kind.LATEST:
            # the area's latest record: no record of the same area is newer within the period
            newer = (
                # Correlated on the outer row's area, which the scoped outer query has filtered.
                correlated(model)
                .filter(
                    area=OuterRef("area"), **{f"{self.latest_by}__gt": OuterRef(self.latest_by)}
                )
                .filter(condition)
            )
            condition &= Q(~Exists(newer))
        return condition


_registry: dict[str, Indicator] = {}


def register(indicator: Indicator, *, replace: bool = False) -> Indicator:
    """Add an indicator to the catalogue after checking that it can be evaluated."""
    if indicator.code in _registry and not replace:
        raise ValueError(f"indicator {indicator.code} is already registered")
    _check(indicator)
    # Shown in the reader's language: the catalogue lists every name and description
    # (indicators/messages.py, kept complete by a test); lazy, since registration runs at import.
    indicator.name = cast(str, _(str(indicator.name)))
    indicator.description = cast(str, _(str(indicator.description)))
    _registry[indicator.code] = indicator
    _groups.clear()  # the cached sums of the indicator's table now hold one more measure
    _members.clear()
    cache.forget()
    return indicator


# A ratio shown as a percentage.
PERCENT: dict[str, Any] = {"unit": "%", "kind": Kind.RATIO, "scale": Decimal(100)}
# The usual measures, by kind and by how they read the period (spread into a family or a member).
COUNT_IN_YEAR: dict[str, Any] = {"kind": Kind.COUNT, "semantics": Semantics.WITHIN_YEAR}
SUM_IN_YEAR: dict[str, Any] = {"kind": Kind.SUM, "semantics": Semantics.WITHIN_YEAR}
RATIO_IN_YEAR: dict[str, Any] = {"kind": Kind.RATIO, "semantics": Semantics.WITHIN_YEAR}
COUNT_TO_DATE: dict[str, Any] = {"kind": Kind.COUNT, "semantics": Semantics.CUMULATIVE}
SUM_TO_DATE: dict[str, Any] = {"kind": Kind.SUM, "semantics": Semantics.CUMULATIVE}
COUNT_AT_END: dict[str, Any] = {"kind": Kind.COUNT, "semantics": Semantics.AS_OF}


class Family:
    """Registers indicators that share most of their definition (section, kind, unit, the table
    and its `where` …). A member gives its code, names and description, any field in which it
    differs, and `narrow`: a condition added to the family's `where`, e.g. `Q(star=5)`.
    `sharing(...)` is a family within this one that shares more (an app's section, and the kind
    and semantics of some of its indicators); `table(...)` declares members as rows of data."""

    def __init__(self, **shared: Any) -> None:
        self.shared = shared

    def __call__(
        self,
        code: str,
        name: str,
        name_en: str,
        description: str,
        narrow: Q | None = None,
        **own: Any,
    ) -> Indicator:
        fields = self.shared | own
        if narrow is not None:
            within: Where = fields["where"]
            fields["where"] = lambda period: within(period) & narrow
        return register(
            Indicator(code=code, name=name, name_en=name_en, description=description, **fields)
        )

    def sharing(self, **more: Any) -> Family:
        return type(self)(**(self.shared | more))

    def table(self, fields: Sequence[str], *rows: Sequence[Any]) -> list[Indicator]:
        """Members declared as rows of data: each row's code, names and description, then its
        values of `fields` (e.g. `("unit", "where")`, or `("narrow",)`)."""
        return [self(*row[:4], **dict(zip(fields, row[4:], strict=True))) for row in rows]


family = Family


def _check(ind: Indicator) -> None:
    units.unit(ind.unit)
    if ind.kind not in Kind.values or ind.semantics not in Semantics.values:
        raise ValueError(f"{ind.code}: unknown kind or semantics")
    if ind.section not in SECTIONS:
        raise ValueError(f"{ind.code}: unknown section {ind.section!r}")
    if ind.additive:
        if ind.model is None or ind.where is None:
            raise ValueError(f"{ind.code}: a {ind.kind} indicator needs model and where")
        if not isinstance(ind.model._default_manager, AreaScopedManager):
            raise ValueError(f"{ind.code}: {ind.model.__name__} has no scoped default manager")
        if ind.kind != Kind.COUNT and ind.value is None:
            raise ValueError(f"{ind.code}: a {ind.kind} indicator needs value")
        if ind.kind == Kind.LATEST and not ind.latest_by:
            raise ValueError(f"{ind.code}: a latest indicator needs latest_by")
        units.convert(Decimal(0), ind.source_unit, ind.unit)
        return
    parts = ind.parts()
    if not all(parts):
        raise ValueError(f"{ind.code}: a {ind.kind} indicator needs the codes it combines")
    for code in parts:
        part = _registry.get(code)
        if part is None or not part.additive or part.kind == Kind.MAX:
            raise ValueError(f"{ind.code}: {code} must be a registered count, sum or latest")
    if ind.kind == Kind.CHANGE and not ind.relative:
        units.convert(Decimal(0), _registry[ind.base].source_unit, ind.unit)


def get(code: str) -> Indicator:
    """The indicator with this code; KeyError when there is none."""
    return _registry[code]


def catalogue() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: i.code)


def mark_used(code: str, where: StrOrPromise) -> None:
    """Record that a page or report shows this indicator (listed in the catalogue)."""
    used = _registry[code].used_in
    if where not in used:
        used.append(where)


def dependents(code: str) -> list[Indicator]:
    """Indicators computed from this one."""
    return [i for i in catalogue() if code in i.parts()]


# --- results --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    indicator: Indicator
    area: Area
    period: Period
    value: Decimal | None
    numerator: Decimal | None = None  # ratio, relative change: in the parts' own units
    denominator: Decimal | None = None
    frozen: bool = False
    live_value: Decimal | None = None  # the live value, when `value` comes from a snapshot
    differs: bool = False
    raw: Decimal | None = None  # additive and absolute change: the value in `source_unit`
    approval: str | None = None  # Approval, when asked for; None: not reported through a task

    @property
    def final(self) -> bool:
        return self.approval == Approval.FINAL

    @property
    def provisional(self) -> bool:
        return self.approval == Approval.PROVISIONAL

    def display(self, unit: str | None = None) -> str:
        """'1.23亿元', '45.6%', '1,234个'; in another unit of the family when asked."""
        shown = unit or self.indicator.unit
        return units.format_value(self._in(shown, self.value), shown, self._places(shown))

    def display_number(self, unit: str | None = None) -> str:
        shown = unit or self.indicator.unit
        return units.format_number(self._in(shown, self.value), shown, self._places(shown))

    def live_display(self) -> str:
        ind = self.indicator
        return units.format_value(self.live_value, ind.unit, ind.places)

    @property
    def url(self) -> str:
        return drilldown_url(self.indicator.code, self.area, self.period)

    def _in(self, unit: str, value: Decimal | None) -> Decimal | None:
        if value is None or unit == self.indicator.unit:
            return value
        return units.convert(value, self.indicator.unit, unit)

    def _places(self, unit: str) -> int | None:
        return self.indicator.places if unit == self.indicator.unit else None


# --- evaluation -----------------------------------------------------------------------------------

Components = tuple[Decimal | None, Decimal | None, Decimal | None]  # raw, numerator, denominator
Grid = dict[str, dict[str, dict[str, Result]]]  # period → indicator code → area code → result
_ZERO = Decimal(0)


def evaluate(code: str, *, area: Area, period: Period) -> Result:
    """The value of one indicator for one node."""
    return evaluate_grid(codes=[code], area=area, periods=[period], levels=())[str(period)][code][
        area.code
    ]


def evaluate_children(code: str, *, area: Area, period: Period) -> dict[str, Result]:
    """The value for each child of `area`, keyed by the child's code (one grouped query)."""
    if area.level >= Area.Level.VILLAGE:
        return {}
    grid = evaluate_grid(codes=[code], area=area, periods=[period], levels=(area.level + 1,))
    by_node = grid[str(period)][code]
    by_node.pop(area.code)
    return by_node


def evaluate_all(
    *, area: Area, period: Period, level: int | None = None
) -> dict[str, dict[str, Result]]:
    """Every indicator for `area` and, below it, every node (level None) or the nodes of `level`."""
    levels = None if level is None else (level,)
    return evaluate_grid(area=area, periods=[period], levels=levels)[str(period)]


def evaluate_grid(
    *,
    area: Area,
    periods: Sequence[Period],
    codes: Iterable[str] | None = None,
    levels: Iterable[int] | None = None,
    frozen: bool = True,
    cached: bool = True,
    approval: bool | Iterable[Period] = False,
) -> Grid:
    """Indicators × periods × nodes: `area` itself and its descendants at `levels` (None: all).

    One grouped query per source table (all measures of all periods are conditional aggregates of
    it), one query for the nodes and one for frozen values. With `cached`, a node and its children
    (`levels` empty or the next level) read the sums of each source table from the shared cache,
    keyed by the versions of the tables they were computed from (`xingcun.indicators.cache`): a
    warm evaluation costs one query for the versions and one for the nodes.

    With `approval` (True, or the periods wanted), the results also carry their approval status
    (`Result.approval`; two more queries per reported table and period, see `approval_grid`).
    """
    indicators = [get(c) for c in codes] if codes is not None else catalogue()
    wanted_levels = None if levels is None else {lvl for lvl in levels if lvl > area.level}
    with _collector_paused():
        nodes = _nodes(area, wanted_levels)
        if cached and cache.cacheable(area, wanted_levels):
            found = versions.current()
            totals = cache.totals(_measures(indicators, periods), area, nodes, found)
            snap = cache.frozen(indicators, periods, area, wanted_levels, found) if frozen else {}
        else:
            totals = _measure(indicators, periods, area, nodes)
            snap = _frozen(indicators, periods, area, wanted_levels) if frozen else {}
        grid: Grid = {}
        for period in periods:
            by_code = grid[str(period)] = {}
            for ind in indicators:
                by_node = by_code[ind.code] = _live(ind, period, nodes, totals)
                if snap:
                    _overlay(ind, period, by_node, snap)
        if approval:
            wanted = list(periods) if approval is True else list(approval)
            statuses = approval_grid(indicators, wanted, nodes)
            for token, by_code in grid.items():
                if token not in statuses:
                    continue
                for code, by_node in by_code.items():
                    found = statuses[token][code]
                    for node_code, result in by_node.items():
                        result.approval = found.get(node_code)
    return grid


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A large evaluation allocates hundreds of thousands of acyclic objects (rows, decimals,
    results); the cyclic garbage collector would scan the growing heap again and again meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _nodes(area: Area, levels: set[int] | None) -> list[Area]:
    if levels is not None and not levels:
        return [area]
    below = Area.objects.filter(path__startswith=area.path, level__gt=area.level)
    if levels is not None:
        below = below.filter(level__in=levels)
    # Results carry their node; the timestamps are not needed (and cost a third of the load).
    return [area, *below.only("code", "name", "level", "parent_id", "path").order_by("code")]


Measure = tuple[str, str]  # (additive indicator code, period token)
Totals = dict[Measure, dict[str, Decimal]]  # measure → node path → raw sum


def _measures(indicators: Iterable[Indicator], periods: Iterable[Period]) -> set[Measure]:
    """The additive (indicator, period) pairs that the requested results are computed from."""
    wanted: set[Measure] = set()
    for ind in indicators:
        for period in periods:
            if ind.additive:
                wanted.add((ind.code, str(period)))
            elif ind.kind == Kind.RATIO:
                wanted |= {(ind.numerator, str(period)), (ind.denominator, str(period))}
            else:
                wanted |= {(ind.base, str(period)), (ind.base, str(period.previous_year()))}
    return wanted


def _measure(
    indicators: Iterable[Indicator], periods: Sequence[Period], area: Area, nodes: list[Area]
) -> Totals:
    """Raw sums per wanted node path, from one grouped query per (table, path) pair."""
    # One query per table; a latest measure gets its own, with its condition in WHERE, where the
    # database turns "no newer record" into an anti-join instead of a lookup per row.
    by_source: defaultdict[Group, list[Measure]] = defaultdict(list)
    for code, token in sorted(_measures(indicators, periods)):
        by_source[group_of(code)].append((code, token))
    paths = {n.pk: n.path for n in nodes}
    key_length = len(area.path) + sum(
        Area.SHORT_LENGTH[level] + 1
        for level in range(area.level + 1, max(n.level for n in nodes) + 1)
    )
    totals: Totals = {}
    for group, measures in by_source.items():
        sums = measure_group(group, measures, area, key_length, paths)
        zeros = [_ZERO] * len(measures)
        for index, measure in enumerate(measures):
            totals[measure] = {p: sums.get(p, zeros)[index] for p in paths.values()}
    return totals


Group = tuple[type[models.Model], str, str]  # source model, path field, the latest code or ""
_groups: dict[str, Group] = {}


def group_of(code: str) -> Group:
    """The query an additive indicator's sums come from: its table (and path), read once for all
    its measures; a latest indicator gets a query of its own."""
    found = _groups.get(code)
    if found is None:
        ind = get(code)
        found = _groups[code] = (ind.source(), ind.path, code if ind.kind == Kind.LATEST else "")
    return found


_members: dict[Group, list[str]] = {}


def group_members(group: Group) -> list[str]:
    """Every registered additive indicator read by the query `group` (sorted codes)."""
    found = _members.get(group)
    if found is None:
        found = _members[group] = sorted(
            i.code for i in _registry.values() if i.additive and group_of(i.code) == group
        )
    return found


def measure_group(
    group: Group,
    measures: Sequence[Measure],
    area: Area,
    key_length: int,
    paths: dict[int, str],
    *,
    attached: Sequence[Area] = (),
) -> dict[str, list[Decimal]]:
    """The raw sums of `measures` (all read by `group`) for every node under `area` down to paths
    of `key_length` that has records, in the order of `measures`: one grouped query. With
    `attached` nodes, instead, the sums of the records attached to each of them itself (not to a
    node below it), by node path."""
    model, path, alone = group
    aggregates: dict[str, Any] = {}
    decoders: list[Callable[[Any], Decimal]] = []
    where = Q()
    for index, (code, token) in enumerate(measures):
        condition = get(code).records_where(Period.parse(token))
        if alone:
            where, condition = condition, Q()
        aggregates[f"m{index}"], decode = _aggregate(get(code), condition)
        decoders.append(decode)
    # path lengths from `area` down to the deepest wanted level (short codes have fixed lengths)
    lengths = [len(area.path)]
    level = area.level
    while lengths[-1] < key_length:
        level += 1
        lengths.append(lengths[-1] + Area.SHORT_LENGTH[level] + 1)
    if attached:
        owner = path.removesuffix("__path") if path != "path" else "pk"
        paths_of = {node.pk: node.path for node in attached}
        rows = model._default_manager.filter(**{f"{owner}__in": list(paths_of)}).filter(where)
        grouped = rows.order_by().values(owner).annotate(**aggregates)
        found = grouped.values_list(owner, *aggregates)
        return {
            paths_of[node_id]: [decode(v) for decode, v in zip(decoders, values, strict=True)]
            for node_id, *values in found
        }
    else:
        groups = _grouped(model, path, aggregates, area, key_length, paths, where)
    combine = [max if get(code).kind == Kind.MAX else add for code, _ in measures]
    return {
        p: [decode(v) for decode, v in zip(decoders, values, strict=True)]
        for p, values in _rollup(groups, lengths, combine).items()
    }


def _rollup(
    groups: list[tuple[Any, ...]], lengths: list[int], combine: list[Callable[[Any, Any], Any]]
) -> dict[str, list[Any]]:
    """Group sums for every node on the way up: each node is added once into its parent, deepest
    level first. A group's key is the path of its deepest wanted node, or of a shallower node its
    records are attached to."""
    sums: dict[str, list[Any]] = {}
    by_length: defaultdict[int, list[str]] = defaultdict(list)
    for key, *values in groups:
        sums[key] = values
        by_length[len(key)].append(key)
    for child_length, parent_length in zip(lengths[:0:-1], lengths[-2::-1], strict=True):
        for key in by_length[child_length]:
            parent = key[:parent_length]
            values = sums[key]
            above = sums.get(parent)
            if above is None:
                sums[parent] = list(values)
                by_length[parent_length].append(parent)
            else:
                sums[parent] = [f(a, b) for f, a, b in zip(combine, above, values, strict=True)]
    return sums


def _grouped(
    model: type[models.Model],
    path: str,
    aggregates: dict[str, Any],
    area: Area,
    key_length: int,
    paths: dict[int, str],
    where: Q,
) -> list[tuple[Any, ...]]:
    """(node path, sum, sum, …) groups of the records under `area`.

    When villages are wanted the groups are the records' own areas: grouping by the integer key is
    about twice as fast as by a substring of the joined path, and there are about as many groups as
    wanted nodes anyway. For coarser requests the rows are grouped by the path prefix of the deepest
    wanted level, so that a province's cities make a dozen groups, not twenty thousand."""
    rows = model._default_manager.filter(**{f"{path}__startswith": area.path}).filter(where)
    if key_length <= len(area.path):
        found = rows.aggregate(**aggregates)
        return [(area.path, *(found[name] for name in aggregates))]
    if key_length < len(area.path) + _VILLAGE_DEPTH.get(area.level, 0):
        return list(
            rows.annotate(node_key=Substr(path, 1, key_length))
            .order_by()
            .values("node_key")
            .annotate(**aggregates)
            .values_list("node_key", *aggregates)
        )
    owner = path.removesuffix("__path") if path != "path" else "pk"
    groups = list(
        rows.order_by().values(owner).annotate(**aggregates).values_list(owner, *aggregates)
    )
    missing = {g[0] for g in groups} - paths.keys()
    if missing:  # records attached to nodes of levels that were not asked for
        paths = {**paths, **dict(Area.objects.filter(pk__in=missing).values_list("pk", "path"))}
    return [(paths[owner_id], *sums) for owner_id, *sums in groups]


# How much longer a village's path is than the path of a node of each level.
_VILLAGE_DEPTH = {
    level: sum(Area.SHORT_LENGTH[lvl] + 1 for lvl in range(level + 1, Area.Level.VILLAGE + 1))
    for level in range(1, Area.Level.VILLAGE + 1)
}


def _aggregate(ind: Indicator, condition: Q) -> tuple[Any, Callable[[Any], Decimal]]:
    """The SQL aggregate of one measure over the rows meeting `condition` (never NULL) and how to
    read its value."""
    rows = condition or None  # no FILTER clause for an empty condition
    if ind.kind == Kind.COUNT:
        return Count("pk", filter=rows), Decimal
    if ind.kind == Kind.MAX:  # 0 stands for "no record"; _live and value_of read it as None
        largest = Max(F(ind.value) if isinstance(ind.value, str) else ind.value, filter=rows)
        return Coalesce(largest, 0), lambda v: Decimal(str(v))
    value = F(ind.value) if isinstance(ind.value, str) else ind.value
    if value is None:
        raise TypeError(f"{ind.code}: a {ind.kind} indicator needs value")
    places = ind.sum_places
    if connection.vendor == "sqlite":
        # SQLite keeps decimals as doubles: add whole hundredths so the sum is exact (< 2**53).
        scaled = Round(value * Value(10**places, output_field=models.IntegerField()))
        whole = models.BigIntegerField()
        total = Cast(Coalesce(Sum(scaled, filter=rows), 0), output_field=whole)
        return total, lambda v: Decimal(v).scaleb(-places)
    money = models.DecimalField(max_digits=38, decimal_places=places)
    zero = Value(_ZERO, output_field=money)
    return Coalesce(Sum(value, filter=rows, output_field=money), zero), Decimal


def _live(ind: Indicator, period: Period, nodes: list[Area], totals: Totals) -> dict[str, Result]:
    """Live results of one indicator for every node (the hot loop of a large evaluation)."""
    token = str(period)
    if ind.kind == Kind.MAX:
        found = totals[(ind.code, token)]
        return {
            n.code: Result(ind, n, period, found[n.path] or None, raw=found[n.path]) for n in nodes
        }
    if ind.additive:
        sums = totals[(ind.code, token)]
        shift = _shift(ind.source_unit, ind.unit)
        if shift:
            return {
                n.code: Result(ind, n, period, (r := sums[n.path]).scaleb(shift), raw=r)
                for n in nodes
            }
        return {n.code: Result(ind, n, period, (r := sums[n.path]), raw=r) for n in nodes}
    if ind.kind == Kind.RATIO or ind.relative:
        if ind.kind == Kind.RATIO:
            tops, bottoms = totals[(ind.numerator, token)], totals[(ind.denominator, token)]
            scale = ind.scale
        else:
            now = totals[(ind.base, token)]
            bottoms = totals[(ind.base, str(period.previous_year()))]
            tops = {p: now[p] - before for p, before in bottoms.items()}
            scale = Decimal(100)
        results = {}
        for n in nodes:
            top, bottom = tops[n.path], bottoms[n.path]
            value = top * scale / bottom if bottom else None
            results[n.code] = Result(ind, n, period, value, top, bottom)
        return results
    now = totals[(ind.base, token)]
    before = totals[(ind.base, str(period.previous_year()))]
    shift = _shift(get(ind.base).source_unit, ind.unit)
    return {
        n.code: Result(ind, n, period, (r := now[n.path] - before[n.path]).scaleb(shift), raw=r)
        for n in nodes
    }


def _shift(source: str, target: str) -> int:
    return units.unit(source).exponent - units.unit(target).exponent


def _overlay(
    ind: Indicator,
    period: Period,
    by_node: dict[str, Result],
    snap: dict[tuple[str, str, int], Components],
) -> None:
    """Replace live results by frozen ones where a snapshot holds them."""
    token = str(period)
    for code, live in by_node.items():
        stored = snap.get((token, ind.code, live.area.pk))
        if stored is not None:
            components = (live.raw, live.numerator, live.denominator)
            by_node[code] = _result(ind, live.area, period, components, stored)


def value_of(ind: Indicator, components: Components) -> Decimal | None:
    """The value in `ind.unit` from raw components (live or frozen alike)."""
    raw, numerator, denominator = components
    if ind.kind == Kind.RATIO or ind.relative:
        if numerator is None or not denominator:
            return None
        return numerator * (ind.scale if ind.kind == Kind.RATIO else 100) / denominator
    if raw is None or (ind.kind == Kind.MAX and not raw):
        return None
    source = ind.source_unit if ind.additive else get(ind.base).source_unit
    return units.convert(raw, source, ind.unit)


def _result(
    ind: Indicator,
    node: Area,
    period: Period,
    live: Components,
    stored: Components | None,
) -> Result:
    raw, numerator, denominator = live if stored is None else stored
    result = Result(
        ind,
        node,
        period,
        value_of(ind, (raw, numerator, denominator)),
        numerator,
        denominator,
        raw=raw,
    )
    if stored is not None:
        result.frozen = True
        result.live_value = value_of(ind, live)
        result.differs = stored != live
    return result


def _frozen(
    indicators: Sequence[Indicator],
    periods: Sequence[Period],
    area: Area,
    levels: set[int] | None,
) -> dict[tuple[str, str, int], Components]:
    """Frozen components by (period, code, area id); a later snapshot overrides an earlier one."""
    from xingcun.indicators.models import SnapshotValue

    rows = SnapshotValue.objects.filter(
        period__in=[str(p) for p in periods],
        indicator__in=[i.code for i in indicators],
        area__path__startswith=area.path,
        snapshot__withdrawn_at__isnull=True,
    )
    if levels is not None:
        rows = rows.filter(Q(area=area) | Q(area__level__in=levels))
    found: dict[tuple[str, str, int], Components] = {}
    for token, code, area_id, raw, numerator, denominator in rows.order_by(
        "snapshot__frozen_at", "snapshot_id"
    ).values_list("period", "indicator", "area_id", "raw", "numerator", "denominator"):
        found[(token, code, area_id)] = (raw, numerator, denominator)
    return found


def evaluate_snapshot(snapshot: Any) -> dict[str, dict[str, Result]]:
    """The values frozen in `snapshot` (withdrawn or not) for its node and every node below it,
    each with the live value beside it: code → area code → result."""
    period = Period.parse(snapshot.period)
    area = snapshot.area
    live = evaluate_grid(area=area, periods=[period], levels=None, frozen=False)[str(period)]
    stored: dict[tuple[str, int], Components] = {
        (code, area_id): (raw, numerator, denominator)
        for code, area_id, raw, numerator, denominator in snapshot.values.values_list(
            "indicator", "area_id", "raw", "numerator", "denominator"
        )
    }
    return {
        code: {
            node_code: _result(
                r.indicator,
                r.area,
                period,
                (r.raw, r.numerator, r.denominator),
                stored.get((code, r.area.pk)),
            )
            for node_code, r in by_node.items()
        }
        for code, by_node in live.items()
    }


# --- approval status ------------------------------------------------------------------------------


class Approval(models.TextChoices):
    FINAL = "final", _("最终数")
    PROVISIONAL = "provisional", _("初步数")


class ApprovalSource:
    """Tells which records are reported through reporting tasks and whether a node's reports for a
    period are accepted (implemented by the work cycle, `xingcun.reporting.approval`)."""

    def reports(self, model: type[models.Model]) -> bool:
        """Whether records of `model` are reported (and so have an approval status)."""
        raise NotImplementedError

    def accepted(
        self, model: type[models.Model], period: Period, nodes: Sequence[Area]
    ) -> set[str]:
        """The codes of the `nodes` all of whose contributing reports of `model`'s records for
        `period` are accepted."""
        raise NotImplementedError

    def tables(self) -> frozenset[str]:
        """The tables the status is read from (cached pages of figures depend on them)."""
        raise NotImplementedError


_approval_sources: list[ApprovalSource] = []


def add_approval_source(source: ApprovalSource) -> None:
    if source not in _approval_sources:
        _approval_sources.append(source)
        cache.forget()  # the tables pages of figures depend on (cache.catalogue_tables)


def approval_tables() -> frozenset[str]:
    return frozenset().union(*(s.tables() for s in _approval_sources))


def _contributing(ind: Indicator, period: Period) -> list[tuple[type[models.Model], Period]]:
    """The (table, period) pairs whose records make up `ind` at `period`: its own, its ratio's
    parts', or a change's current and year-earlier records."""
    if ind.additive:
        return [(ind.source(), period)]
    if ind.kind == Kind.RATIO:
        return [(get(ind.numerator).source(), period), (get(ind.denominator).source(), period)]
    base = get(ind.base).source()
    return [(base, period), (base, period.previous_year())]


def approval_grid(
    indicators: Sequence[Indicator], periods: Sequence[Period], nodes: Sequence[Area]
) -> dict[str, dict[str, dict[str, str]]]:
    """period → indicator code → node code → Approval, for the figures that have one: final when
    every reported table the figure reads is accepted for the node (all its contributing nodes)
    and the period, else provisional. One look-up per reported table and period."""
    accepted: dict[tuple[type[models.Model], Period], set[str]] = {}
    out: dict[str, dict[str, dict[str, str]]] = {}
    for period in periods:
        by_code = out[str(period)] = {}
        for ind in indicators:
            parts = [
                (model, when)
                for model, when in _contributing(ind, period)
                if any(s.reports(model) for s in _approval_sources)
            ]
            if not parts:
                by_code[ind.code] = {}
                continue
            final: set[str] | None = None
            for part in parts:
                if part not in accepted:
                    model, when = part
                    accepted[part] = set.intersection(
                        *(
                            s.accepted(model, when, nodes)
                            for s in _approval_sources
                            if s.reports(model)
                        )
                    )
                final = accepted[part] if final is None else final & accepted[part]
            by_code[ind.code] = {
                n.code: Approval.FINAL if n.code in (final or set()) else Approval.PROVISIONAL
                for n in nodes
            }
    return out


def approval_of(code: str, *, area: Area, period: Period) -> str | None:
    """The approval status of one figure (None: not reported through a task)."""
    return approval_grid([get(code)], [period], [area])[str(period)][code].get(area.code)


# --- drill-down -----------------------------------------------------------------------------------


def drilldown(code: str, *, area: Area, period: Period) -> QuerySet[Any]:
    """The records behind a value: a ratio's numerator records, a change's current records."""
    ind = get(code)
    if ind.kind == Kind.RATIO:
        ind = get(ind.numerator)
    elif ind.kind == Kind.CHANGE:
        ind = get(ind.base)
    rows: QuerySet[Any] = ind.source()._default_manager.filter(
        **{f"{ind.path}__startswith": area.path}
    )
    return rows.filter(ind.records_where(period))


def records_of(code: str, *, area: Area, period: Period) -> QuerySet[Any]:
    """The records an additive indicator adds up for `area` and `period` (no redirection)."""
    ind = get(code)
    rows: QuerySet[Any] = ind.source()._default_manager.filter(
        **{f"{ind.path}__startswith": area.path}
    )
    return rows.filter(ind.records_where(period))


def records_total(code: str, rows: QuerySet[Any]) -> Decimal:
    """What an additive indicator makes of `rows`, in its source unit, by the engine's own
    aggregate (a count, an exact sum, or a maximum): a drill-down's total row."""
    aggregate, decode = _aggregate(get(code), Q())
    return decode(rows.aggregate(total=aggregate)["total"])


def measure_expression(code: str) -> Any:
    """The per-record value an additive sum, latest or max indicator adds up (None for a count)."""
    ind = get(code)
    if ind.kind == Kind.COUNT:
        return None
    return F(ind.value) if isinstance(ind.value, str) else ind.value


def drilldown_url(code: str, area: Area, period: Period) -> str:
    return reverse("indicators:drilldown", args=[code, area.code, str(period)])
