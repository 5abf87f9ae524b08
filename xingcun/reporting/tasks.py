"""Periodic work of the reporting app: each morning, the instances of recurring tasks' new
periods, then reminders (due soon, overdue) and escalations, each sent once per due date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from xingcun.core import audit, schedule
from xingcun.core.models import Area
from xingcun.core.scoping import scope, scopes_disabled
from xingcun.reporting import services


@task()
def reporting_daily(area_id: int) -> dict[str, int]:
    with scopes_disabled():  # the task names its county; it is read before entering its scope
        area = Area.tree.get(pk=area_id)
    today = timezone.localdate()
    with scope(area=area.path), audit.via("system"):
        generated = services.recurring_generate(today=today)
        sent = services.reminders_run(today=today)
    return {"generated": generated, **sent}


schedule.periodic(
    "reporting.daily",
    reporting_daily,
    at=dt.time(7, 30),
    help="生成周期性报送任务的新一期，发送到期、逾期提醒并向镇街上报逾期村社",
)
