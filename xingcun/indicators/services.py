"""Writes of the indicators app: freezing and withdrawing snapshots, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.indicators import engine
from xingcun.indicators.engine import Period
from xingcun.indicators.models import Snapshot, SnapshotValue


@transaction.atomic
def snapshot_freeze(*, area: Area, period: Period, by: Any, note: str = "") -> Snapshot:
    """Freeze every indicator of `period` for `area` and each node below it. An active snapshot
    of the same node and period is withdrawn first (kept for the record)."""
    now = timezone.now()
    token = str(period)
    superseded = list(
        Snapshot.objects.select_for_update(of=("self",)).filter(
            area=area, period=token, withdrawn_at__isnull=True
        )
    )
    for old in superseded:
        old.withdrawn_at, old.withdrawn_by = now, by
        old.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    values = engine.evaluate_grid(area=area, periods=[period], levels=None, frozen=False)[token]
    snapshot = Snapshot(area=area, period=token, frozen_by=by, frozen_at=now, note=note)
    snapshot.full_clean()
    snapshot.save()
    rows = [
        SnapshotValue(
            snapshot=snapshot,
            area=result.area,
            period=token,
            indicator=code,
            raw=result.raw,
            numerator=result.numerator,
            denominator=result.denominator,
        )
        for code, by_node in values.items()
        for result in by_node.values()
    ]
    SnapshotValue.objects.bulk_create(rows, batch_size=2000)
    changes: dict[str, Any] = {"period": [None, token], "values": [None, len(rows)]}
    if superseded:
        changes["superseded"] = [None, [s.pk for s in superseded]]
    audit.log(actor=by, action="snapshot.frozen", obj=snapshot, changes=changes)
    return snapshot


@transaction.atomic
def snapshot_withdraw(*, snapshot: Snapshot, by: Any) -> Snapshot:
    """Stop using a snapshot's values; they stay stored and can still be viewed."""
    if snapshot.withdrawn_at is not None:
        return snapshot
    snapshot.withdrawn_at, snapshot.withdrawn_by = timezone.now(), by
    snapshot.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit.log(
        actor=by,
        action="snapshot.withdrawn",
        obj=snapshot,
        changes={"withdrawn_at": [None, audit.plain(snapshot.withdrawn_at)]},
    )
    return snapshot
