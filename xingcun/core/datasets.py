"""Reportable data sets (DHIS2's data sets): each mechanism app declares what a village reports
in its own `reporting.py`, collected at start-up. A data set knows its records for one node and
one period, the figures that quality rules check, and where the records are entered."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django_stubs_ext import StrOrPromise

from xingcun.core.models import Area
from xingcun.core.periods import Frequency, Period


@dataclass(frozen=True)
class DataSet:
    key: str
    title: StrOrPromise
    model: type[models.Model]
    frequency: str = Frequency.YEARLY
    year_field: str | None = "year"  # records of a year, or
    date_field: str | None = None  # records dated inside the period
    area_field: str = "area"
    entry_url: str = ""  # URL name of the page where the records are entered
    # Figures of one node's records for a period, by key (what quality rules compare).
    figures: Callable[[Area, models.QuerySet[Any]], dict[str, Decimal]] | None = None
    labels: dict[str, StrOrPromise] = field(default_factory=dict)  # figure key → Chinese label
    # Records may be none (a register with nothing to report this period) or must exist.
    requires_records: bool = True
    # Extra models whose rows are locked with the data set's (child rows: scores, evidence).
    also_locks: tuple[tuple[type[models.Model], str], ...] = ()

    def records(self, area: Area, period: Period) -> models.QuerySet[Any]:
        qs = self.model._default_manager.filter(**{self.area_field: area})
        if self.year_field:
            return qs.filter(**{self.year_field: period.year})
        if self.date_field:
            return qs.filter(
                **{f"{self.date_field}__gte": period.start, f"{self.date_field}__lte": period.end}
            )
        return qs

    def day_of(self, obj: Any) -> dt.date | None:
        """The day that places a record in a period (1 January of its year for yearly records)."""
        if self.year_field:
            year = getattr(obj, self.year_field, None)
            return dt.date(year, 1, 1) if year else None
        if self.date_field:
            value = getattr(obj, self.date_field, None)
            return value if isinstance(value, dt.date) else None
        return None

    def figures_of(self, area: Area, period: Period) -> dict[str, Decimal]:
        if self.figures is None:
            return {}
        return self.figures(area, self.records(area, period))


_datasets: dict[str, DataSet] = {}
_of_model: dict[type[models.Model], list[tuple[DataSet, str | None]]] = {}  # for_model, remembered


def register(dataset: DataSet) -> DataSet:
    _datasets[dataset.key] = dataset
    _of_model.clear()
    return dataset


def get(key: str) -> DataSet:
    return _datasets[key]


def all_datasets() -> list[DataSet]:
    return list(_datasets.values())


def choices() -> list[tuple[str, str]]:
    return [(d.key, str(d.title)) for d in _datasets.values()]


def for_model(model: type[models.Model]) -> list[tuple[DataSet, str | None]]:
    """Data sets whose records are rows of `model`, with the path from a row to the record
    (None for the record itself). Remembered per model: an import asks once per row."""
    found = _of_model.get(model)
    if found is None:
        found = []
        for dataset in _datasets.values():
            if dataset.model is model:
                found.append((dataset, None))
            found.extend((dataset, path) for child, path in dataset.also_locks if child is model)
        _of_model[model] = found
    return list(found)


def collect() -> None:
    """Import every app's `reporting.py` (it registers its data sets)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("xingcun.") or config.label in {"core", "reporting"}:
            continue
        name = f"{config.name}.reporting"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
