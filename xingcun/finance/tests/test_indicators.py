from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xingcun.finance.tests.factories import LoanFactory
from xingcun.indicators.tests.support import value

D = dt.date


@pytest.fixture
def loans(tree):
    LoanFactory(
        area=tree.village_a,
        issued_on=D(2019, 3, 1),
        amount=Decimal(100),
        cost_saved=Decimal("6.0000"),
    )
    LoanFactory(
        area=tree.village_a2,
        issued_on=D(2020, 3, 1),
        amount=Decimal(50),
        cost_saved=Decimal("1.2345"),
    )
    LoanFactory(
        area=tree.village_b,
        issued_on=D(2020, 3, 1),
        amount=Decimal(30),
        borrower_kind="household",
        purpose="production",
        cost_saved=Decimal("0.5000"),
    )
    return tree


@pytest.mark.parametrize(
    ("code", "node", "year", "expected"),
    [
        ("finance.debt_loans", "district", 2019, 1),
        ("finance.debt_loans", "district", 2020, 2),
        ("finance.debt_loans", "town_b", 2020, 0),
        ("finance.debt_loan_amount", "district", 2020, 150),
        ("finance.debt_loan_amount", "town_a", 2019, 100),
        ("finance.loan_amount", "district", 2020, 80),
        ("finance.loan_amount", "town_b", 2020, 30),
        ("finance.cost_saved", "district", 2020, "7.2345"),
        ("finance.cost_saved", "district", 2019, "6"),
        ("finance.cost_saved", "town_b", 2020, 0),
    ],
)
def test_finance_figures(loans, code, node, year, expected):
    assert value(code, getattr(loans, node), year) == Decimal(expected)
