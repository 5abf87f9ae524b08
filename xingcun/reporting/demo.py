"""Demo data of the work cycle: the district's quality rules; the 2020 yearly village-profile
cycle in a realistic state (most villages accepted, some submitted awaiting the town or the
district, a few returned with a reason, a few late); the 2020 Q4 消薄 progress report; and the
monthly 走亲连心 report of last month, due today, so that every role's to-do shows real work.

States are written directly (the workflow's timestamps lie in January–February 2021), each step
with its audit entry dated when it happened, and the demo logins get their notifications."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from xingcun.accounts.models import User
from xingcun.core.models import Area, AuditEntry
from xingcun.core.periods import Frequency, period_of
from xingcun.notifications.models import Notification
from xingcun.reporting import services
from xingcun.reporting.models import ReportingTask, TaskInstance
from xingcun.villages.models import VillageProfile

S = TaskInstance.Status
AS_OF = dt.date(2021, 2, 20)  # the cycle as it stood on this day
BAINIU = "330112108230"
GAOHONG = "330112102000"
RETURN_REASONS = (
    "户籍人口与公安户籍数据不一致，请核实",
    "经营收入缺少财务报表佐证，请补充",
    "村级债务较上年大幅下降，请附化债材料",
)
# (state, weight): most accepted, some awaiting review, a few returned, a few never filed
STATES = ((S.ACCEPTED, 72), (S.APPROVED, 8), (S.SUBMITTED, 9), (S.RETURNED, 5), (S.OPEN, 6))


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    services.rules_ensure_default(district=county)
    users = {
        u.username: u for u in User.objects.filter(username__in=["district", "town", "village"])
    }
    district_user = users.get("district")
    counts = {"tasks": 0, "instances": 0}
    # 1. The 2020 yearly village profile.
    task = services.task_create(
        actor=district_user,
        area=county,
        title="2020年度村情档案报送",
        dataset="villages.profile",
        first_period="2020",
        last_period="2020",
        due_days=31,
        today=AS_OF,
    )
    filed = set(
        VillageProfile.objects.filter(area__path__startswith=county.path, year=2020).values_list(
            "area_id", flat=True
        )
    )
    instances = list(
        TaskInstance.objects.filter(task=task).select_related("area").order_by("area__code")
    )
    entries: list[tuple[AuditEntry, dt.datetime]] = []
    gaohong_submitted = 0
    for instance in instances:
        state = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]
        if instance.area_id not in filed:
            state = S.OPEN
        elif instance.area.code == BAINIU:
            state = S.ACCEPTED
        elif instance.area.code.startswith(GAOHONG[:9]) and gaohong_submitted < 3:
            state, gaohong_submitted = S.SUBMITTED, gaohong_submitted + 1
        entries += _advance(instance, state, rng, users)
    TaskInstance.objects.bulk_update(
        instances,
        [
            "status",
            "first_submitted_at",
            "submitted_at",
            "approved_at",
            "accepted_at",
            "returned_at",
            "return_reason",
        ],
        batch_size=500,
    )
    counts["tasks"] += 1
    counts["instances"] += len(instances)
    # 2. The 2020 Q4 消薄 progress, all filed, most accepted.
    funds = services.task_create(
        actor=district_user,
        area=county,
        title="2020年第四季度消薄进展",
        dataset="secretaries.funds",
        first_period="2020Q4",
        last_period="2020Q4",
        due_days=20,
        today=AS_OF,
    )
    quarter = list(TaskInstance.objects.filter(task=funds).select_related("area"))
    for instance in quarter:
        state = S.ACCEPTED if rng.random() < 0.85 else S.APPROVED
        entries += _advance(instance, state, rng, users, due=instance.due_on)
    TaskInstance.objects.bulk_update(
        quarter, ["status", "first_submitted_at", "submitted_at", "approved_at", "accepted_at"]
    )
    counts["tasks"] += 1
    counts["instances"] += len(quarter)
    # 3. Last month's 走亲连心 visits, due today (the demo's "today" is the day it is loaded).
    today = timezone.localdate()
    last_month = period_of(Frequency.MONTHLY, today.replace(day=1) - dt.timedelta(days=1))
    visits = services.task_create(
        actor=district_user,
        area=county,
        title="走亲连心走访月报",
        dataset="wishes.visits",
        first_period=last_month.code,
        due_days=(today - last_month.end).days,
        today=today,
    )
    counts["tasks"] += 1
    counts["instances"] += TaskInstance.objects.filter(task=visits).count()
    _write_audit(entries)
    _notify_demo_users(users, task)
    counts["audit"] = len(entries)
    return counts


def _advance(
    instance: TaskInstance,
    state: str,
    rng: random.Random,
    users: dict[str, Any],
    due: dt.date | None = None,
) -> list[tuple[AuditEntry, dt.datetime]]:
    """Set the instance's workflow fields for `state`; the audit entries of its steps."""
    due = due or instance.due_on
    instance.status = state
    if state == S.OPEN:
        return []
    late = rng.random() < 0.12
    submitted = due + dt.timedelta(days=rng.randint(1, 15) if late else -rng.randint(0, 25))
    steps = [("submitted", _at(submitted, 9 + rng.randint(0, 8)), "village", S.OPEN, S.SUBMITTED)]
    instance.first_submitted_at = instance.submitted_at = steps[0][1]
    if state == S.RETURNED:
        returned = submitted + dt.timedelta(days=rng.randint(1, 4))
        instance.returned_at = _at(returned, 15)
        instance.return_reason = rng.choice(RETURN_REASONS)
        steps.append(("returned", instance.returned_at, "town", S.SUBMITTED, S.RETURNED))
    if state in (S.APPROVED, S.ACCEPTED):
        approved = submitted + dt.timedelta(days=rng.randint(1, 5))
        instance.approved_at = _at(approved, 10)
        steps.append(("approved", instance.approved_at, "town", S.SUBMITTED, S.APPROVED))
    if state == S.ACCEPTED:
        accepted = submitted + dt.timedelta(days=rng.randint(6, 12))
        instance.accepted_at = _at(accepted, 16)
        steps.append(("accepted", instance.accepted_at, "district", S.APPROVED, S.ACCEPTED))
    out = []
    for action, when, who, before, after in steps:
        user = users.get(who) if who != "village" or instance.area.code == BAINIU else None
        changes: dict[str, Any] = {"status": [before, after]}
        if action == "returned":
            changes["reason"] = [None, instance.return_reason]
        entry = AuditEntry(
            actor=user,
            actor_name=str(user) if user else f"{instance.area.display_name}书记",
            action=f"reporting_instance.{action}",
            via="page",
            area=instance.area,
            model="reporting.taskinstance",
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            changes=changes,
        )
        out.append((entry, when))
    return out


def _write_audit(entries: list[tuple[AuditEntry, dt.datetime]]) -> None:
    saved = AuditEntry.objects.bulk_create([e for e, _ in entries], batch_size=1000)
    for entry, (_, when) in zip(saved, entries, strict=True):
        entry.created_at = when
    AuditEntry.objects.bulk_update(saved, ["created_at"], batch_size=1000)


def _notify_demo_users(users: dict[str, Any], task: ReportingTask) -> None:
    """A few inbox messages per demo login, as the cycle would have left them."""
    district, town = users.get("district"), users.get("town")
    rows: list[Notification] = []
    if town is not None:
        submitted = TaskInstance.objects.filter(
            task=task, status=S.SUBMITTED, area__parent__code=GAOHONG
        ).select_related("area")[:3]
        rows.extend(
            Notification(
                user=town,
                area=instance.area,
                kind=Notification.Kind.SUBMITTED,
                title=f"{instance.area.display_name}已报送2020年度“{task.title}”，待审核",
                url=f"/reporting/instances/{instance.pk}/",
            )
            for instance in submitted
        )
    if district is not None:
        waiting = TaskInstance.objects.filter(task=task, status=S.APPROVED).count()
        rows.append(
            Notification(
                user=district,
                kind=Notification.Kind.APPROVED,
                title=f"{waiting}份村情档案镇街已审核，待区委验收",
                url="/reporting/tasks/?status=approved",
            )
        )
    Notification.objects.bulk_create(rows)
