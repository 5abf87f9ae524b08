"""Background and periodic work of the orders app."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from xingcun.core import audit, schedule
from xingcun.core.models import Area
from xingcun.core.scoping import scope
from xingcun.orders import services


@task()
def orders_overdue_escalate(area_id: int) -> int:
    """Service orders past their time limit are escalated to the district, inside one county."""
    area = Area.tree.get(pk=area_id)  # the tree is public; the task then enters its county
    with scope(area=area.path), audit.via("scheduler"):
        return len(services.overdue_escalate(today=timezone.localdate()))


schedule.periodic(
    "orders.overdue_escalate",
    orders_overdue_escalate,
    at=dt.time(7, 0),
    help="把超过接单或服务时限的点单上报区级",
)
