from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from xingcun.indicators.engine import FIRST_YEAR, Period


class YearForm(forms.Form):
    """The year a page shows (GET); missing or invalid falls back to the default year."""

    year = forms.IntegerField(min_value=2000, required=False)

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year + 1:
            raise forms.ValidationError(gettext("年度不能晚于明年"))
        return year

    def year_or(self, default: int) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return default


class FreezeForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("期间"),
        max_length=7,
        help_text=gettext_lazy("年度如 2020；截至某月底如 2020-06"),
    )
    note = forms.CharField(label=gettext_lazy("说明"), max_length=200, required=False)

    def clean_period(self) -> Period:
        try:
            period = Period.parse(self.cleaned_data["period"])
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e
        if period.end.year < FIRST_YEAR or period.start > timezone.localdate():
            raise forms.ValidationError(gettext("不能冻结尚未开始的期间"))
        return period

    def cleaned(self) -> dict[str, Any]:
        return {"period": self.cleaned_data["period"], "note": self.cleaned_data["note"]}
