"""Indicator values against an independent count over fixture records, for two nodes and two
periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from xingcun.indicators.engine import Period, drilldown
from xingcun.indicators.tests.support import independent_count_test
from xingcun.wishes.models import Wish
from xingcun.wishes.tests.factories import VisitFactory, WishFactory

D = dt.date


def wish(area, submitted, claimed=None, fulfilled=None, status="open"):
    return WishFactory(
        area=area,
        submitted_on=submitted,
        first_claimed_on=claimed,
        fulfilled_on=fulfilled,
        days_to_fulfil=(fulfilled - submitted).days if fulfilled else None,
        status="fulfilled" if fulfilled else status,
        number=f"N-{area.code}-{submitted}",
    )


@pytest.fixture
def data(tree):
    wishes = [
        wish(tree.village_a, D(2019, 3, 1), D(2019, 3, 10), D(2019, 4, 10)),
        wish(tree.village_a, D(2020, 2, 1), D(2020, 2, 10), D(2020, 5, 1)),
        wish(tree.village_a2, D(2020, 5, 1), D(2020, 7, 1), status="claimed"),
        wish(tree.village_b, D(2020, 3, 1), D(2020, 3, 5), D(2020, 8, 20)),
        wish(tree.village_b, D(2020, 1, 5), status="withdrawn"),
    ]
    visits = [
        VisitFactory(
            area=tree.village_a, visited_on=D(2019, 6, 1), issues_raised=3, issues_resolved=2
        ),
        VisitFactory(
            area=tree.village_a, visited_on=D(2020, 5, 1), issues_raised=4, issues_resolved=4
        ),
        VisitFactory(
            area=tree.village_b, visited_on=D(2020, 9, 1), issues_raised=2, issues_resolved=1
        ),
    ]
    return wishes, visits


def _in(day, period):
    return day is not None and period.start <= day <= period.end


def expected(wishes, visits, node, period):
    mine = [w for w in wishes if w.area.path.startswith(node.path)]
    done = [w for w in mine if w.status == Wish.Status.FULFILLED and _in(w.fulfilled_on, period)]
    seen = [v for v in visits if v.area.path.startswith(node.path) and _in(v.visited_on, period)]
    days = sum(w.days_to_fulfil for w in done)
    return {
        "wishes.submitted": len([w for w in mine if _in(w.submitted_on, period)]),
        "wishes.claimed": len([w for w in mine if _in(w.first_claimed_on, period)]),
        "wishes.fulfilled": len(done),
        "wishes.fulfil_days_total": days,
        "wishes.average_days": Decimal(days) / len(done) if done else None,
        "visits.count": len(seen),
        "visits.issues_raised": sum(v.issues_raised for v in seen),
        "visits.issues_resolved": sum(v.issues_resolved for v in seen),
    }


test_indicators_match_an_independent_count = independent_count_test(expected)


def test_drilldown_lists_the_fulfilled_wishes(tree, data):
    with scope(area=tree.district.path):
        rows = drilldown("wishes.average_days", area=tree.district, period=Period.year(2020))
        assert {w.area for w in rows} == {tree.village_a, tree.village_b}
