from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from xingcun.core.forms import DateField
from xingcun.operators.models import (
    OperatorTeam,
    TalentKind,
)


def _above(model: Any, area: Any) -> Any:
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return model.objects.inherited().filter(area__path__in=prefixes)


def teams_for(area: Any) -> Any:
    """Teams recruited by the district, above a town or village user: widened on purpose."""
    return _above(OperatorTeam, area)


def talent_kinds_for(area: Any) -> Any:
    return _above(TalentKind, area)


class ResultForm(forms.Form):
    period_end = DateField(label=gettext_lazy("统计截止日期"))
    businesses = forms.IntegerField(label=gettext_lazy("以商招商(家)"), min_value=0)
    note = forms.CharField(label=gettext_lazy("说明"), max_length=200, required=False)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    score = forms.DecimalField(
        label=gettext_lazy("考核得分"), min_value=0, max_value=100, decimal_places=1
    )
    reward = forms.DecimalField(
        label=gettext_lazy("奖励(万元)"), min_value=0, decimal_places=2, required=False
    )
    comment = forms.CharField(label=gettext_lazy("考核意见"), max_length=200, required=False)


class TerminateForm(forms.Form):
    on = DateField(label=gettext_lazy("解约日期"))
    reason = forms.CharField(label=gettext_lazy("解约原因"), max_length=200)
