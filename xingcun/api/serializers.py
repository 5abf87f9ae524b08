"""Serializers derived from the register declarations: one output and one input shape per
register, built from the register's own form fields (nothing here restates a model field)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models
from rest_framework import serializers

from xingcun.core import masking
from xingcun.core.registry import Registry

FILE_FIELDS = (forms.FileField,)


def writable_fields(registry: Registry) -> dict[str, forms.Field]:
    """The form fields the API reads and writes (files are uploaded on the pages)."""
    return {
        name: field
        for name, field in registry.form_class.base_fields.items()
        if not isinstance(field, FILE_FIELDS)
    }


def maskable(registry: Registry, name: str) -> bool:
    return name in masking.ALWAYS_MASKED or name == "phone" or name in registry.pii_columns


def _component(registry: Registry, suffix: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_]", registry.key)) + suffix


def _model_field(registry: Registry, name: str) -> Any:
    try:
        return registry.model._meta.get_field(name)
    except Exception:  # a form-only field (no model field behind it)
        return None


def _input_field(field: forms.Field) -> serializers.Field:
    common: dict[str, Any] = {
        "required": False,
        "help_text": str(field.help_text or field.label or ""),
    }
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=not field.required, **common)
    if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
        choices = [value for value, _ in list(field.choices) if value not in ("", None)]  # type: ignore[arg-type]
        return serializers.ChoiceField(
            choices=choices, allow_blank=not field.required, allow_null=not field.required, **common
        )
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return serializers.BooleanField(**common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            allow_null=not field.required,
            min_value=getattr(field, "min_value", None),
            max_value=getattr(field, "max_value", None),
            **common,
        )
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            allow_null=not field.required,
            **common,
        )
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=not field.required, **common)
    if isinstance(field, forms.JSONField):
        return serializers.JSONField(**common)
    return serializers.CharField(
        allow_blank=not field.required,
        allow_null=not field.required,
        max_length=getattr(field, "max_length", None),
        **common,
    )


def _output_field(registry: Registry, name: str, field: forms.Field) -> serializers.Field:
    mf = _model_field(registry, name)
    nullable = mf is None or bool(getattr(mf, "null", True))
    common: dict[str, Any] = {"read_only": True, "help_text": str(field.label or "")}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=nullable, **common)
    if maskable(registry, name):  # masked to text (a year, a prefix) for viewers without the right
        return serializers.CharField(allow_null=True, **common)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return serializers.BooleanField(allow_null=nullable, **common)
    if isinstance(field, forms.TypedChoiceField) and isinstance(mf, models.IntegerField):
        return serializers.IntegerField(allow_null=nullable, **common)
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.TypedChoiceField):
        return serializers.IntegerField(allow_null=nullable, **common)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=None, decimal_places=None, allow_null=nullable, **common
        )
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=nullable, **common)
    if isinstance(field, forms.JSONField):
        return serializers.JSONField(**common)
    return serializers.CharField(allow_null=True, **common)


_made: dict[tuple[str, str], type[serializers.Serializer[Any]]] = {}


def _once(
    kind: str, registry: Registry, build: Callable[[], type[serializers.Serializer[Any]]]
) -> type[serializers.Serializer[Any]]:
    """One class per register and shape: the OpenAPI components are named after them."""
    if (registry.key, kind) not in _made:
        _made[registry.key, kind] = build()
    return _made[registry.key, kind]


def record_serializer(registry: Registry) -> type[serializers.Serializer[Any]]:
    """The shape of one record as the API returns it."""
    return _once("record", registry, lambda: _record_serializer(registry))


def _record_serializer(registry: Registry) -> type[serializers.Serializer[Any]]:
    attrs: dict[str, Any] = {
        "id": serializers.IntegerField(read_only=True),
        "display": serializers.CharField(read_only=True, help_text="The record's name"),
    }
    for name, field in writable_fields(registry).items():
        attrs[name] = _output_field(registry, name, field)
    attrs["Meta"] = type("Meta", (), {"ref_name": _component(registry, "Record")})
    return type(_component(registry, "Record"), (serializers.Serializer,), attrs)


def input_serializer(registry: Registry, *, partial: bool) -> type[serializers.Serializer[Any]]:
    """The shape of a create (required fields required) or partial update (all optional)."""
    return _once(f"input{partial}", registry, lambda: _input_serializer(registry, partial))


def _input_serializer(registry: Registry, partial: bool) -> type[serializers.Serializer[Any]]:
    attrs: dict[str, Any] = {}
    for name, field in writable_fields(registry).items():
        attrs[name] = _input_field(field)
        if not partial and field.required:
            attrs[name].required = True
    suffix = "Patch" if partial else "Input"
    attrs["Meta"] = type("Meta", (), {"ref_name": _component(registry, suffix)})
    return type(_component(registry, suffix), (serializers.Serializer,), attrs)


def page_serializer(registry: Registry) -> type[serializers.Serializer[Any]]:
    return _once("page", registry, lambda: _page_serializer(registry))


def _page_serializer(registry: Registry) -> type[serializers.Serializer[Any]]:
    attrs: dict[str, Any] = {
        "next": serializers.CharField(allow_null=True, help_text="URL of the next page"),
        "previous": serializers.CharField(allow_null=True, help_text="URL of the previous page"),
        "results": record_serializer(registry)(many=True),
        "Meta": type("Meta", (), {"ref_name": _component(registry, "Page")}),
    }
    return type(_component(registry, "Page"), (serializers.Serializer,), attrs)


def bulk_serializer(registry: Registry) -> type[serializers.Serializer[Any]]:
    """Rows as in the register's import file: each key a column's field, each value a cell."""
    return _once("bulk", registry, lambda: _bulk_serializer(registry))


def _bulk_serializer(registry: Registry) -> type[serializers.Serializer[Any]]:
    cells: dict[str, Any] = {
        column.field: serializers.CharField(
            required=False, allow_blank=True, help_text=f"{column.header}（{column.kind}）"
        )
        for column in registry.columns
        if not column.readonly
    }
    cells["Meta"] = type("Meta", (), {"ref_name": _component(registry, "BulkRow")})
    row = type(_component(registry, "BulkRow"), (serializers.Serializer,), cells)
    attrs: dict[str, Any] = {
        "rows": row(many=True),
        "Meta": type("Meta", (), {"ref_name": _component(registry, "Bulk")}),
    }
    return type(_component(registry, "Bulk"), (serializers.Serializer,), attrs)


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.CharField(), required=False)
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class BulkResultSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.CharField())
