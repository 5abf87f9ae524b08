"""Helpers for the indicator tests of every app: a figure read as a page reads it, inside the
scope of the node asked about, and the shared test of figures against an independent count."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django_scopes import scope

from xingcun.indicators.engine import Period, evaluate

# A year, the middle of the next one and that whole year: the three give different values.
PERIODS = [Period.year(2019), Period.month_end(2020, 6), Period.year(2020)]


def value(code: str, area: Any, year: int) -> Any:
    """The figure `code` of `area` for the calendar year `year`."""
    with scope(area=area.path):
        return evaluate(code, area=area, period=Period.year(year)).value


def independent_count_test(expected: Callable[..., dict[str, Any]]) -> Any:
    """A test that every figure of `expected(*data, node, period)` (code -> the number counted
    in Python over the fixture `data`, or None) is what the engine evaluates, for the district
    and town_a over PERIODS. Assign it to a `test_…` name in the app's test module."""

    @pytest.mark.parametrize("period", PERIODS, ids=str)
    @pytest.mark.parametrize("node_name", ["district", "town_a"])
    def test(tree: Any, data: Any, period: Period, node_name: str) -> None:
        node = getattr(tree, node_name)
        want = expected(*data, node, period)
        with scope(area=tree.district.path):
            for code, counted in want.items():
                got = evaluate(code, area=node, period=period).value
                assert got == (None if counted is None else Decimal(counted)), code

    return test
