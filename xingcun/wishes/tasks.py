"""Background and periodic work of the wishes app."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy
from django_tasks import task

from xingcun.core import schedule
from xingcun.wishes import services


@task()
def wish_claims_expire(area_id: int) -> int:
    """Claims past their deadline return the wish to the wall, inside one county."""
    with schedule.in_county(area_id):
        return services.claims_expire()


schedule.periodic(
    "wishes.claims_expire",
    wish_claims_expire,
    at=dt.time(1, 30),
    help=gettext_lazy("认领超过限期仍未实现的微心愿重回心愿墙"),
)
