from __future__ import annotations

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

HOME = (200, 200, 200, 403, 403, 200)
# The matrix's partner login is linked to no bank: the loan is not theirs.
LOAN = (200, 200, 200, 403, 403, 404)
EDITORS = (200, 200, 403, 403, 403, 403)

ROWS = [
    Row("finance:home", expect=HOME),
    Row("finance:loan", expect=LOAN, obj="loans"),
    Row("finance:loan-create", expect=(200, 200, 403, 403, 403, 200)),
    *registry_rows("banks", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("bank-agreements", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("loan-products", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("rate-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("loans", CADRES, EDITORS, DISTRICT_ONLY),
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
