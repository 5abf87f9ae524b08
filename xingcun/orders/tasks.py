"""Background and periodic work of the orders app."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from xingcun.core import schedule
from xingcun.orders import services


@task()
def orders_overdue_escalate(area_id: int) -> int:
    """Service orders past their time limit are escalated to the district, inside one county."""
    with schedule.in_county(area_id):
        return len(services.overdue_escalate(today=timezone.localdate()))


schedule.periodic(
    "orders.overdue_escalate",
    orders_overdue_escalate,
    at=dt.time(7, 0),
    help=gettext_lazy("把超过接单或服务时限的点单上报区级"),
)
