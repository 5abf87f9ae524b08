from __future__ import annotations

from typing import Any

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.core.permissions import Role
from xingcun.orders.forms import role_users_in_scope, scope_area
from xingcun.universities.models import Dispatch, Programme, University


def programmes_for(area: Any) -> Any:
    """Programmes of the district, above a town user's node: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return Programme.unscoped.filter(area__path__in=prefixes).select_related("university")


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
