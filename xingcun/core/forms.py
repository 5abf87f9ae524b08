"""Form helpers: relation fields get their (scoped) querysets at request time, never at import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from xingcun.core.models import Area


def scoped_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Meta.formfield_callback: relation fields start empty; ScopedModelForm fills them."""
    if isinstance(field, models.ForeignKey | models.ManyToManyField):
        # Django's own formfield() would touch the scoped manager at import time; build it here.
        related = field.remote_field.model
        form_class = (
            forms.ModelMultipleChoiceField
            if isinstance(field, models.ManyToManyField)
            else forms.ModelChoiceField
        )
        return form_class(
            queryset=related._default_manager.none(),
            required=not field.blank,
            label=str(field.verbose_name),
            help_text=field.help_text,
        )
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    return field.formfield(**kwargs)


class ScopedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """Relation choices come from each model's scoped manager, so only the user's jurisdiction is
    offered; `area_levels` narrows Area choices by level (e.g. villages only)."""

    area_levels: dict[str, set[int]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = self._meta.model._meta.get_field(name).remote_field.model
            qs = model._default_manager.all()
            if model is Area and name in self.area_levels:
                qs = qs.filter(level__in=self.area_levels[name])
            field.queryset = qs
            if model is Area:
                field.label_from_instance = area_label  # type: ignore[method-assign,assignment]


def area_label(area: Area) -> str:
    return f"{area.code} {area.display_name}"
