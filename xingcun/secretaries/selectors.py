from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from xingcun.secretaries.models import FirstSecretary, WeakCohortVillage, WeakRemovalPlan
from xingcun.villages.models import VillageProfile


@dataclass(frozen=True)
class PlanSummary:
    plan: WeakRemovalPlan
    cohort: int
    left_first_year: int
    remaining: int
    all_removed_year: int | None
    debt_before: Decimal | None  # average of the cohort in the baseline year (万元)
    debt_after: Decimal | None  # average of the cohort in the latest year reported
    after_year: int | None


def plan_summary(*, plan: WeakRemovalPlan) -> PlanSummary:
    rows = list(WeakCohortVillage.objects.filter(plan=plan).values_list("area_id", "exit_year"))
    exits = [e for _, e in rows]
    villages = [a for a, _ in rows]
    remaining = sum(1 for e in exits if e is None)
    all_removed = max(exits) if rows and remaining == 0 else None  # type: ignore[type-var]
    before = _average_debt(villages, plan.baseline_year)
    latest = (
        VillageProfile.objects.filter(area_id__in=villages)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    after = _average_debt(villages, latest) if latest and latest > plan.baseline_year else None
    return PlanSummary(
        plan=plan,
        cohort=len(rows),
        left_first_year=sum(1 for e in exits if e == plan.first_year),
        remaining=remaining,
        all_removed_year=all_removed,
        debt_before=before,
        debt_after=after,
        after_year=latest if after is not None else None,
    )


def _average_debt(villages: list[int], year: int | None) -> Decimal | None:
    if not villages or year is None:
        return None
    agg = VillageProfile.objects.filter(area_id__in=villages, year=year).aggregate(
        total=Sum("debt"), n=Count("pk")
    )
    if not agg["n"]:
        return None
    average: Decimal = Decimal(agg["total"]) / agg["n"]
    return average


def cohort_rows(*, plan: WeakRemovalPlan) -> QuerySet[WeakCohortVillage]:
    return WeakCohortVillage.objects.filter(plan=plan).select_related("area")


def secretaries_of(*, area_ids: list[int]) -> dict[int, list[FirstSecretary]]:
    found: dict[int, list[FirstSecretary]] = {}
    for posting in FirstSecretary.objects.filter(area_id__in=area_ids).select_related("person"):
        found.setdefault(posting.area_id, []).append(posting)
    return found
