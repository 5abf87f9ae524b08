from __future__ import annotations

from typing import Any

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.orders.forms import scope_area
from xingcun.secretaries.models import (
    FirstSecretary,
    Measure,
)


def measure_choices_for(area: Any) -> Any:
    """The district's catalogues, above a town user's node: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return Measure.unscoped.filter(area__path__in=prefixes) | Measure.unscoped.filter(
        area__path__startswith=area.path
    )


class FirstSecretaryForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = FirstSecretary
        fields = ["person", "area", "sending_unit", "started_on", "ended_on", "measures"]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].label = "派驻村"
        area = scope_area()
        if area is not None:
            self.fields["measures"].queryset = measure_choices_for(area).order_by(  # type: ignore[attr-defined]
                "catalogue", "number"
            )
