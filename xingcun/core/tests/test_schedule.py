"""Periodic jobs: declared by apps, each slot queued exactly once per county."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from xingcun.core import schedule
from xingcun.core.models import ScheduledRun

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, 6, day, hour, minute, tzinfo=SHANGHAI)


def test_apps_declare_their_periodic_jobs():
    names = {job.name for job in schedule.jobs()}
    assert {"wishes.claims_expire", "orders.overdue_escalate"} <= names


def test_daily_slot_is_today_after_the_hour_and_yesterday_before_it():
    job = schedule.Periodic("x", task=None, at=dt.time(2, 0))
    assert job.slot(at(10, 1, 59)) == at(9, 2)
    assert job.slot(at(10, 2, 0)) == at(10, 2)
    assert job.slot(at(10, 23, 0)) == at(10, 2)


def test_interval_slot_counts_from_midnight():
    job = schedule.Periodic("x", task=None, every=dt.timedelta(minutes=15))
    assert job.slot(at(10, 9, 44)) == at(10, 9, 30)


def test_periodic_needs_exactly_one_timing():
    with pytest.raises(ValueError, match="exactly one"):
        schedule.periodic("x", task=None)


def test_tick_claims_each_slot_once_and_queues_one_task_per_county(tree, monkeypatch):
    calls: list[int] = []

    class FakeTask:
        def enqueue(self, *, area_id: int) -> None:
            calls.append(area_id)

    monkeypatch.setattr(schedule, "_jobs", {})
    schedule.periodic("test.daily", FakeTask(), at=dt.time(2, 0))

    first = schedule.tick(now=at(10, 3))
    again = schedule.tick(now=at(10, 23))
    next_day = schedule.tick(now=at(11, 2, 30))

    assert [run.name for run in first] == ["test.daily"]
    assert again == []
    assert len(next_day) == 1
    assert calls == [tree.district.pk, tree.district.pk]
    assert ScheduledRun.objects.get(slot=at(10, 2)).enqueued == 1


def test_scheduled_wish_expiry_runs_inside_the_county(tree):
    from xingcun.wishes.tasks import wish_claims_expire

    assert wish_claims_expire.call(area_id=tree.district.pk) == 0


def test_scheduled_order_escalation_runs_inside_the_county(tree):
    from xingcun.orders.tasks import orders_overdue_escalate

    assert orders_overdue_escalate.call(area_id=tree.district.pk) == 0


def test_run_scheduler_once_queues_due_jobs(tree, capsys):
    call_command("run_scheduler", once=True)
    out = capsys.readouterr().out
    assert "wishes.claims_expire" in out
    assert ScheduledRun.objects.filter(name="orders.overdue_escalate").count() == 1
