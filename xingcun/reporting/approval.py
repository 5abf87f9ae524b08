"""The approval status of the indicator engine's figures, from the work cycle: the records of a
data set are reported by villages; a node's figure for a period is final when every village under
it has its reports of the data sets that feed the figure, for every reporting period overlapping the
figure's period, accepted by the district (and so locked). Plugged into
`xingcun.indicators.engine` at start-up; the engine asks, pages never recompute it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

from xingcun.core import datasets
from xingcun.core.models import Area
from xingcun.core.periods import overlapping
from xingcun.indicators import engine
from xingcun.reporting.models import TaskInstance


def _ancestors(path: str) -> list[str]:
    """`path` and the paths of every node above it."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _roots(nodes: Sequence[Area]) -> list[Area]:
    paths = sorted({n.path for n in nodes}, key=len)
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    by_path = {n.path: n for n in nodes}
    return [by_path[p] for p in kept]


class ReportingApproval(engine.ApprovalSource):
    def reports(self, model: type[models.Model]) -> bool:
        return any(d.model is model for d in datasets.all_datasets())

    def tables(self) -> frozenset[str]:
        return frozenset({TaskInstance._meta.db_table})

    def accepted(
        self, model: type[models.Model], period: engine.Period, nodes: Sequence[Area]
    ) -> set[str]:
        pairs = {
            (d.key, p.code)
            for d in datasets.all_datasets()
            if d.model is model
            for p in overlapping(d.frequency, period.start, period.end)
        }
        if not pairs or not nodes:
            return set()
        under = reduce(or_, (Q(path__startswith=r.path) for r in _roots(nodes)))
        villages = Area.objects.filter(under, level=Area.Level.VILLAGE).values_list(
            "path", flat=True
        )
        done: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
        rows = TaskInstance.objects.filter(
            reduce(or_, (Q(area__path__startswith=r.path) for r in _roots(nodes))),
            status=TaskInstance.Status.ACCEPTED,
            task__dataset__in={key for key, _ in pairs},
            period__in={code for _, code in pairs},
        ).values_list("area__path", "task__dataset", "period")
        for path, key, code in rows:
            done[path].add((key, code))
        with_villages: set[str] = set()
        incomplete: set[str] = set()
        for path in villages:
            above = _ancestors(path)
            with_villages.update(above)
            if not pairs <= done[path]:
                incomplete.update(above)
        return {n.code for n in nodes if n.path in with_villages and n.path not in incomplete}


SOURCE = ReportingApproval()
