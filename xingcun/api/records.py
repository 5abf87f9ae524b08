"""A register's records as JSON, and JSON written back through the register's own form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from xingcun.api.serializers import maskable, writable_fields
from xingcun.core import masking
from xingcun.core.registry import Registry


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def represent(registry: Registry, obj: models.Model, *, show_pii: bool) -> dict[str, Any]:
    """One record: the form's fields by name, references as ids; personal values masked for a
    viewer without the right, exactly as the detail page masks them (core.masking)."""
    data: dict[str, Any] = {"id": obj.pk, "display": str(obj)}
    m2m = {f.name for f in obj._meta.many_to_many}
    for name in writable_fields(registry):
        if name in m2m:
            data[name] = sorted(o.pk for o in getattr(obj, name).all())
            continue
        field: Any = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        personal = name == "phone" or name in registry.pii_columns
        if not show_pii and not field.is_relation:
            value = masking.cell(name, value, personal=personal)
        value = _plain(value)
        if maskable(registry, name) and value is not None and not field.is_relation:
            value = str(value)
        data[name] = value
    if not show_pii:
        data["display"] = masking.text(data["display"])
    return data


def form_data(
    registry: Registry, obj: models.Model | None, given: dict[str, Any]
) -> dict[str, Any]:
    """The data the register's form is bound with: the stored values (a partial update keeps
    what it does not name), then the values given."""
    data: dict[str, Any] = {}
    if obj is not None and obj.pk is not None:
        stored = represent(registry, obj, show_pii=True)
        data.update({k: v for k, v in stored.items() if k not in {"id", "display"}})
    fields = writable_fields(registry)
    data.update({name: value for name, value in given.items() if name in fields})
    return {k: ("" if v is None else v) for k, v in data.items()}
