"""Saving a row a service wrote."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.models import PublishedVersion

V = TypeVar("V", bound=PublishedVersion)
R = TypeVar("R", bound=models.Model)


def save_checked(obj: models.Model, clash: str = "") -> None:
    """Validate and save `obj`. `full_clean()` checks uniqueness only inside the current scope, so
    a clash with a row outside it surfaces as the database's IntegrityError: refuse it in words
    (`clash`, else a duplicate that may lie outside the user's jurisdiction)."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as e:
        raise ValidationError(
            clash or gettext("与已有记录重复（可能在您的辖区之外），未保存")
        ) from e


def save_audited(
    obj: R,
    *,
    actor: Any,
    action: str,
    about: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    **entry: Any,
) -> R:
    """Validate and save `obj` (a new row, or one whose fields a step has set) with one audit
    entry: `action` on `about` (else the row), with `changes` (else the row as saved) and the
    rest of the entry (`area`, `via_path`) as `audit.log()` takes it."""
    obj.full_clean()
    obj.save()
    audit.log(
        actor=actor,
        action=action,
        obj=obj if about is None else about,
        changes=audit.snapshot(obj) if changes is None else changes,
        **entry,
    )
    return obj


def update_fields(obj: R, **values: Any) -> R:
    """Set `values` on the existing row `obj`, validate it and save those fields (and
    `updated_at`)."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save(update_fields=[*values, "updated_at"])
    return obj


def save_fields(
    obj: R, *, actor: Any, action: str, changes: dict[str, Any] | None = None, **values: Any
) -> R:
    """One step of an existing row's workflow: `update_fields()` and audit the write as `action`
    with `changes`."""
    update_fields(obj, **values)
    audit.log(actor=actor, action=action, obj=obj, changes=changes)
    return obj


def save_diff(obj: R, *, actor: Any, action: str, **values: Any) -> R:
    """`update_fields()` audited as `action` with the difference it made to the row."""
    before = audit.snapshot(obj)
    update_fields(obj, **values)
    audit.log_change(actor=actor, action=action, obj=obj, before=before)
    return obj


class _WithStatus(Protocol):
    def get_status_display(self) -> str: ...


def save_status(
    obj: R,
    status: str,
    *,
    actor: Any,
    action: str,
    changes: dict[str, Any] | None = None,
    **values: Any,
) -> R:
    """Move `obj` to `status` with the other `values` (`update_fields()`) and audit the move as
    `action`: the status's labels before and after, and `changes`."""
    before = cast(_WithStatus, obj).get_status_display()
    update_fields(obj, status=status, **values)
    after = cast(_WithStatus, obj).get_status_display()
    audit.log(
        actor=actor, action=action, obj=obj, changes={"status": [before, after], **(changes or {})}
    )
    return obj


def publish_version(version: V, *, actor: Any, action: str, closed_action: str = "") -> V:
    """Publish the locked draft `version`. The published versions of its jurisdiction must start
    earlier; one still valid in the new version's first year is closed the year before (audited as
    `closed_action` when given). The publication is audited as `action`, naming those closed."""
    closed: list[str] = []
    for other in (
        type(version)
        .objects.inherited()
        .select_for_update(of=("self",))
        .filter(area=version.area, status=PublishedVersion.Status.PUBLISHED)
    ):
        if other.valid_from >= version.valid_from:
            raise ValidationError(
                gettext("已发布的版本“%(code)s”自%(valid_from)s年起有效，新版本的起始年度应晚于它")
                % {"code": other.code, "valid_from": other.valid_from}
            )
        if other.valid_to is None or other.valid_to >= version.valid_from:
            update_fields(other, valid_to=version.valid_from - 1)
            closed.append(other.code)
            if closed_action:
                audit.log(
                    actor=actor,
                    action=closed_action,
                    obj=other,
                    changes={"valid_to": [None, other.valid_to], "by": version.code},
                )
    return save_fields(
        version,
        actor=actor,
        action=action,
        changes={"status": ["draft", "published"], "closed": closed},
        status=PublishedVersion.Status.PUBLISHED,
        published_at=timezone.now(),
    )
