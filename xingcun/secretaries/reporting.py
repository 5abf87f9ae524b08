"""What villages report from this app: the quarterly 消薄 progress, i.e. the funds secured by
the village's first secretary in the quarter (第一书记争取资金)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from xingcun.core.datasets import DataSet, register
from xingcun.core.models import Area
from xingcun.core.periods import Frequency
from xingcun.secretaries.models import SecretaryFund


def figures(area: Area, records: QuerySet[Any]) -> dict[str, Decimal]:
    total = records.aggregate(total=Sum("amount"))["total"]
    return {"funds": total or Decimal(0), "fund_count": Decimal(records.count())}


FUNDS = register(
    DataSet(
        key="secretaries.funds",
        title="消薄进展（第一书记争取资金）",
        model=SecretaryFund,
        frequency=Frequency.QUARTERLY,
        year_field=None,
        date_field="received_on",
        entry_url="core:secretary-funds-list",
        figures=figures,
        labels={"funds": "争取资金(万元)", "fund_count": "资金笔数"},
        requires_records=False,
    )
)
