from __future__ import annotations

from typing import Any

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.core.permissions import Role
from xingcun.finance.models import Bank, BankAgreement, Loan, LoanProduct, RateRule
from xingcun.orders.forms import role_users_in_scope, scope_area


def products_for(area: Any) -> Any:
    """Loan products of the district's banks, above a town or village user: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return LoanProduct.unscoped.filter(area__path__in=prefixes).select_related("bank")


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
