"""Rows the platform creates by itself: a district's default rules, schemes and catalogues.

They are validated like any other row and audited as the system's (`via_path="system"`, no actor),
so the audit log tells them apart from what staff entered.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from xingcun.core import audit

M = TypeVar("M", bound=models.Model)


def system_create(obj: M, *, action: str, changes: dict[str, Any] | None = None) -> M:
    """Validate and save a new row the platform makes, and audit it as the system's."""
    obj.full_clean()
    obj.save()
    audit.log(actor=None, action=action, obj=obj, via_path="system", changes=changes)
    return obj


def default_row(
    queryset: models.QuerySet[M],
    *,
    action: str,
    changes: dict[str, Any] | None = None,
    defaults: dict[str, Any] | None = None,
    **lookup: Any,
) -> M:
    """The row matching `lookup`, created with `defaults` (and audited as the system's) when it
    is missing."""
    obj, created = queryset.get_or_create(defaults=defaults, **lookup)
    if created:
        audit.log(actor=None, action=action, obj=obj, via_path="system", changes=changes)
    return obj
