"""Periodic jobs, declared in code next to the app that owns them (its `tasks.py`):

    wish_claims_expire = task()(...)
    schedule.periodic("wishes.claims_expire", wish_claims_expire, at=dt.time(2, 0))

`manage.py run_scheduler` wakes up every few seconds and, for each job whose latest slot has
passed, claims the slot with one unique row (`ScheduledRun`) and queues the task once per county
(the task takes `area_id` and runs inside that county's scope). Several schedulers may run: the
unique row lets exactly one of them queue a slot. A slot missed while no scheduler ran is caught
up once, not once per missed day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from xingcun.core import audit
from xingcun.core.models import Area, ScheduledRun
from xingcun.core.scoping import scope


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Any  # a django_tasks Task taking `area_id`
    at: dt.time | None = None  # daily at this local time
    every: dt.timedelta | None = None  # or at this interval, from local midnight
    help: StrOrPromise = ""

    def slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the latest slot at or before `now` (aware, local time)."""
        local = timezone.localtime(now)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.at is not None:
            today = midnight.replace(hour=self.at.hour, minute=self.at.minute)
            return today if today <= local else today - dt.timedelta(days=1)
        if self.every is None:
            raise ValueError(f"{self.name}: no timing")
        steps = (local - midnight) // self.every
        return midnight + steps * self.every


_jobs: dict[str, Periodic] = {}


def periodic(
    name: str,
    task: Any,
    *,
    at: dt.time | None = None,
    every: dt.timedelta | None = None,
    help: StrOrPromise = "",
) -> Periodic:
    if (at is None) == (every is None):
        raise ValueError(f"{name}: give exactly one of at= or every=")
    job = Periodic(name=name, task=task, at=at, every=every, help=help)
    _jobs[name] = job
    return job


def jobs() -> list[Periodic]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def counties() -> list[Area]:
    """Every county of the installation (the tree itself is public: `Area.tree` is unscoped)."""
    return list(Area.tree.filter(level=Area.Level.COUNTY).order_by("code"))


@contextmanager
def in_county(area_id: int, *, via: str = "scheduler") -> Iterator[Area]:
    """A periodic task's entry point: the county it was queued for, its scope and audit path."""
    area = Area.tree.get(pk=area_id)
    with scope(area=area.path), audit.via(via):
        yield area


def tick(*, now: dt.datetime | None = None) -> list[ScheduledRun]:
    """Queue every job whose latest slot nobody has claimed yet; returns the slots claimed."""
    now = now or timezone.now()
    claimed: list[ScheduledRun] = []
    areas = counties()
    for job in jobs():
        slot = job.slot(now)
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=job.name, slot=slot)
        except IntegrityError:
            continue  # another scheduler (or an earlier tick) has this slot
        for area in areas:
            job.task.enqueue(area_id=area.pk)
        run.enqueued = len(areas)
        run.save(update_fields=["enqueued", "updated_at"])
        claimed.append(run)
    return claimed
