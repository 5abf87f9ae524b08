from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.finance.models import Bank, Loan, LoanProduct, RateRule


class BankFactory(ScopedFactory):
    class Meta:
        model = Bank

    name = factory.Sequence(lambda n: f"农商银行{n}")


class LoanProductFactory(ScopedFactory):
    class Meta:
        model = LoanProduct

    bank = same_area(BankFactory)
    name = factory.Sequence(lambda n: f"林易贷{n}")
    purpose = "林权抵押"
    rate = Decimal("4.000")
    term_months = 36


class RateRuleFactory(ScopedFactory):
    class Meta:
        model = RateRule

    year = 2020
    reference_rate = Decimal("6.000")


class LoanFactory(ScopedFactory):
    class Meta:
        model = Loan

    product = same_area(LoanProductFactory)
    borrower_kind = Loan.Borrower.COLLECTIVE
    borrower = factory.Sequence(lambda n: f"村经济合作社{n}")
    amount = Decimal("100.00")
    rate = Decimal("4.000")
    issued_on = dt.date(2020, 5, 1)
    term_months = 36
    purpose = Loan.Purpose.DEBT
    reference_rate = Decimal("6.000")
    cost_saved = Decimal("6.0000")
