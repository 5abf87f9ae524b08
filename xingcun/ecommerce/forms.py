from __future__ import annotations

from typing import Any, cast

from django import forms

from xingcun.ecommerce import selectors
from xingcun.ecommerce.models import (
    NewFarmerBranch,
    TaobaoRule,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
