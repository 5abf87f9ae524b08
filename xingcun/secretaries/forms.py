from __future__ import annotations

from typing import Any

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.core.scoping import scope_area
from xingcun.secretaries.models import (
    AssessmentScheme,
    FirstSecretary,
    Measure,
    SecretaryAssessment,
    SecretaryFund,
    SecretaryProject,
    WeakRemovalPlan,
)


def measure_choices_for(area: Any) -> Any:
    """The district's catalogues, above a town user's node: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return Measure.objects.inherited().filter(
        area__path__in=prefixes
    ) | Measure.objects.inherited().filter(area__path__startswith=area.path)


class MeasureForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = Measure
        fields = ["area", "catalogue", "number", "title", "valid_from", "valid_to"]
        formfield_callback = scoped_formfield


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


class SecretaryProjectForm(ScopedModelForm):
    class Meta:
        model = SecretaryProject
        fields = ["secretary", "project"]
        formfield_callback = scoped_formfield


class SecretaryFundForm(ScopedModelForm):
    class Meta:
        model = SecretaryFund
        fields = ["secretary", "received_on", "amount", "source", "purpose"]
        formfield_callback = scoped_formfield


class AssessmentSchemeForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = AssessmentScheme
        fields = [
            "area",
            "name",
            "valid_from",
            "valid_to",
            "town_max",
            "mass_max",
            "team_max",
            "excellent_from",
            "competent_from",
            "basic_from",
        ]
        formfield_callback = scoped_formfield


class SecretaryAssessmentForm(ScopedModelForm):
    class Meta:
        model = SecretaryAssessment
        fields = ["secretary", "year", "town_score", "mass_score", "team_score"]
        formfield_callback = scoped_formfield


class WeakRemovalPlanForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = WeakRemovalPlan
        fields = ["area", "name", "baseline_year", "target_year"]
        formfield_callback = scoped_formfield
