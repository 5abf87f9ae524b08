from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from xingcun.core.forms import DateField, area_label
from xingcun.core.models import Area
from xingcun.finance.models import Loan, LoanProduct


def products_for(area: Any) -> Any:
    """Loan products of the district's banks, above a town or village user: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return LoanProduct.objects.inherited().filter(area__path__in=prefixes).select_related("bank")


class LoanEntryForm(forms.Form):
    """A loan entered by a bank's own login (or district/town staff) on the 政银共建 page."""

    village = forms.ModelChoiceField(queryset=Area.tree.none(), label=gettext_lazy("借款人所在村"))
    product = forms.ModelChoiceField(
        queryset=LoanProduct.objects.none(), label=gettext_lazy("金融产品")
    )
    borrower_kind = forms.ChoiceField(
        choices=Loan.Borrower.choices, label=gettext_lazy("借款人类型")
    )
    borrower = forms.CharField(max_length=64, label=gettext_lazy("借款人"))
    amount = forms.DecimalField(max_digits=14, decimal_places=2, label=gettext_lazy("金额(万元)"))
    rate = forms.DecimalField(
        max_digits=6,
        decimal_places=3,
        required=False,
        label=gettext_lazy("年利率(%)"),
        help_text=gettext_lazy("留空取产品利率"),
    )
    issued_on = DateField(label=gettext_lazy("发放日期"))
    term_months = forms.IntegerField(min_value=1, required=False, label=gettext_lazy("期限(月)"))
    purpose = forms.ChoiceField(choices=Loan.Purpose.choices, label=gettext_lazy("用途类别"))
    note = forms.CharField(max_length=100, required=False, label=gettext_lazy("用途说明"))

    def __init__(self, *args: Any, area: Area, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        village: Any = self.fields["village"]
        village.queryset = Area.objects.filter(
            path__startswith=area.path, level=Area.Level.VILLAGE
        ).order_by("code")
        village.label_from_instance = area_label
        product: Any = self.fields["product"]
        product.queryset = products
