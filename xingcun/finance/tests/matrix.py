from __future__ import annotations

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import (
    NOT_THE_PARTNERS,
    PARTNER_RECORDS,
    Row,
    cooperation_rows,
)

ROWS = [
    *cooperation_rows(
        "finance",
        edited=("banks", "bank-agreements", "loan-products", "loans"),
        configured=("rate-rules",),
    ),
    Row("finance:loan", expect=NOT_THE_PARTNERS, obj="loans"),
    Row("finance:loan-create", expect=PARTNER_RECORDS),
]


def objects(village, side):
    import datetime as dt

    from xingcun.finance.models import BankAgreement
    from xingcun.finance.tests.factories import LoanFactory, RateRuleFactory

    loan = LoanFactory(area=village)
    with scopes_disabled():  # fixture rows for the matrix
        agreement = BankAgreement.objects.create(
            area=village, bank=loan.product.bank, title="协议", signed_on=dt.date(2019, 1, 1)
        )
    return {
        "banks": loan.product.bank,
        "bank-agreements": agreement,
        "loan-products": loan.product,
        "rate-rules": RateRuleFactory(area=village),
        "loans": loan,
    }
