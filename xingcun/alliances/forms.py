from __future__ import annotations

from typing import Any, cast

from django import forms

from xingcun.alliances.models import (
    Alliance,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
