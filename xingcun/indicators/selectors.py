"""Reads for the indicator pages: the dashboard, the catalogue, snapshots. All run in scope."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.models import Area
from xingcun.indicators import charts, engine, units
from xingcun.indicators.engine import Indicator, Period, Result, Semantics
from xingcun.indicators.models import Snapshot
from xingcun.villages.models import VillageProfile

DASHBOARD = gettext_lazy("驾驶舱")
NO_REPORT = gettext_lazy("未填报")
TREND_YEARS = 5
CARD_CODES = (
    "villages.count",
    "party.organisations",
    "party.members",
    "party.members_without_office",
    "party.returned_entrepreneurs",
    "projects.landed",
    "projects.investment",
    "villages.collective_income",
    "villages.per_capita_income",
    "villages.weak",
    "villages.weak_share",
    "households.low_income",
)


@dataclass(frozen=True)
class ChartSpec:
    key: str
    kind: str  # "trend" over years, "breakdown" by child nodes, "ranking" of child nodes
    code: str
    title: str  # "{children}" is replaced by the children's level name


CHARTS = (
    ChartSpec("trend-collective-income", "trend", "villages.collective_income", "村级集体经济收入"),
    ChartSpec(
        "trend-per-capita-income", "trend", "villages.per_capita_income", "村民人均可支配收入"
    ),
    ChartSpec("trend-members", "trend", "party.members", "党员人数"),
    ChartSpec("trend-investment", "trend", "projects.investment", "落地项目总投资"),
    ChartSpec(
        "children-collective-income",
        "breakdown",
        "villages.collective_income",
        "各{children}村级集体经济收入",
    ),
    ChartSpec("children-members", "breakdown", "party.members", "各{children}党员人数"),
    ChartSpec(
        "rank-per-capita-income",
        "ranking",
        "villages.per_capita_income",
        "{children}村民人均可支配收入排名",
    ),
    ChartSpec(
        "rank-collective-income",
        "ranking",
        "villages.collective_income",
        "{children}村级集体经济收入排名",
    ),
)
CHART_BY_KEY = {c.key: c for c in CHARTS}
BUILDERS: dict[str, Callable[..., dict[str, Any]]] = {
    "trend": charts.trend,
    "breakdown": charts.breakdown,
    "ranking": charts.ranking,
}

for _code in {*CARD_CODES, *(c.code for c in CHARTS)}:
    engine.mark_used(_code, DASHBOARD)


def default_year() -> int:
    """The latest year with village profiles in scope (annual figures arrive after the year)."""
    latest = VillageProfile.objects.aggregate(year=Max("year"))["year"]
    return int(latest) if latest else timezone.localdate().year


def figures(*, area: Area, year: int, codes: Sequence[str]) -> list[Result]:
    """The values of `codes` for one node and year, in that order (one grid evaluation)."""
    period = Period.year(year)
    grid = engine.evaluate_grid(area=area, periods=[period], codes=codes, levels=())[str(period)]
    return [grid[code][area.code] for code in codes]


def page_year(request: ScopedRequest, default: int | None = None) -> int:
    """The `?year=` of a page (parsed once, by the middleware), else `default`, else the latest
    year with village profiles."""
    if request.year is not None:
        return request.year
    return default if default is not None else default_year()


def year_choices(selected: int) -> list[int]:
    last = max(timezone.localdate().year, selected)
    return list(range(last, min(selected, last - 10) - 1, -1))


def year_page(request: ScopedRequest, codes: Sequence[str]) -> dict[str, Any]:
    """What a mechanism's overview page starts from: the user's node (`area`), the chosen `year`,
    the `years` to choose from and the `figures` of `codes` for that node and year."""
    area = require_area(request)
    year = page_year(request)
    return {
        "area": area,
        "year": year,
        "years": year_choices(year),
        "figures": figures(area=area, year=year, codes=codes),
    }


def child_level_name(area: Area) -> str:
    return (
        gettext("镇(街道)")
        if area.level + 1 == Area.Level.TOWN
        else str(Area.Level(area.level + 1).label)
    )


# --- dashboard ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    result: Result
    change: str  # year on year, "" when it does not apply
    direction: str  # "up", "down" or ""


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    options: dict[str, Any]
    xlsx_url: str
    points: list[charts.Point]  # the same figures as a table, for screen readers and phones
    unit: str
    as_of: str
    first_header: str  # "期间" for a trend, the children's level otherwise


@dataclass(frozen=True)
class ChildRow:
    area: Area
    results: list[Result]
    dashboard_url: str


@dataclass(frozen=True)
class Dashboard:
    area: Area
    period: Period
    children_name: str
    cards: list[Card]
    trends: list[Chart]
    breakdowns: list[Chart]
    rankings: list[Chart]
    columns: list[Indicator]
    children: list[ChildRow]
    sections: list[tuple[str, list[Card]]]  # every registered indicator, by part of the report


def year_on_year(now: Result, before: Result) -> tuple[str, str]:
    """'+3.2%' (or '+1.5个百分点' for a percentage) and the direction; '' when not comparable."""
    ind = now.indicator
    if ind.semantics == Semantics.CURRENT or now.value is None or before.value is None:
        return "", ""
    difference = now.value - before.value
    direction = "up" if difference > 0 else "down" if difference < 0 else ""
    if ind.unit == "%":
        return gettext("%(points)s个百分点") % {"points": _signed(difference)}, direction
    if before.value == 0:
        return (gettext("新增") if difference else gettext("持平")), direction
    return f"{_signed(difference * 100 / abs(before.value))}%", direction


def _signed(value: Decimal) -> str:
    text = units.format_number(value, "%")
    return text if text.startswith("-") or text.strip("0.") == "" else f"+{text}"


def dashboard(*, area: Area, year: int) -> Dashboard:
    """Everything the dashboard shows, from one grid evaluation (a query per source table)."""
    periods = [Period.year(y) for y in range(year - TREND_YEARS + 1, year + 1)]
    period = periods[-1]
    has_children = area.level < Area.Level.VILLAGE
    grid = engine.evaluate_grid(  # every indicator: the cards, charts and the full list
        area=area,
        periods=periods,
        levels=(area.level + 1,) if has_children else (),
        approval=[period],  # the cards and the table show this year's figures
    )
    now, before = grid[str(period)], grid[str(period.previous_year())]
    cards = [
        Card(now[code][area.code], *year_on_year(now[code][area.code], before[code][area.code]))
        for code in CARD_CODES
    ]
    child_areas = sorted(
        (r.area for r in now[CARD_CODES[0]].values() if r.area.pk != area.pk),
        key=lambda a: a.code,
    )
    children_name = child_level_name(area) if has_children else ""
    reported = _reported_periods(periods)
    built = {
        spec.key: _chart(spec, area, period, grid, periods, child_areas, children_name, reported)
        for spec in CHARTS
        if spec.kind == "trend" or child_areas
    }
    return Dashboard(
        sections=all_indicator_cards(area=area, now=now, before=before),
        area=area,
        period=period,
        children_name=children_name,
        cards=cards,
        trends=[c for k, c in built.items() if CHART_BY_KEY[k].kind == "trend"],
        breakdowns=[c for k, c in built.items() if CHART_BY_KEY[k].kind == "breakdown"],
        rankings=[c for k, c in built.items() if CHART_BY_KEY[k].kind == "ranking"],
        columns=[engine.get(code) for code in CARD_CODES],
        children=[
            ChildRow(
                child,
                [now[code][child.code] for code in CARD_CODES],
                reverse("indicators:dashboard-area", args=[child.code]) + f"?year={year}",
            )
            for child in child_areas
        ],
    )


class LazyDashboard:
    """The dashboard of a node: its node and period at once, everything else built on first use,
    so that a page whose rendered figures come from the cache never builds them."""

    def __init__(self, *, area: Area, year: int) -> None:
        self.area, self.period, self._year = area, Period.year(year), year
        self._board: Dashboard | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._board is None:
            self._board = dashboard(area=self.area, year=self._year)
        return getattr(self._board, name)


def all_indicator_cards(
    *, area: Area, now: dict[str, dict[str, Result]], before: dict[str, dict[str, Result]]
) -> list[tuple[str, list[Card]]]:
    """Every registered indicator for the node, this year against last, grouped by the report's
    parts (read from the dashboard's one grid evaluation)."""
    sections: dict[str, list[Card]] = {key: [] for key in engine.SECTIONS}
    for ind in engine.catalogue():
        result = now[ind.code][area.code]
        sections[ind.section].append(
            Card(result, *year_on_year(result, before[ind.code][area.code]))
        )
    return [(str(engine.SECTIONS[key]), cards) for key, cards in sections.items() if cards]


def indicator_section(*, area: Area, year: int, index: int) -> tuple[str, list[Card]] | None:
    """The `index`-th section of `all_indicator_cards` alone (one grid evaluation of its
    indicators, this year and last), or None."""
    keys = [key for key in engine.SECTIONS if any(i.section == key for i in engine.catalogue())]
    if not 0 <= index < len(keys):
        return None
    codes = [ind.code for ind in engine.catalogue() if ind.section == keys[index]]
    period = Period.year(year)
    grid = engine.evaluate_grid(
        area=area, periods=[period.previous_year(), period], codes=codes, levels=()
    )
    now, before = grid[str(period)], grid[str(period.previous_year())]
    cards = [
        Card(now[code][area.code], *year_on_year(now[code][area.code], before[code][area.code]))
        for code in codes
    ]
    return str(engine.SECTIONS[keys[index]]), cards


def _reported_periods(periods: Sequence[Period]) -> dict[type[Any], set[str]]:
    """For the models filed once a year (with a `year` field), the periods with at least one
    record in scope: a year nobody reported is a gap in a trend, not a zero."""
    years = {p.end.year: str(p) for p in periods}
    models = {
        ind.model
        for spec in CHARTS
        if spec.kind == "trend"
        and (ind := engine.get(spec.code)).model is not None
        and any(f.name == "year" for f in ind.model._meta.fields)
    }
    return {
        model: {
            years[y]
            for y in model._default_manager.filter(year__in=years)
            .values_list("year", flat=True)
            .distinct()
        }
        for model in models
        if model is not None
    }


def _points(
    spec: ChartSpec,
    area: Area,
    period: Period,
    grid: engine.Grid,
    periods: Sequence[Period],
    child_areas: Sequence[Area],
    reported: dict[type[Any], set[str]] | None = None,
) -> list[charts.Point]:
    if spec.kind == "trend":
        model = engine.get(spec.code).model
        filed = (reported or {}).get(model) if model is not None else None
        results = [grid[str(p)][spec.code][area.code] for p in periods]
        return [
            charts.Point(r.period.label, r.value, r.url, r.display())
            if filed is None or str(r.period) in filed
            else charts.Point(r.period.label, None, "", str(NO_REPORT))
            for r in results
        ]
    by_child = grid[str(period)][spec.code]
    results = [by_child[a.code] for a in child_areas]
    return [
        charts.Point(r.area.display_name, r.value, r.url, r.display(), area=r.area) for r in results
    ]


def _chart(
    spec: ChartSpec,
    area: Area,
    period: Period,
    grid: engine.Grid,
    periods: Sequence[Period],
    child_areas: Sequence[Area],
    children_name: str,
    reported: dict[type[Any], set[str]] | None = None,
) -> Chart:
    ind = engine.get(spec.code)
    title = gettext(spec.title).format(children=children_name)
    points = _points(spec, area, period, grid, periods, child_areas, reported)
    filename = f"{area.display_name}{period.label}{title}"
    as_of = period.end.isoformat()
    options = BUILDERS[spec.kind](
        title=title,
        unit=ind.unit,
        points=points,
        filename=filename,
        places=ind.places,
        as_of=as_of,
    )
    xlsx = reverse("indicators:chart-data", args=[spec.key, area.code, str(period)])
    shown = charts.rank(points) if spec.kind == "ranking" else points
    first = gettext("期间") if spec.kind == "trend" else children_name
    unit = units.label(ind.unit).strip()
    return Chart(spec.key, title, options, xlsx, list(shown), unit, as_of, first)


def chart_table(*, key: str, area: Area, period: Period) -> tuple[str, list[str], list[list[Any]]]:
    """The data of one dashboard chart, exactly, for its xlsx download: title, headers, rows."""
    spec = CHART_BY_KEY[key]
    ind = engine.get(spec.code)
    if spec.kind == "trend":
        periods = [
            Period.year(y) for y in range(period.end.year - TREND_YEARS + 1, period.end.year + 1)
        ]
        levels: tuple[int, ...] = ()
    else:
        periods = [period]
        levels = (area.level + 1,)
    grid = engine.evaluate_grid(area=area, periods=periods, codes=[spec.code], levels=levels)
    if spec.kind == "trend":
        results = [grid[str(p)][spec.code][area.code] for p in periods]
        first = gettext("期间")
    else:
        results = [r for r in grid[str(period)][spec.code].values() if r.area.pk != area.pk]
        results.sort(key=lambda r: r.area.code)
        if spec.kind == "ranking":
            ranked = charts.rank([charts.Point(r.area.code, r.value) for r in results])
            order = {p.label: i for i, p in enumerate(ranked)}
            results.sort(key=lambda r: order[r.area.code])
        first = gettext("区划")
    unit = units.label(ind.unit).strip()
    headers = [
        first,
        gettext("区划代码"),
        f"{ind.name}（{unit}）",
        gettext("分子"),
        gettext("分母"),
    ]
    headers.append(gettext("已冻结"))
    rows = [
        [
            r.period.label if spec.kind == "trend" else r.area.display_name,
            r.area.code,
            r.value,
            r.numerator,
            r.denominator,
            gettext("是") if r.frozen else "",
        ]
        for r in results
    ]
    title = gettext(spec.title).format(children=child_level_name(area) if area.level < 5 else "")
    return f"{area.display_name}{period.label}{title}", headers, rows


# --- catalogue ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueEntry:
    indicator: Indicator
    result: Result
    parts: list[Indicator]
    dependents: list[Indicator]
    used_in: list[str] = field(default_factory=list)


# Where indicators are shown, beyond the pages that declare it at start-up (`Indicator.used_in`):
# each source maps indicator codes to place names, derived from data when the catalogue is read
# (e.g. the report templates that cite a code). Apps add theirs in `AppConfig.ready`.
UsageSource = Callable[[Area], dict[str, list[str]]]
USAGE_SOURCES: list[UsageSource] = []


def indicator_uses(*, area: Area) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for source in USAGE_SOURCES:
        for code, places in source(area).items():
            found.setdefault(code, []).extend(p for p in places if p not in found[code])
    return found


def catalogue(*, area: Area, period: Period) -> list[tuple[str, list[CatalogueEntry]]]:
    """Every indicator by section, with its value for `area` (one grid evaluation)."""
    values = engine.evaluate_grid(area=area, periods=[period], levels=())[str(period)]
    uses = indicator_uses(area=area)
    sections: dict[str, list[CatalogueEntry]] = {key: [] for key in engine.SECTIONS}
    for ind in engine.catalogue():
        sections[ind.section].append(
            CatalogueEntry(
                ind,
                values[ind.code][area.code],
                [engine.get(c) for c in ind.parts()],
                engine.dependents(ind.code),
                [
                    *(str(u) for u in ind.used_in),
                    *(p for p in uses.get(ind.code, []) if p not in ind.used_in),
                ],
            )
        )
    return [(str(engine.SECTIONS[key]), entries) for key, entries in sections.items() if entries]


# --- snapshots ------------------------------------------------------------------------------------


def snapshot_list() -> QuerySet[Snapshot]:
    return Snapshot.objects.select_related("area", "frozen_by", "withdrawn_by")


@dataclass(frozen=True)
class SnapshotLine:
    area: Area
    results: list[Result]

    @property
    def differs(self) -> bool:
        return any(r.differs for r in self.results)


def snapshot_comparison(*, snapshot: Snapshot) -> tuple[list[Result], list[SnapshotLine]]:
    """The snapshot's node (every indicator, frozen against live) and, below it, the nodes where
    some frozen value differs from the live one."""
    area = snapshot.area
    grid = engine.evaluate_snapshot(snapshot)
    own = [grid[ind.code][area.code] for ind in engine.catalogue()]
    lines: dict[str, SnapshotLine] = {}
    for ind in engine.catalogue():
        for code, result in grid[ind.code].items():
            if code == area.code:
                continue
            line = lines.setdefault(code, SnapshotLine(result.area, []))
            line.results.append(result)
    differing = sorted((line for line in lines.values() if line.differs), key=lambda x: x.area.code)
    return own, differing
