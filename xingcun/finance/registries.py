from __future__ import annotations

from django.utils.translation import gettext_lazy

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core import registry as r
from xingcun.core.permissions import Role
from xingcun.finance import forms, services
from xingcun.finance.models import Bank, BankAgreement, Loan, LoanProduct, RateRule
from xingcun.finance.permissions import FINANCE_DELETE, FINANCE_EDIT, FINANCE_VIEW

register = r.registrar(section="resources", perms=(FINANCE_VIEW, FINANCE_EDIT, FINANCE_DELETE))

r.reference(LoanProduct, key="name")
DISTRICT = r.F("area", gettext_lazy("区划代码"), levels=frozenset({3}))

BANKS = register(
    Bank,
    key="banks",
    fields=[DISTRICT, "name", "contact"],
    list_display=[(gettext_lazy("银行"), "name"), "contact"],
    targets={"users": lambda: role_users_in_scope(Role.PARTNER)},
    form_extra=["users"],
    search_fields=("name",),
)

AGREEMENTS = register(
    BankAgreement,
    key="bank-agreements",
    fields=[
        DISTRICT,
        "bank",
        "title",
        "signed_on",
        r.F("ends_on", not_future=False),
        "special_fund",
        "content",
    ],
    list_display=[
        (gettext_lazy("协议"), "title"),
        (gettext_lazy("银行"), "bank__name"),
        "signed_on",
        (gettext_lazy("专项资金(万元)"), "special_fund"),
    ],
)

PRODUCTS = register(
    LoanProduct,
    key="loan-products",
    fields=[
        DISTRICT,
        "bank",
        "name",
        "purpose",
        "rate",
        r.F("term_months", required=True, minimum=1),
    ],
    list_display=[
        (gettext_lazy("产品"), "name"),
        (gettext_lazy("银行"), "bank__name"),
        "purpose",
        "rate",
        "term_months",
    ],
    ordering=("bank__name", "name"),
)

RATE_RULES = register(
    RateRule,
    key="rate-rules",
    fields=[
        DISTRICT,
        r.YEAR,
        "reference_rate",
        r.F("max_rate", required=True),
        "basis",
    ],
    perms=(FINANCE_VIEW, FINANCE_DELETE, FINANCE_DELETE),
    list_display=["year", "reference_rate", (gettext_lazy("合理上限(%)"), "max_rate"), "basis"],
    ordering=("-year",),
)

LOANS = register(
    Loan,
    key="loans",
    fields=[
        r.F("area", gettext_lazy("借款人所在村代码")),
        "product",
        "borrower_kind",
        "borrower",
        r.F("amount", minimum=None),
        r.F("rate", required=False, help=gettext_lazy("留空则取产品利率"), minimum=None),
        "issued_on",
        r.F("term_months", required=False, help=gettext_lazy("留空则取产品期限"), minimum=1),
        "purpose",
        "note",
        r.DecimalColumn(gettext_lazy("参考利率(%)"), "reference_rate", readonly=True, places=3),
        r.DecimalColumn(gettext_lazy("节约财务成本(万元)"), "cost_saved", readonly=True, places=4),
    ],
    list_display=[
        "borrower",
        (gettext_lazy("村"), "area"),
        (gettext_lazy("产品"), "product__name"),
        "amount",
        "rate",
        (gettext_lazy("用途"), "purpose"),
        (gettext_lazy("节约成本(万元)"), "cost_saved"),
    ],
    labels={"area": gettext_lazy("借款人所在村")},
    targets={"product": r.reach(LoanProduct, forms.products_for)},
    search_fields=("borrower",),
    kind_field="purpose",
    prepare=services.loan_values,
    ordering=("-issued_on",),
)
