from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.finance import services
from xingcun.finance.models import Loan, RateRule, cost_saved
from xingcun.finance.tests.factories import LoanProductFactory, RateRuleFactory

D = dt.date


@pytest.mark.parametrize(
    ("amount", "reference", "rate", "months", "expected"),
    [
        ("100.00", "6.000", "4.000", 36, "6.0000"),  # 100 × 2% × 3
        ("1250.50", "4.350", "3.850", 12, "6.2525"),  # 1250.5 × 0.5% × 1
        ("333.33", "4.350", "3.600", 7, "1.4583"),  # 333.33 × 0.75% × 7/12 = 1.45831875
        ("80.00", "3.850", "4.350", 24, "-0.8000"),  # above the reference: costs more
    ],
)
def test_cost_saved_is_exact(amount, reference, rate, months, expected):
    assert cost_saved(
        amount=Decimal(amount),
        reference_rate=Decimal(reference),
        rate=Decimal(rate),
        term_months=months,
    ) == Decimal(expected)


@pytest.fixture
def product(tree):
    RateRuleFactory(area=tree.district, year=2020, reference_rate=Decimal("6.000"))
    return LoanProductFactory(area=tree.district, rate=Decimal("4.000"), term_months=36)


def record(tree, product, **kw):
    values = {
        "village": tree.village_a,
        "product": product,
        "borrower_kind": "collective",
        "borrower": "白牛村股份经济合作社",
        "amount": Decimal("500.00"),
        "issued_on": D(2020, 6, 1),
        "purpose": "debt",
        "by": None,
    } | kw
    with scope(area=tree.village_a.path):
        return services.loan_record(**values)


def test_loan_takes_rate_and_term_from_product_and_saves_cost(tree, product):
    loan = record(tree, product)
    assert (loan.rate, loan.term_months, loan.reference_rate) == (Decimal(4), 36, Decimal(6))
    assert loan.cost_saved == Decimal("30.0000")  # 500 × 2% × 3


def test_negative_amount_is_refused(tree, product):
    with pytest.raises(ValidationError, match="金额必须大于0"):
        record(tree, product, amount=Decimal("-5"))
    with scopes_disabled():
        assert Loan.objects.count() == 0


def test_rate_above_the_sanity_bound_is_refused(tree, product):
    with pytest.raises(ValidationError, match="超出合理范围"):
        record(tree, product, rate=Decimal("36"))
    with scopes_disabled():
        assert Loan.objects.count() == 0


def test_loan_without_reference_rate_for_its_year_is_refused(tree, product):
    with pytest.raises(ValidationError, match="2015年没有设置参考利率"):
        record(tree, product, issued_on=D(2015, 1, 5))


def test_reference_rate_of_the_issue_year_applies(tree, product):
    RateRuleFactory(area=tree.district, year=2019, reference_rate=Decimal("5.000"))
    loan = record(tree, product, issued_on=D(2019, 12, 31))
    assert loan.cost_saved == Decimal("15.0000")


def test_default_reference_rates_are_created_once(tree):
    with scopes_disabled():
        services.rate_rules_ensure_defaults(district=tree.district)
        services.rate_rules_ensure_defaults(district=tree.district)
        assert RateRule.objects.get(year=2020).reference_rate == Decimal("3.850")
        assert RateRule.objects.count() == 5
