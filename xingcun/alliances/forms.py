from __future__ import annotations

from typing import Any, cast

from django import forms

from xingcun.alliances.models import (
    Alliance,
    AllianceMember,
    AllianceProject,
    SharedResource,
    Steward,
    TownTourism,
)
from xingcun.core.forms import ScopedModelForm, scoped_formfield

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AllianceForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = Alliance
        fields = [
            "code",
            "name",
            "brand",
            "area",
            "lead",
            "founded_on",
            "dissolved_on",
            "uses_stewards",
            "purpose",
        ]
        formfield_callback = scoped_formfield


class AllianceMemberForm(ScopedModelForm):
    class Meta:
        model = AllianceMember
        fields = ["alliance", "organisation", "joined_on", "left_on", "left_reason"]
        formfield_callback = scoped_formfield


class SharedResourceForm(ScopedModelForm):
    class Meta:
        model = SharedResource
        fields = ["alliance", "kind", "name", "provider", "description"]
        formfield_callback = scoped_formfield


class StewardForm(ScopedModelForm):
    class Meta:
        model = Steward
        fields = ["alliance", "role", "name", "person", "duties"]
        formfield_callback = scoped_formfield


class AllianceProjectForm(ScopedModelForm):
    class Meta:
        model = AllianceProject
        fields = ["alliance", "project", "note"]
        formfield_callback = scoped_formfield


class TownTourismForm(ScopedModelForm):
    area_levels = {"area": {4}}

    class Meta:
        model = TownTourism
        fields = ["area", "year", "visitors", "revenue"]
        formfield_callback = scoped_formfield


# --- page forms -----------------------------------------------------------------------------------


class MemberAddForm(forms.Form):
    """Members are village organisations (党委、党总支、党支部 of a village or community)."""

    organisation = forms.ModelChoiceField(label="成员党组织", queryset=Alliance.objects.none())
    joined_on = forms.DateField(label="加入日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        from xingcun.pairing.selectors import village_organisations

        field = cast("forms.ModelChoiceField[Any]", self.fields["organisation"])
        field.queryset = village_organisations(on=timezone.localdate()).order_by("area__code")


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label="退出日期", widget=DATE)
    reason = forms.CharField(label="退出原因", max_length=200)


class ProjectLinkForm(forms.Form):
    project = forms.ModelChoiceField(label="项目", queryset=Alliance.objects.none())
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args: Any, alliance: Alliance, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xingcun.projects.models import Project

        field = cast("forms.ModelChoiceField[Any]", self.fields["project"])
        field.queryset = (
            Project.objects.filter(area__path__startswith=alliance.area.path)
            .exclude(alliance_links__alliance=alliance)
            .order_by("-signed_on", "code")
        )
