from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from xingcun.ratings.models import Dimension


class ScoresForm(forms.Form):
    """One score (0–100) per dimension of the scheme, and a note."""

    note = forms.CharField(
        label=_("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, dimensions: list[Dimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        for dim in dimensions:
            self.fields[f"dim_{dim.code}"] = forms.DecimalField(
                label=gettext("%(name)s（权重%(weight)s%%）")
                % {"name": dim.name, "weight": f"{dim.weight.normalize():f}"},
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                help_text=dim.description,
            )
        self.order_fields([*(f"dim_{d.code}" for d in dimensions), "note"])

    def scores(self) -> dict[str, Any]:
        return {d.code: self.cleaned_data[f"dim_{d.code}"] for d in self.dimensions}


class ConfirmForm(forms.Form):
    star = forms.TypedChoiceField(
        label=_("确认星级"),
        coerce=int,
        choices=[
            (5, gettext_lazy("五星")),
            (4, gettext_lazy("四星")),
            (3, gettext_lazy("三星")),
            (2, gettext_lazy("二星")),
            (1, gettext_lazy("一星")),
            (0, gettext_lazy("未定星")),
        ],
    )
    note = forms.CharField(label=_("区委意见"), max_length=500, required=False)
