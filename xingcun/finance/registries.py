from __future__ import annotations

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core import registry as r
from xingcun.core.permissions import Role
from xingcun.finance import forms, services
from xingcun.finance.models import Bank, BankAgreement, Loan, LoanProduct, RateRule
from xingcun.finance.permissions import FINANCE_DELETE, FINANCE_EDIT, FINANCE_VIEW

register = r.registrar(section="resources", perms=(FINANCE_VIEW, FINANCE_EDIT, FINANCE_DELETE))

r.reference(LoanProduct, key="name")
DISTRICT = r.F("area", "区划代码", levels=frozenset({3}))

BANKS = register(
    Bank,
    key="banks",
    fields=[DISTRICT, "name", "contact"],
    list_display=[("银行", "name"), "contact"],
    targets={"users": lambda: role_users_in_scope(Role.PARTNER)},
    form_fields=["area", "name", "contact", "users"],
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
        ("协议", "title"),
        ("银行", "bank__name"),
        "signed_on",
        ("专项资金(万元)", "special_fund"),
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
    list_display=[("产品", "name"), ("银行", "bank__name"), "purpose", "rate", "term_months"],
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
    list_display=["year", "reference_rate", ("合理上限(%)", "max_rate"), "basis"],
    ordering=("-year",),
)

LOANS = register(
    Loan,
    key="loans",
    fields=[
        r.F("area", "借款人所在村代码"),
        "product",
        "borrower_kind",
        "borrower",
        r.F("amount", minimum=None),
        r.F("rate", required=False, help="留空则取产品利率", minimum=None),
        "issued_on",
        r.F("term_months", required=False, help="留空则取产品期限", minimum=1),
        "purpose",
        "note",
        r.DecimalColumn("参考利率(%)", "reference_rate", readonly=True, places=3),
        r.DecimalColumn("节约财务成本(万元)", "cost_saved", readonly=True, places=4),
    ],
    list_display=[
        "borrower",
        ("村", "area"),
        ("产品", "product__name"),
        "amount",
        "rate",
        ("用途", "purpose"),
        ("节约成本(万元)", "cost_saved"),
    ],
    labels={"area": "借款人所在村"},
    targets={"product": r.reach(LoanProduct, forms.products_for)},
    search_fields=("borrower",),
    kind_field="purpose",
    prepare=services.loan_values,
    ordering=("-issued_on",),
)
