"""What villages report from this app: the month's 走亲连心 visits (a register's records for a
period; a month without visits may be reported as such)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from xingcun.core.datasets import DataSet, register
from xingcun.core.models import Area
from xingcun.core.periods import Frequency
from xingcun.wishes.models import Visit


def figures(area: Area, records: QuerySet[Any]) -> dict[str, Decimal]:
    return {"visits": Decimal(records.count())}


VISITS = register(
    DataSet(
        key="wishes.visits",
        title="走亲连心走访记录",
        model=Visit,
        frequency=Frequency.MONTHLY,
        year_field=None,
        date_field="visited_on",
        entry_url="core:visits-list",
        figures=figures,
        labels={"visits": "走访次数"},
        requires_records=False,
    )
)
