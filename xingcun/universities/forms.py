from __future__ import annotations

from typing import Any

from django import forms

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core.forms import ScopedModelForm, area_label, scoped_formfield
from xingcun.core.models import Area
from xingcun.core.permissions import Role
from xingcun.core.scoping import scope_area
from xingcun.universities.models import Dispatch, Programme, University


def programmes_for(area: Any) -> Any:
    """Programmes of the district, above a town user's node: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return (
        Programme.objects.inherited().filter(area__path__in=prefixes).select_related("university")
    )


class UniversityForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = University
        fields = ["area", "name", "users"]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = role_users_in_scope(Role.PARTNER)  # type: ignore[attr-defined]


class ProgrammeForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = Programme
        fields = [
            "area",
            "university",
            "name",
            "start_year",
            "end_year",
            "target_commissioners",
            "target_experts",
            "target_students",
        ]
        formfield_callback = scoped_formfield


class DispatchForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = Dispatch
        fields = [
            "programme",
            "area",
            "kind",
            "name",
            "headcount",
            "started_on",
            "ended_on",
            "work_done",
        ]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].label = "派驻村"
        area = scope_area()
        if area is not None:
            self.fields["programme"].queryset = programmes_for(area)  # type: ignore[attr-defined]


class DispatchEntryForm(forms.Form):
    """A dispatch entered by a university's own login (or staff) on the 科技进乡村 page."""

    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label="活动")
    village = forms.ModelChoiceField(queryset=Area.tree.none(), label="派驻村")
    kind = forms.ChoiceField(choices=Dispatch.Kind.choices, label="人员类别")
    name = forms.CharField(max_length=64, label="姓名或团队")
    headcount = forms.IntegerField(min_value=1, initial=1, label="人数")
    started_on = forms.DateField(label="开始日期", widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(
        label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    work_done = forms.CharField(
        label="工作内容", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, area: Area, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme: Any = self.fields["programme"]
        programme.queryset = programmes
        village: Any = self.fields["village"]
        # Villages of the user's district, also those outside: the service refuses them clearly.
        county = "/".join(area.path.split("/")[:4]) + "/"
        village.queryset = Area.tree.filter(
            path__startswith=county, level=Area.Level.VILLAGE
        ).order_by("code")
        village.label_from_instance = area_label
