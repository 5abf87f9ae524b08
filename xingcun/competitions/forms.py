from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from xingcun.competitions import selectors
from xingcun.competitions.models import Competition, CompetitionItem
from xingcun.core.forms import DateField
from xingcun.organisations.models import Organisation


def _choice(form: forms.Form | forms.ModelForm, name: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return cast(forms.ModelChoiceField, form.fields[name])  # type: ignore[type-arg]


class EntryForm(forms.Form):
    group = forms.ModelChoiceField(
        label=gettext_lazy("党小组"), queryset=Organisation.objects.none()
    )
    item = forms.ModelChoiceField(
        label=gettext_lazy("比拼项目"), queryset=CompetitionItem.objects.none()
    )
    title = forms.CharField(label=gettext_lazy("完成事项"), max_length=100)
    points = forms.DecimalField(
        label=gettext_lazy("得分"),
        required=False,
        max_digits=6,
        decimal_places=1,
        help_text=gettext_lazy("留空按项目分值"),
    )
    achieved_on = DateField(label=gettext_lazy("完成日期"))
    evidence = forms.CharField(
        label=gettext_lazy("佐证说明"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_file = forms.FileField(label=gettext_lazy("佐证材料"), required=False)

    def __init__(self, *args: Any, competition: Competition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "group").queryset = (
            Organisation.objects.inherited()
            .filter(pk__in=[g.pk for g in selectors.groups_of(competition.branch)])
            .order_by("code")
        )
        _choice(self, "item").queryset = (
            CompetitionItem.objects.inherited().filter(competition=competition).order_by("id")
        )


class GroupForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("党小组名称"), max_length=100, required=False)


class GroupMemberForm(forms.Form):
    member = forms.ModelChoiceField(
        label=gettext_lazy("党员"), queryset=Organisation.objects.none()
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("党小组"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, branch: Organisation, on: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "member").queryset = selectors.branch_members(branch, on=on)
        _choice(self, "group").queryset = (
            Organisation.objects.inherited()
            .filter(parent=branch, kind=Organisation.Kind.GROUP, dissolved_on__isnull=True)
            .order_by("code")
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("原因"), max_length=200)
