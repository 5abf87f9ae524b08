"""The lock of accepted data: once the district has accepted a village's report for a period,
the records of that data set, village and period cannot be created, changed or deleted until the
report is returned from above. Every write path (register form, import, admin, services) calls
`check_writable` through the one hook in `xingcun.core.registry.check_writable`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from xingcun.core import datasets
from xingcun.core.models import Area
from xingcun.core.periods import Period, period_of
from xingcun.core.scoping import stored
from xingcun.reporting.models import TaskInstance


def locked_instance(dataset: datasets.DataSet, area: Area, period: Period) -> TaskInstance | None:
    return (
        TaskInstance.objects.filter(
            task__dataset=dataset.key,
            area=area,
            period=period.code,
            status=TaskInstance.Status.ACCEPTED,
        )
        .select_related("task")
        .first()
    )


def _record(obj: Any, path: str | None) -> Any:
    for name in (path or "").split("__"):
        if name:
            obj = getattr(obj, name, None)
            if obj is None:
                return None
    return obj


def _lock_of(obj: models.Model) -> TaskInstance | None:
    for dataset, path in datasets.for_model(type(obj)):
        record = _record(obj, path)
        if record is None:
            continue
        area = getattr(record, dataset.area_field, None)
        day = dataset.day_of(record)
        if not isinstance(area, Area) or day is None:
            continue
        found = locked_instance(dataset, area, period_of(dataset.frequency, day))
        if found is not None:
            return found
    return None


def locked_message(instance: TaskInstance) -> str:
    return (
        f"{instance.area.display_name}{instance.period_label}的“{instance.task.title}”已验收锁定，"
        "如需修改请联系区委组织部退回"
    )


def check_writable(obj: models.Model) -> None:
    """Raise ValidationError when `obj` (as it is now, and as it is stored) is locked."""
    if not datasets.for_model(type(obj)):
        return
    candidates = [obj]
    saved = stored(obj)  # None for a new record
    if saved is not None:
        candidates.append(saved)
    for candidate in candidates:
        instance = _lock_of(candidate)
        if instance is not None:
            raise ValidationError(locked_message(instance), code="locked")


def is_locked(obj: models.Model) -> bool:
    try:
        check_writable(obj)
    except ValidationError:
        return True
    return False
