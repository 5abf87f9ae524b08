"""Fixtures of the work cycle: a village profile, a task issued by the district, its instances."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django_scopes import scope, scopes_disabled

from xingcun.core.tests.factories import ScopedFactory
from xingcun.reporting import services
from xingcun.reporting.models import QualityRule, ReportingTask, TaskInstance
from xingcun.villages.models import VillageProfile

TODAY = dt.date(2021, 1, 15)  # the 2020 profiles are due on 2021-01-31 (due_days=31)


def profile(area: Any, year: int = 2020, **values: Any) -> VillageProfile:
    data: dict[str, Any] = {
        "population": 1000,
        "households": 300,
        "per_capita_income": Decimal(30000),
        "operating_income": Decimal(20),
        "contract_income": Decimal(5),
        "investment_income": Decimal(5),
        "subsidy_income": Decimal(10),
        "other_income": Decimal(0),
        "debt": Decimal(0),
    }
    data.update(values)
    with scopes_disabled():  # fixture rows, created outside any request
        return VillageProfile.objects.create(area=area, year=year, **data)


def issue(tree: Any, *, title: str, dataset: str, area: Any = None, **kwargs: Any) -> ReportingTask:
    """A task issued by the system at `area` (the district unless given), in its scope."""
    area = area or tree.district
    with scope(area=area.path):
        return services.task_create(actor=None, area=area, title=title, dataset=dataset, **kwargs)


def profile_task(
    tree: Any,
    *,
    year: int = 2020,
    town_review: bool = True,
    today: dt.date | None = TODAY,
    **kwargs: Any,
) -> ReportingTask:
    """The district's task of reporting the villages' profiles of `year`, due 31 days after it."""
    return issue(
        tree,
        title=f"{year}年村情档案报送",
        dataset="villages.profile",
        first_period=str(year),
        last_period=str(year),
        due_days=31,
        town_review=town_review,
        today=today,
        **kwargs,
    )


def instance_of(task: ReportingTask, area: Any) -> TaskInstance:
    with scopes_disabled():  # fixture lookup
        return TaskInstance.objects.select_related("task", "task__area", "area").get(
            task=task, area=area
        )


class QualityRuleFactory(ScopedFactory):
    """A blocking check of the village profiles, valid from 2017 on."""

    class Meta:
        model = QualityRule

    dataset = "villages.profile"
    name = "规则"
    severity = "block"
    valid_from = 2017
