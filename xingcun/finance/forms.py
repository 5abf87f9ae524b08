from __future__ import annotations

from typing import Any

from django import forms

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core.forms import ScopedModelForm, area_label, scoped_formfield
from xingcun.core.models import Area
from xingcun.core.permissions import Role
from xingcun.core.scoping import scope_area
from xingcun.finance.models import Bank, BankAgreement, Loan, LoanProduct, RateRule


def products_for(area: Any) -> Any:
    """Loan products of the district's banks, above a town or village user: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return LoanProduct.objects.inherited().filter(area__path__in=prefixes).select_related("bank")


class BankForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = Bank
        fields = ["area", "name", "contact", "users"]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = role_users_in_scope(Role.PARTNER)  # type: ignore[attr-defined]


class AgreementForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = BankAgreement
        fields = ["area", "bank", "title", "signed_on", "ends_on", "special_fund", "content"]
        formfield_callback = scoped_formfield


class LoanProductForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = LoanProduct
        fields = ["area", "bank", "name", "purpose", "rate", "term_months"]
        formfield_callback = scoped_formfield


class RateRuleForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = RateRule
        fields = ["area", "year", "reference_rate", "max_rate", "basis"]
        formfield_callback = scoped_formfield


class LoanForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = Loan
        fields = [
            "area",
            "product",
            "borrower_kind",
            "borrower",
            "amount",
            "rate",
            "issued_on",
            "term_months",
            "purpose",
            "note",
        ]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].label = "借款人所在村"
        area = scope_area()
        if area is not None:
            self.fields["product"].queryset = products_for(area)  # type: ignore[attr-defined]


class LoanEntryForm(forms.Form):
    """A loan entered by a bank's own login (or district/town staff) on the 政银共建 page."""

    village = forms.ModelChoiceField(queryset=Area.tree.none(), label="借款人所在村")
    product = forms.ModelChoiceField(queryset=LoanProduct.objects.none(), label="金融产品")
    borrower_kind = forms.ChoiceField(choices=Loan.Borrower.choices, label="借款人类型")
    borrower = forms.CharField(max_length=64, label="借款人")
    amount = forms.DecimalField(max_digits=14, decimal_places=2, label="金额(万元)")
    rate = forms.DecimalField(
        max_digits=6,
        decimal_places=3,
        required=False,
        label="年利率(%)",
        help_text="留空取产品利率",
    )
    issued_on = forms.DateField(label="发放日期", widget=forms.DateInput(attrs={"type": "date"}))
    term_months = forms.IntegerField(min_value=1, required=False, label="期限(月)")
    purpose = forms.ChoiceField(choices=Loan.Purpose.choices, label="用途类别")
    note = forms.CharField(max_length=100, required=False, label="用途说明")

    def __init__(self, *args: Any, area: Area, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        village: Any = self.fields["village"]
        village.queryset = Area.objects.filter(
            path__startswith=area.path, level=Area.Level.VILLAGE
        ).order_by("code")
        village.label_from_instance = area_label
        product: Any = self.fields["product"]
        product.queryset = products
