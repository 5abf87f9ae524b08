"""The audit log: every create, update and delete goes through `log()`.

The path of a write (page, import, command, admin) comes from a context variable that the entry
point sets once: the request middleware leaves the default "page", the import framework, commands
and the admin set their own with `via(...)`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db import models

from xingcun.core.models import Area, AuditEntry, AuditTarget

_via: contextvars.ContextVar[str] = contextvars.ContextVar("audit_via", default="page")


@contextmanager
def via(path: str) -> Iterator[None]:
    token = _via.set(path)
    try:
        yield
    finally:
        _via.reset(token)


def current_via() -> str:
    return _via.get()


def plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if hasattr(value, "name"):  # files
        return str(value.name)
    return str(value)


def snapshot(obj: models.Model | None) -> dict[str, Any]:
    """Field values of a row, for diffing before and after a change (none for no row)."""
    data: dict[str, Any] = {}
    if obj is None:
        return data
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at", "id"}:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation:
            data[field.name] = value
        elif isinstance(field, models.DecimalField) and value is not None:
            # Compare 42.5 and 42.50 as equal: quantize to the column's scale first.
            data[field.name] = str(
                Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
            )
        else:
            data[field.name] = plain(getattr(obj, field.attname))
    if obj.pk:
        for m2m in obj._meta.many_to_many:
            data[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def area_of(obj: models.Model | None) -> Area | None:
    if obj is None:
        return None
    if isinstance(obj, Area):
        return obj
    area_id = getattr(obj, "area_id", None)
    return Area.tree.filter(pk=area_id).first() if area_id else None


def log(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    area: Area | None = None,
    via_path: str | None = None,
) -> AuditEntry:
    user = (
        actor if getattr(actor, "pk", None) and getattr(actor, "is_authenticated", False) else None
    )
    entry = AuditEntry(
        actor=user,
        actor_name=str(actor) if actor is not None else "system",
        action=action,
        via=via_path or current_via(),
        area=area or area_of(obj),
        model=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
    )
    entry.save()
    return entry


def link(entry: AuditEntry, objs: list[models.Model]) -> None:
    """Attach the records that one entry (an import) touched, so each record's page shows it."""
    AuditTarget.objects.bulk_create(
        AuditTarget(entry=entry, model=o._meta.label_lower, object_id=str(o.pk)) for o in objs
    )


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Audit entries of one record, including imports that touched it."""
    label, pk = obj._meta.label_lower, str(obj.pk)
    return (
        AuditEntry.objects.filter(
            models.Q(model=label, object_id=pk)
            | models.Q(targets__model=label, targets__object_id=pk)
        )
        .distinct()
        .select_related("actor")
    )
