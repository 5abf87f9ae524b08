"""Reads of the work cycle: instance lists per role, completeness roll-ups and the late list."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from xingcun.core.models import Area
from xingcun.reporting.models import ReportingTask, TaskInstance

S = TaskInstance.Status


def instance_list(*, status: str = "", task: ReportingTask | None = None) -> QuerySet[TaskInstance]:
    qs = TaskInstance.objects.select_related("task", "area", "area__parent")
    if status:
        qs = qs.filter(status=status)
    if task is not None:
        qs = qs.filter(task=task)
    return qs.order_by("due_on", "area__code")


def task_list() -> QuerySet[ReportingTask]:
    """Tasks issued in the scope, and tasks issued above it that have instances in it (a town
    sees the district's tasks for its villages). Tasks live at the issuing node, so the second
    half is read through the scoped instances on purpose."""
    in_scope = TaskInstance.objects.values("task_id")
    issued_here = ReportingTask.objects.values("pk")
    return (
        ReportingTask.objects.inherited()
        .filter(Q(pk__in=in_scope) | Q(pk__in=issued_here))
        .select_related("area")
        .order_by("-first_period", "id")
    )


def waiting_for(*, role: str | None) -> QuerySet[TaskInstance]:
    """Instances that wait for this role's action, in the scope."""
    qs = instance_list()
    if role == "village":
        return qs.filter(status__in=[S.OPEN, S.RETURNED])
    if role == "town":
        return qs.filter(status=S.SUBMITTED, task__town_review=True)
    if role == "district":
        return qs.filter(
            Q(status=S.APPROVED) | Q(status=S.SUBMITTED, task__town_review=False),
            task__area__level__lte=Area.Level.COUNTY,
        )
    return qs.none()


def late(*, today: dt.date | None = None) -> QuerySet[TaskInstance]:
    """Not submitted (or returned and not yet resubmitted) after the due date."""
    today = today or timezone.localdate()
    return instance_list().filter(status__in=[S.OPEN, S.RETURNED], due_on__lt=today)


@dataclass
class Tally:
    node: Area | None
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    accepted: int = 0
    returned: int = 0
    overdue: int = 0
    children: list[Tally] = field(default_factory=list)

    def add(self, instance: TaskInstance, today: dt.date) -> None:
        self.expected += 1
        self.submitted += instance.is_submitted
        self.on_time += instance.is_submitted and instance.on_time
        self.accepted += instance.status == S.ACCEPTED
        self.returned += instance.status == S.RETURNED
        self.overdue += instance.is_overdue(today)

    @staticmethod
    def _rate(part: int, whole: int) -> Decimal | None:
        if not whole:
            return None
        return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))

    @property
    def submit_rate(self) -> Decimal | None:
        """报送率: submitted (and not returned) / expected."""
        return self._rate(self.submitted, self.expected)

    @property
    def on_time_rate(self) -> Decimal | None:
        """按时报送率: submitted the first time by the due date / expected."""
        return self._rate(self.on_time, self.expected)

    @property
    def accept_rate(self) -> Decimal | None:
        """审核通过率: accepted by the district / submitted."""
        return self._rate(self.accepted, self.submitted)


def completeness(
    *, task: ReportingTask, period: str, under: Area, today: dt.date | None = None
) -> Tally:
    """The tally of `task` for `period` under `under`, with one child per node one level down
    (towns for the district, villages for a town)."""
    today = today or timezone.localdate()
    instances = (
        TaskInstance.objects.filter(task=task, period=period, area__path__startswith=under.path)
        .select_related("area")
        .only("status", "first_submitted_at", "due_on", "area__path", "area__code")
    )
    depth = len([p for p in under.path.split("/") if p])
    children = {a.path: a for a in Area.tree.filter(parent=under)}
    by_child: dict[str, Tally] = {path: Tally(node) for path, node in children.items()}
    total = Tally(under)
    for instance in instances:
        total.add(instance, today)
        parts = [p for p in instance.area.path.split("/") if p]
        key = "/" + "/".join(parts[: depth + 1]) + "/"
        if key in by_child:
            by_child[key].add(instance, today)
    total.children = sorted(
        (t for t in by_child.values() if t.expected), key=lambda t: t.node.code if t.node else ""
    )
    return total


def periods_of(task: ReportingTask) -> list[str]:
    return list(
        TaskInstance.objects.filter(task=task)
        .order_by("-period_end")
        .values_list("period", flat=True)
        .distinct()
    )


def current_task_period() -> tuple[ReportingTask, str] | None:
    """The task and period shown by default: the most recent period whose due date has passed,
    else the most recent period."""
    today = timezone.localdate()
    instance = (
        TaskInstance.objects.filter(due_on__lt=today)
        .select_related("task")
        .order_by("-period_end", "task_id")
        .first()
        or TaskInstance.objects.select_related("task").order_by("-period_end", "task_id").first()
    )
    return (instance.task, instance.period) if instance else None


def overview(*, today: dt.date | None = None) -> list[tuple[ReportingTask, str, Tally]]:
    """Per task and period with instances in the scope, the tally (latest first, at most 6)."""
    today = today or timezone.localdate()
    groups: dict[tuple[int, str], Tally] = defaultdict(lambda: Tally(None))
    tasks: dict[int, ReportingTask] = {}
    for instance in TaskInstance.objects.select_related("task").order_by("-period_end"):
        tasks[instance.task_id] = instance.task
        groups[(instance.task_id, instance.period)].add(instance, today)
    rows = [(tasks[task_id], period, tally) for (task_id, period), tally in groups.items()]
    return rows[:6]


# --- data completeness of the yearly figures (the report page) --------------------------------------

COMPLETE_ENOUGH = Decimal("0.9")  # a year is complete enough when ≥ 90% of villages have filed
PROFILE_DATASET = "villages.profile"


@dataclass
class YearCompleteness:
    year: int
    expected: int  # villages under the node
    filed: int  # villages with the year's profile
    accepted: int  # villages whose profile report for the year the district has accepted

    @property
    def rate(self) -> Decimal:
        if not self.expected:
            return Decimal(0)
        return (Decimal(self.filed) * 100 / self.expected).quantize(Decimal("0.1"))

    @property
    def final(self) -> bool:
        """Final figures: every village's report for the year is accepted (and so locked)."""
        return self.expected > 0 and self.accepted >= self.expected

    @property
    def complete_enough(self) -> bool:
        return self.expected > 0 and Decimal(self.filed) >= COMPLETE_ENOUGH * self.expected

    @property
    def warning(self) -> str:
        if self.complete_enough:
            return ""
        return (
            f"注意：{self.year}年度只有{self.filed}/{self.expected}个村社填报了村情档案，"
            "报告中的数字不完整，缺报村社按0计。"
        )


def year_completeness(*, area: Area, year: int) -> YearCompleteness:
    from xingcun.villages.models import VillageProfile

    villages = Area.objects.filter(path__startswith=area.path, level=Area.Level.VILLAGE)
    filed = VillageProfile.objects.filter(area__path__startswith=area.path, year=year)
    accepted = TaskInstance.objects.filter(
        area__path__startswith=area.path,
        task__dataset=PROFILE_DATASET,
        period=str(year),
        status=S.ACCEPTED,
    )
    return YearCompleteness(
        year=year,
        expected=villages.count(),
        filed=filed.values("area_id").distinct().count(),
        accepted=accepted.values("area_id").distinct().count(),
    )


def complete_year(*, area: Area) -> int:
    """The report's default year: the latest year in which at least 90% of the node's villages
    have filed their village profile; else the latest year with any profile; else last year."""
    from django.db.models import Count

    from xingcun.villages.models import VillageProfile

    expected = Area.objects.filter(path__startswith=area.path, level=Area.Level.VILLAGE).count()
    by_year = (
        VillageProfile.objects.filter(area__path__startswith=area.path)
        .values("year")
        .annotate(n=Count("area_id", distinct=True))
        .order_by("-year")
    )
    rows = list(by_year)
    for row in rows:
        if expected and Decimal(row["n"]) >= COMPLETE_ENOUGH * expected:
            return int(row["year"])
    if rows:
        return int(rows[0]["year"])
    return timezone.localdate().year - 1
