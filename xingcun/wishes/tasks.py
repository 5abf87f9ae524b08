"""Background and periodic work of the wishes app."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from xingcun.core import audit, schedule
from xingcun.core.models import Area
from xingcun.core.scoping import scope
from xingcun.wishes import services


@task()
def wish_claims_expire(area_id: int) -> int:
    """Claims past their deadline return the wish to the wall, inside one county."""
    area = Area.tree.get(pk=area_id)  # the tree is public; the task then enters its county
    with scope(area=area.path), audit.via("scheduler"):
        return services.claims_expire()


schedule.periodic(
    "wishes.claims_expire",
    wish_claims_expire,
    at=dt.time(1, 30),
    help="认领超过限期仍未实现的微心愿重回心愿墙",
)
