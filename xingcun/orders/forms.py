from __future__ import annotations

from typing import Any

from django import forms

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core.forms import ScopedModelForm, area_label, scoped_formfield
from xingcun.core.models import Area
from xingcun.core.scoping import scope_area
from xingcun.orders import selectors
from xingcun.orders.models import (
    DemonstrationProject,
    Expert,
    OrderRule,
    ServiceCategory,
    ServiceOrder,
    ServiceTeam,
)


class ServiceCategoryForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = ServiceCategory
        fields = ["area", "name", "keywords", "position", "valid_from", "valid_to"]
        formfield_callback = scoped_formfield


class OrderRuleForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = OrderRule
        fields = ["area", "name", "valid_from", "valid_to", "accept_days", "deliver_days"]
        formfield_callback = scoped_formfield


class ServiceTeamForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = ServiceTeam
        fields = ["area", "name", "category", "leader", "formed_on", "dissolved_on"]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = scope_area()
        if area is not None:  # the catalogue lives at the district, above a town user
            self.fields["category"].queryset = selectors.category_choices_for(area)  # type: ignore[attr-defined]


class ExpertForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = Expert
        fields = [
            "code",
            "name",
            "area",
            "unit",
            "specialty",
            "chief_field",
            "phone",
            "teams",
            "user",
        ]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xingcun.core.permissions import Role

        self.fields["user"].queryset = role_users_in_scope(Role.EXPERT)  # type: ignore[attr-defined]
        self.fields["user"].help_text = "持有“专家”角色的账号；专家用它登录查看和处理派给自己的点单"


class DemonstrationProjectForm(ScopedModelForm):
    area_levels = {"area": {4, 5}}

    class Meta:
        model = DemonstrationProject
        fields = [
            "name",
            "area",
            "expert",
            "crop",
            "year",
            "area_mu",
            "yield_per_mu",
            "output_value",
            "income_increase",
        ]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = scope_area()
        if area is not None:
            self.fields["expert"].queryset = selectors.expert_choices_for(area)  # type: ignore[attr-defined]


class OrderForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.tree.none(), label="点单村社")
    category = forms.ModelChoiceField(queryset=ServiceCategory.objects.none(), label="服务类别")
    need = forms.CharField(label="服务需求", widget=forms.Textarea(attrs={"rows": 4}))
    preferred_from = forms.DateField(
        label="期望开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    preferred_to = forms.DateField(
        label="期望结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

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
    expert = forms.ModelChoiceField(queryset=Expert.objects.none(), required=False, label="专家")
    team = forms.ModelChoiceField(
        queryset=ServiceTeam.objects.none(), required=False, label="服务队"
    )

    def __init__(self, *args: Any, order: ServiceOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        expert_field: Any = self.fields["expert"]
        expert_field.queryset = selectors.expert_choices_for(order.area)
        team_field: Any = self.fields["team"]
        team_field.queryset = selectors.team_choices_for(order.area)


class DeclineForm(forms.Form):
    reason = forms.CharField(label="退回原因", max_length=200)


class DeliverForm(forms.Form):
    delivered_on = forms.DateField(label="服务日期", widget=forms.DateInput(attrs={"type": "date"}))
    villages = forms.ModelMultipleChoiceField(
        queryset=Area.tree.none(), required=False, label="服务村社（不选则为点单村）"
    )
    beneficiaries = forms.IntegerField(label="受益人次", min_value=0)
    problems = forms.CharField(
        label="解决的问题（每行一个）", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    note = forms.CharField(
        label="服务情况", required=False, widget=forms.Textarea(attrs={"rows": 3})
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
        label="评分", coerce=int, choices=[(i, f"{i}分") for i in range(5, 0, -1)]
    )
    comment = forms.CharField(label="评价意见", max_length=200, required=False)
