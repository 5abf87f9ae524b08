"""Drill-downs that add up: the records behind a figure with the column that makes the number and
a total row equal to it.

An additive figure (count, sum, latest, max) has one table: its records, each with its measure
(the headcount, amount, saving … the indicator adds up) and a total, which is the figure. A ratio
has two tables, numerator and denominator; a change has the current and the earlier period's.
Apps add columns a figure needs to be read (a base-year value, say) with
`records.register_drill(code, …)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from xingcun.core.models import Area
from xingcun.indicators import engine, records, units
from xingcun.indicators.engine import Indicator, Kind, Period

MEASURE = "drill_measure"


@dataclass
class Table:
    """The records of one additive indicator, their measure and their total."""

    indicator: Indicator
    area: Area
    period: Period
    role: str  # "", "分子", "分母", "本期", "上年同期"
    rows: QuerySet[Any]
    view: records.RecordView
    extra: records.DrillColumns
    total: Decimal  # in the indicator's source unit (a count for a count)

    @property
    def measure_header(self) -> str:
        ind = self.indicator
        if ind.kind == Kind.COUNT:
            return ""
        return f"{ind.name}（{ind.source_unit}）"

    def headers(self) -> list[str]:
        headers = [*self.view.headers(), *(gettext(str(c.header)) for c in self.extra.columns)]
        return [*headers, self.measure_header] if self.measure_header else headers

    def measure(self, obj: Any) -> Decimal:
        """The record's share of the figure, as the total adds it up."""
        if self.indicator.kind == Kind.COUNT:
            return Decimal(1)
        value = getattr(obj, MEASURE)
        if value is None:
            return Decimal(0)
        return units.quantize(Decimal(str(value)), self.indicator.sum_places)

    def row_values(self, objs: Iterable[Any]) -> Iterator[list[Any]]:
        for obj in objs:
            values = [c.value(obj) for c in self.view.columns]
            values.extend(c.value(obj) for c in self.extra.columns)
            if self.measure_header:
                values.append(self.measure(obj))
            yield values

    @property
    def total_text(self) -> str:
        """The total in the column's unit ('1231名', '269.8万元', '12条记录')."""
        ind = self.indicator
        if ind.kind == Kind.COUNT:
            return gettext("%(count)s条记录") % {"count": f"{self.total:f}"}
        return units.format_value(self.total, ind.source_unit, ind.sum_places)

    @property
    def value(self) -> Decimal | None:
        """The total as the indicator states it (in its own unit)."""
        return engine.value_of(self.indicator, (self.total, None, None))


def table(code: str, *, area: Area, period: Period, role: str = "") -> Table:
    ind = engine.get(code)
    rows = engine.records_of(code, area=area, period=period)
    view = records.view_for(rows.model)
    extra = records.drill_columns(code)
    total = engine.records_total(code, rows)
    expression = engine.measure_expression(code)
    if expression is not None:
        rows = rows.annotate(**{MEASURE: expression})
    if extra.annotations:
        rows = rows.annotate(**extra.annotations)
    rows = rows.select_related(*view.select_related).order_by(*view.ordering)
    return Table(ind, area, period, role, rows, view, extra, total)


def tables(code: str, *, area: Area, period: Period) -> list[Table]:
    """The tables that make a figure: one for an additive figure, two for a ratio or a change."""
    ind = engine.get(code)
    if ind.kind == Kind.RATIO:
        return [
            table(ind.numerator, area=area, period=period, role=gettext("分子")),
            table(ind.denominator, area=area, period=period, role=gettext("分母")),
        ]
    if ind.kind == Kind.CHANGE:
        return [
            table(ind.base, area=area, period=period, role=gettext("本期")),
            table(ind.base, area=area, period=period.previous_year(), role=gettext("上年同期")),
        ]
    return [table(code, area=area, period=period)]


def combined(indicator: Indicator, parts: list[Table]) -> Decimal | None:
    """The figure computed from the tables' totals, as the engine computes it from its sums."""
    if indicator.kind == Kind.RATIO:
        return engine.value_of(indicator, (None, parts[0].total, parts[1].total))
    if indicator.kind == Kind.CHANGE:
        now, before = parts[0].total, parts[1].total
        if indicator.relative:
            return engine.value_of(indicator, (None, now - before, before))
        return engine.value_of(indicator, (now - before, None, None))
    return parts[0].value
