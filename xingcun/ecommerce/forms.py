from __future__ import annotations

from typing import Any, cast

from django import forms

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.ecommerce import selectors
from xingcun.ecommerce.models import (
    EcommerceRecord,
    NewFarmerBranch,
    NewFarmerProject,
    Replication,
    TaobaoRule,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EcommerceRecordForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = EcommerceRecord
        fields = [
            "area",
            "year",
            "online_shops",
            "active_shops",
            "online_sales",
            "ecommerce_households",
            "has_taobao_branch",
            "has_association",
            "has_cooperative",
            "note",
        ]
        formfield_callback = scoped_formfield


class TaobaoRuleForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = TaobaoRule
        fields = [
            "area",
            "name",
            "valid_from",
            "valid_to",
            "village_min_sales",
            "village_min_active_shops",
            "village_min_household_share",
            "town_min_villages",
            "town_min_sales",
            "town_min_shops",
            "basis",
        ]
        formfield_callback = scoped_formfield


class ReplicationForm(ScopedModelForm):
    area_levels = {"area": {3, 4}, "source": {5}}

    class Meta:
        model = Replication
        fields = ["area", "region", "replicated_on", "how", "source"]
        formfield_callback = scoped_formfield


class NewFarmerBranchForm(ScopedModelForm):
    class Meta:
        model = NewFarmerBranch
        fields = ["organisation", "sponsor", "focus"]
        formfield_callback = scoped_formfield


class NewFarmerProjectForm(ScopedModelForm):
    class Meta:
        model = NewFarmerProject
        fields = ["branch", "project", "member"]
        formfield_callback = scoped_formfield


# --- page forms -----------------------------------------------------------------------------------


class JoinForm(forms.Form):
    member = forms.ModelChoiceField(label="返乡创业党员", queryset=TaobaoRule.objects.none())
    joined_on = forms.DateField(label="加入日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Any]", self.fields["member"])
        field.queryset = selectors.entrepreneurs()


class ProjectLinkForm(forms.Form):
    project = forms.ModelChoiceField(label="项目", queryset=TaobaoRule.objects.none())
    member = forms.ModelChoiceField(
        label="创业党员", queryset=TaobaoRule.objects.none(), required=False
    )

    def __init__(self, *args: Any, branch: NewFarmerBranch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xingcun.people.models import PartyMember
        from xingcun.projects.models import Project

        project = cast("forms.ModelChoiceField[Any]", self.fields["project"])
        project.queryset = Project.objects.order_by("-signed_on", "code")
        member = cast("forms.ModelChoiceField[Any]", self.fields["member"])
        member.queryset = PartyMember.objects.filter(
            branch_memberships__organisation=branch.organisation
        ).select_related("person")
