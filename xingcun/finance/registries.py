from __future__ import annotations

from typing import Any

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.finance import forms, services
from xingcun.finance.models import Bank, BankAgreement, Loan, LoanProduct, RateRule


def bank_by_name(name: str) -> Bank | None:
    return Bank.objects.filter(name=name).first()


def product_by_name(name: str) -> Any:
    from xingcun.core.scoping import scope_area

    area = scope_area()
    qs = forms.products_for(area) if area is not None else LoanProduct.objects.all()
    return qs.filter(name=name).first()


BANK_COLUMN = r.RefColumn(
    "合作银行", "bank", required=True, lookup=bank_by_name, key_of=lambda b: b.name, what="合作银行"
)
DISTRICT = r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3}))

BANKS = r.register(
    r.Registry(
        key="banks",
        model=Bank,
        title="合作银行",
        section="resources",
        columns=[
            DISTRICT,
            r.TextColumn("银行名称", "name", required=True, max_length=64),
            r.TextColumn("联系人", "contact", max_length=32),
        ],
        natural_key=("name",),
        form_class=forms.BankForm,
        perm_view=perms.FINANCE_VIEW,
        perm_edit=perms.FINANCE_EDIT,
        perm_delete=perms.FINANCE_DELETE,
        list_columns=[
            r.ListColumn("银行", lambda x: x.name, link=True),
            r.ListColumn("联系人", lambda x: x.contact),
        ],
        search_fields=("name",),
        ordering=("name",),
    )
)

AGREEMENTS = r.register(
    r.Registry(
        key="bank-agreements",
        model=BankAgreement,
        title="政银合作协议",
        section="resources",
        columns=[
            DISTRICT,
            BANK_COLUMN,
            r.TextColumn("协议名称", "title", required=True, max_length=100),
            r.DateColumn("签订日期", "signed_on", required=True),
            r.DateColumn("到期日期", "ends_on", not_future=False),
            r.DecimalColumn("专项扶持资金(万元)", "special_fund"),
            r.TextColumn("合作内容", "content"),
        ],
        natural_key=("bank", "title"),
        form_class=forms.AgreementForm,
        perm_view=perms.FINANCE_VIEW,
        perm_edit=perms.FINANCE_EDIT,
        perm_delete=perms.FINANCE_DELETE,
        list_columns=[
            r.ListColumn("协议", lambda x: x.title, link=True),
            r.ListColumn("银行", lambda x: x.bank.name),
            r.ListColumn("签订日期", lambda x: x.signed_on),
            r.ListColumn("专项资金(万元)", lambda x: x.special_fund),
        ],
        select_related=("area", "bank"),
        ordering=("-signed_on",),
    )
)

PRODUCTS = r.register(
    r.Registry(
        key="loan-products",
        model=LoanProduct,
        title="金融产品",
        section="resources",
        columns=[
            DISTRICT,
            BANK_COLUMN,
            r.TextColumn("产品名称", "name", required=True, max_length=32),
            r.TextColumn("用途", "purpose", required=True, max_length=100),
            r.DecimalColumn("年利率(%)", "rate", required=True, places=3),
            r.IntColumn("期限(月)", "term_months", required=True, minimum=1),
        ],
        natural_key=("bank", "name"),
        form_class=forms.LoanProductForm,
        perm_view=perms.FINANCE_VIEW,
        perm_edit=perms.FINANCE_EDIT,
        perm_delete=perms.FINANCE_DELETE,
        list_columns=[
            r.ListColumn("产品", lambda x: x.name, link=True),
            r.ListColumn("银行", lambda x: x.bank.name),
            r.ListColumn("用途", lambda x: x.purpose),
            r.ListColumn("年利率(%)", lambda x: x.rate),
            r.ListColumn("期限(月)", lambda x: x.term_months),
        ],
        select_related=("area", "bank"),
        ordering=("bank__name", "name"),
    )
)

RATE_RULES = r.register(
    r.Registry(
        key="rate-rules",
        model=RateRule,
        title="参考利率",
        section="resources",
        columns=[
            DISTRICT,
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.DecimalColumn("参考利率(%)", "reference_rate", required=True, places=3),
            r.DecimalColumn("利率合理上限(%)", "max_rate", required=True, places=3),
            r.TextColumn("依据", "basis", max_length=100),
        ],
        natural_key=("area", "year"),
        form_class=forms.RateRuleForm,
        perm_view=perms.FINANCE_VIEW,
        perm_edit=perms.FINANCE_DELETE,
        perm_delete=perms.FINANCE_DELETE,
        list_columns=[
            r.ListColumn("年度", lambda x: x.year, link=True),
            r.ListColumn("参考利率(%)", lambda x: x.reference_rate),
            r.ListColumn("合理上限(%)", lambda x: x.max_rate),
            r.ListColumn("依据", lambda x: x.basis),
        ],
        ordering=("-year",),
    )
)

LOANS = r.register(
    r.Registry(
        key="loans",
        model=Loan,
        title="贷款",
        section="resources",
        columns=[
            r.AreaColumn("借款人所在村代码", "area", required=True),
            r.RefColumn(
                "金融产品",
                "product",
                required=True,
                lookup=product_by_name,
                key_of=lambda p: p.name,
                what="金融产品",
            ),
            r.ChoiceColumn(
                "借款人类型", "borrower_kind", required=True, choices=Loan.Borrower.choices
            ),
            r.TextColumn("借款人", "borrower", required=True, max_length=64),
            r.DecimalColumn("金额(万元)", "amount", required=True, minimum=None),
            r.DecimalColumn("年利率(%)", "rate", places=3, minimum=None, help="留空则取产品利率"),
            r.DateColumn("发放日期", "issued_on", required=True),
            r.IntColumn("期限(月)", "term_months", minimum=1, help="留空则取产品期限"),
            r.ChoiceColumn("用途类别", "purpose", required=True, choices=Loan.Purpose.choices),
            r.TextColumn("用途说明", "note", max_length=100),
            r.DecimalColumn("参考利率(%)", "reference_rate", readonly=True, places=3),
            r.DecimalColumn("节约财务成本(万元)", "cost_saved", readonly=True, places=4),
        ],
        natural_key=("product", "borrower", "issued_on"),
        form_class=forms.LoanForm,
        perm_view=perms.FINANCE_VIEW,
        perm_edit=perms.FINANCE_EDIT,
        perm_delete=perms.FINANCE_DELETE,
        list_columns=[
            r.ListColumn("借款人", lambda x: x.borrower, link=True),
            r.ListColumn("村", lambda x: x.area.display_name),
            r.ListColumn("产品", lambda x: x.product.name),
            r.ListColumn("金额(万元)", lambda x: x.amount),
            r.ListColumn("年利率(%)", lambda x: x.rate),
            r.ListColumn("用途", lambda x: x.get_purpose_display()),
            r.ListColumn("节约成本(万元)", lambda x: x.cost_saved),
        ],
        search_fields=("borrower",),
        kind_field="purpose",
        select_related=("area", "product"),
        prepare=services.loan_values,
        ordering=("-issued_on",),
    )
)
