"""Periodic work of the reporting app: each morning, the instances of recurring tasks' new
periods, then reminders (due soon, overdue) and escalations, each sent once per due date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from xingcun.core import schedule
from xingcun.reporting import services


@task()
def reporting_daily(area_id: int) -> dict[str, int]:
    today = timezone.localdate()
    with schedule.in_county(area_id, via="system"):
        generated = services.recurring_generate(today=today)
        sent = services.reminders_run(today=today)
    return {"generated": generated, **sent}


schedule.periodic(
    "reporting.daily",
    reporting_daily,
    at=dt.time(7, 30),
    help=gettext_lazy("生成周期性报送任务的新一期，发送到期、逾期提醒并向镇街上报逾期村社"),
)
