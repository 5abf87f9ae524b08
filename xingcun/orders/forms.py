from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from xingcun.core.forms import DateField, area_label
from xingcun.core.models import Area
from xingcun.orders import selectors
from xingcun.orders.models import (
    Expert,
    ServiceCategory,
    ServiceOrder,
    ServiceTeam,
)


class OrderForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.tree.none(), label=gettext_lazy("点单村社"))
    category = forms.ModelChoiceField(
        queryset=ServiceCategory.objects.none(), label=gettext_lazy("服务类别")
    )
    need = forms.CharField(label=gettext_lazy("服务需求"), widget=forms.Textarea(attrs={"rows": 4}))
    preferred_from = DateField(label=gettext_lazy("期望开始日期"), required=False)
    preferred_to = DateField(label=gettext_lazy("期望结束日期"), required=False)

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Area.objects.filter(level=Area.Level.VILLAGE).order_by("code")
        village_field: Any = self.fields["village"]
        village_field.queryset = villages
        village_field.label_from_instance = area_label
        if area.level == Area.Level.VILLAGE:
            village_field.initial = area.pk
        category_field: Any = self.fields["category"]
        category_field.queryset = selectors.category_choices_for(area)


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(
        queryset=Expert.objects.none(), required=False, label=gettext_lazy("专家")
    )
    team = forms.ModelChoiceField(
        queryset=ServiceTeam.objects.none(), required=False, label=gettext_lazy("服务队")
    )

    def __init__(self, *args: Any, order: ServiceOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        expert_field: Any = self.fields["expert"]
        expert_field.queryset = selectors.expert_choices_for(order.area)
        team_field: Any = self.fields["team"]
        team_field.queryset = selectors.team_choices_for(order.area)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("退回原因"), max_length=200)


class DeliverForm(forms.Form):
    delivered_on = DateField(label=gettext_lazy("服务日期"))
    villages = forms.ModelMultipleChoiceField(
        queryset=Area.tree.none(), required=False, label=gettext_lazy("服务村社（不选则为点单村）")
    )
    beneficiaries = forms.IntegerField(label=gettext_lazy("受益人次"), min_value=0)
    problems = forms.CharField(
        label=gettext_lazy("解决的问题（每行一个）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(
        label=gettext_lazy("服务情况"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, order: ServiceOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district_path = "/".join(order.area.path.split("/")[:4]) + "/"
        field: Any = self.fields["villages"]
        # An expert serves villages across the district, above the expert's own scope.
        field.queryset = Area.tree.filter(
            path__startswith=district_path, level=Area.Level.VILLAGE
        ).order_by("code")
        field.label_from_instance = area_label

    def problem_lines(self) -> list[str]:
        return [line for line in self.cleaned_data.get("problems", "").splitlines() if line.strip()]


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("评分"),
        coerce=int,
        choices=[(i, format_lazy("{}{}", i, gettext_lazy("分"))) for i in range(5, 0, -1)],
    )
    comment = forms.CharField(label=gettext_lazy("评价意见"), max_length=200, required=False)
