from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from xingcun.honours.models import Honour, MediaReport, ModelCase, ModelVillage
from xingcun.villages.models import VillageProfile


@dataclass(frozen=True)
class ModelVillageIncome:
    village: ModelVillage
    base: Decimal | None  # per-capita income in the base year (元)
    latest_year: int | None
    latest: Decimal | None

    @property
    def multiple(self) -> Decimal | None:
        if not self.base or self.latest is None:
            return None
        return (self.latest / self.base).quantize(Decimal("0.01"))

    @property
    def doubled(self) -> bool:
        return self.multiple is not None and self.multiple >= 2


def model_village_incomes(*, year: int) -> list[ModelVillageIncome]:
    """Each model village in scope: per-capita income of its base year and of the latest profile
    up to `year` (two queries)."""
    villages = list(ModelVillage.objects.select_related("area").order_by("area__code"))
    profiles = VillageProfile.objects.filter(
        area__in=[v.area_id for v in villages], year__lte=year
    ).values_list("area_id", "year", "per_capita_income")
    by_area: dict[int, dict[int, Decimal]] = {}
    for area_id, y, income in profiles:
        by_area.setdefault(area_id, {})[y] = income
    rows = []
    for v in villages:
        years = by_area.get(v.area_id, {})
        latest_year = max(years) if years else None
        rows.append(
            ModelVillageIncome(
                v,
                years.get(v.base_year),
                latest_year,
                years[latest_year] if latest_year is not None else None,
            )
        )
    return rows


def honour_counts(*, year: int) -> dict[str, int]:
    rows = Honour.objects.filter(year__lte=year).values_list("level", flat=True)
    return dict(Counter(rows))


def recent_honours(*, limit: int = 20) -> QuerySet[Honour]:
    return Honour.objects.select_related("area", "person", "organisation").order_by(
        "-year", "area__code"
    )[:limit]


def recent_cases(*, limit: int = 10) -> QuerySet[ModelCase]:
    return ModelCase.objects.select_related("area").order_by("-year", "-id")[:limit]


def recent_reports(*, limit: int = 10) -> QuerySet[MediaReport]:
    return MediaReport.objects.select_related("area").order_by("-date", "-id")[:limit]
