"""Every registered indicator's drill-down adds up on a generated district: the records it lists,
summed by the column the figure is made of (counted, for a count), give the total row, and the
total rows give the figure (a ratio from its numerator and denominator, a change from both
years)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from xingcun.core.models import Area
from xingcun.demo.generator import generate
from xingcun.indicators import drill, engine
from xingcun.indicators.engine import Kind, Period

CODES = [indicator.code for indicator in engine.catalogue()]
PERIOD = Period.year(2020)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The whole demo (every app) at the smallest scale, once for the module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(scale=0.01, years=range(2017, 2021))
        with scopes_disabled():  # finding the generated district
            county = Area.tree.get(level=Area.Level.COUNTY)
            town = Area.tree.filter(parent=county).order_by("code").first()
        yield county, town
        transaction.set_rollback(True)


@pytest.fixture
def district(world, db):
    return world


def column_sum(table: drill.Table) -> Decimal:
    """What the listed records add up to, read row by row as the page shows them."""
    if table.indicator.kind == Kind.COUNT:
        return Decimal(table.rows.count())
    values = [table.measure(obj) for obj in table.rows]
    if table.indicator.kind == Kind.MAX:
        return max(values, default=Decimal(0))
    return sum(values, Decimal(0))


@pytest.mark.parametrize("code", CODES)
def test_every_drilldown_total_equals_its_figure(district, code):
    checked = 0
    for node in district:
        with scope(area=node.path):
            result = engine.evaluate(code, area=node, period=PERIOD)
            tables = drill.tables(code, area=node, period=PERIOD)
            for table in tables:
                assert column_sum(table) == table.total, (node.code, table.role)
            assert drill.combined(result.indicator, tables) == result.value, node.code
            if result.indicator.kind == Kind.RATIO:
                assert (tables[0].total, tables[1].total) == (result.numerator, result.denominator)
            checked += 1
    assert checked == 2


def test_the_demo_world_has_figures_to_check(district):
    county, _town = district
    with scope(area=county.path):
        grid = engine.evaluate_grid(area=county, periods=[PERIOD], levels=())[str(PERIOD)]
    nonzero = [code for code in CODES if grid[code][county.code].value]
    assert len(nonzero) >= len(CODES) * 0.8  # most figures are present, so the sums mean something
