"""What villages report from this app: the yearly star-rating self-assessment (星级自评)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from xingcun.core.datasets import DataSet, register
from xingcun.core.models import Area
from xingcun.core.periods import Frequency
from xingcun.ratings.models import Rating


def figures(area: Area, records: QuerySet[Any]) -> dict[str, Decimal]:
    rating = records.order_by("organisation__code").first()
    return {"self_total": rating.self_total} if rating is not None else {}


SELF_ASSESSMENT = register(
    DataSet(
        key="ratings.self_assessment",
        title="星级党组织自评",
        model=Rating,
        frequency=Frequency.YEARLY,
        year_field="year",
        entry_url="ratings:self-score",
        figures=figures,
        labels={"self_total": "自评总分"},
    )
)
