"""Every write of the work cycle: tasks, their instances, the submit → approve → accept state
machine with returns, reminders (催报) and escalations. Every step is audited and notified."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from xingcun.accounts.models import Membership
from xingcun.core import audit, datasets
from xingcun.core.models import Area
from xingcun.core.periods import Period, parse, period_of
from xingcun.core.permissions import Role
from xingcun.notifications import services as notifications
from xingcun.notifications.models import Notification
from xingcun.reporting import quality
from xingcun.reporting.models import QualityRule, Reminder, ReportingTask, TaskInstance

S = TaskInstance.Status

DUE_SOON_DAYS = 3  # "due soon" reminder this many days before the due date
ESCALATE_AFTER_DAYS = 7  # overdue this long: the town is told


# --- tasks ----------------------------------------------------------------------------------------


def target_villages(task: ReportingTask) -> list[Area]:
    chosen = list(task.nodes.all())
    if not chosen:
        chosen = [task.area]
    villages: dict[int, Area] = {}
    for node in chosen:
        if node.level == Area.Level.VILLAGE:
            villages[node.pk] = node
        else:
            for v in Area.tree.filter(path__startswith=node.path, level=Area.Level.VILLAGE):
                villages[v.pk] = v
    return sorted(villages.values(), key=lambda a: a.code)


def task_periods(task: ReportingTask, *, today: dt.date) -> list[Period]:
    """The task's periods that have started by `today`, up to its last period."""
    period = parse(task.first_period)
    last = parse(task.last_period) if task.last_period else None
    periods = []
    while period.start <= today and (last is None or period.start <= last.start):
        periods.append(period)
        period = period_of(task.frequency, period.end + dt.timedelta(days=1))
    return periods


@transaction.atomic
def task_create(
    *,
    actor: Any,
    area: Area,
    title: str,
    dataset: str,
    first_period: str,
    last_period: str = "",
    due_days: int = 30,
    nodes: Iterable[Area] = (),
    town_review: bool = True,
    today: dt.date | None = None,
) -> ReportingTask:
    try:
        ds = datasets.get(dataset)
    except KeyError as e:
        raise ValidationError({"dataset": "请选择报送内容"}) from e
    for name, code in (("first_period", first_period), ("last_period", last_period)):
        if code:
            try:
                period = parse(code)
            except ValueError as e:
                raise ValidationError({name: str(e)}) from e
            if period_of(ds.frequency, period.start).code != code:
                raise ValidationError(
                    {
                        name: f"“{ds.title}”按{_freq_label(ds.frequency)}报送，报送期应如 {_example(ds.frequency)}"
                    }
                )
    nodes = list(nodes)
    for node in nodes:
        if not node.path.startswith(area.path):
            raise ValidationError({"nodes": f"“{node.display_name}”不在本辖区内"})
    task = ReportingTask(
        area=area,
        title=title,
        dataset=dataset,
        frequency=ds.frequency,
        first_period=first_period,
        last_period=last_period,
        due_days=due_days,
        town_review=town_review and area.level < Area.Level.TOWN,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    task.full_clean()
    task.save()
    if nodes:
        task.nodes.set(nodes)
    audit.log(
        actor=actor,
        action="reporting_task.created",
        obj=task,
        changes={
            "title": [None, title],
            "dataset": [None, ds.title],
            "first_period": [None, first_period],
        },
    )
    created = instances_generate(task=task, today=today or timezone.localdate())
    villages = {i.area_id for i in created}
    _notify_role(
        Role.VILLAGE,
        Area.tree.filter(pk__in=villages),
        kind=Notification.Kind.TASK,
        title=f"新的报送任务：{task.title}",
        body=f"请在截止日期前报送。共 {len(created)} 期。",
        url=reverse("reporting:index"),
    )
    return task


def _freq_label(frequency: str) -> str:
    return {"yearly": "年度", "quarterly": "季度", "monthly": "月度"}[frequency]


def _example(frequency: str) -> str:
    return {"yearly": "2020", "quarterly": "2020Q3", "monthly": "2020-07"}[frequency]


def instances_generate(*, task: ReportingTask, today: dt.date) -> list[TaskInstance]:
    """Create the instances of every started period for every target village (idempotent)."""
    if not task.active:
        return []
    existing = set(TaskInstance.objects.filter(task=task).values_list("area_id", "period"))
    villages = target_villages(task)
    new = [
        TaskInstance(
            task=task,
            area=village,
            period=period.code,
            period_end=period.end,
            due_on=task.due_on(period),
        )
        for period in task_periods(task, today=today)
        for village in villages
        if (village.pk, period.code) not in existing
    ]
    return TaskInstance.objects.bulk_create(new, batch_size=500)


@transaction.atomic
def recurring_generate(*, today: dt.date) -> int:
    """Instances of the current periods of every open-ended task in the scope (the scheduler)."""
    count = 0
    for task in ReportingTask.objects.filter(active=True, last_period=""):
        count += len(instances_generate(task=task, today=today))
    return count


# --- the state machine ----------------------------------------------------------------------------

# action → (statuses it starts from, roles that may take it)
SUBMIT, APPROVE, ACCEPT, RETURN = "submit", "approve", "accept", "return"


def allowed(instance: TaskInstance, role: str | None) -> set[str]:
    """The actions `role` may take on `instance` now."""
    task = instance.task
    final_role = Role.DISTRICT if task.area.level <= Area.Level.COUNTY else Role.TOWN
    actions: set[str] = set()
    status = instance.status
    if role == Role.VILLAGE and status in {S.OPEN, S.RETURNED}:
        actions.add(SUBMIT)
    if role == Role.TOWN and task.town_review and status == S.SUBMITTED:
        actions |= {APPROVE, RETURN}
    ready = S.APPROVED if task.town_review else S.SUBMITTED
    if role == final_role and status == ready:
        actions |= {ACCEPT, RETURN}
    if role == final_role and status == S.ACCEPTED:
        actions.add(RETURN)  # the return from above that unlocks accepted data
    if role == Role.TOWN and task.town_review and status == S.APPROVED:
        actions.add(RETURN)  # the town takes back its approval before the district acts
    return actions


def _require(instance: TaskInstance, role: str | None, action: str) -> None:
    if action not in allowed(instance, role):
        raise ValidationError(
            f"当前状态“{instance.get_status_display()}”下，您的角色不能执行该操作",
            code="transition",
        )


def _lock_row(instance: TaskInstance) -> TaskInstance:
    return (
        TaskInstance.objects.inherited()
        .select_for_update(of=("self",))
        .select_related("task", "area", "task__area")
        .get(pk=instance.pk)
    )


def _log(actor: Any, action: str, instance: TaskInstance, before: str, **extra: Any) -> None:
    audit.log(
        actor=actor,
        action=f"reporting_instance.{action}",
        obj=instance,
        changes={"status": [before, instance.status], **{k: [None, v] for k, v in extra.items()}},
    )


def instance_check(instance: TaskInstance) -> list[quality.Finding]:
    dataset = datasets.get(instance.task.dataset)
    period = parse(instance.period)
    findings: list[quality.Finding] = []
    if dataset.requires_records and not dataset.records(instance.area, period).exists():
        findings.append(
            quality.Finding(0, "尚未填报", "block", f"尚未填报{period.label}的{dataset.title}")
        )
        return findings
    return findings + quality.check(dataset=dataset, area=instance.area, period=period)


@transaction.atomic
def instance_submit(
    *,
    instance: TaskInstance,
    actor: Any,
    role: str | None,
    explanations: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> TaskInstance:
    instance = _lock_row(instance)
    _require(instance, role, SUBMIT)
    explanations = {k: v.strip() for k, v in (explanations or {}).items() if v and v.strip()}
    findings = instance_check(instance)
    blocking = [f for f in findings if f.severity == "block"]
    if blocking:
        raise ValidationError([f"{f.name}：{f.message}" for f in blocking], code="blocked")
    unexplained = [f for f in findings if str(f.rule) not in explanations]
    if unexplained:
        raise ValidationError(
            [f"{f.name}：{f.message}，请填写说明" for f in unexplained], code="explain"
        )
    before = instance.status
    now = now or timezone.now()
    instance.status = S.SUBMITTED
    instance.submitted_at = now
    instance.first_submitted_at = instance.first_submitted_at or now
    instance.submitted_by = actor if getattr(actor, "pk", None) else None
    instance.findings = [f.as_dict() for f in findings]
    instance.explanations = {str(f.rule): explanations[str(f.rule)] for f in findings}
    instance.full_clean()
    instance.save()
    _log(actor, "submitted", instance, before)
    reviewer = Role.TOWN if instance.task.town_review else _final_role(instance)
    reviewer_node = instance.area.parent if reviewer == Role.TOWN else instance.task.area
    _notify_role(
        reviewer,
        [reviewer_node] if reviewer_node else [],
        kind=Notification.Kind.SUBMITTED,
        title=f"{instance.area.display_name}已报送{instance.period_label}“{instance.task.title}”，待审核",
        url=reverse("reporting:instance", args=[instance.pk]),
        area=instance.area,
    )
    return instance


def _final_role(instance: TaskInstance) -> str:
    return Role.DISTRICT if instance.task.area.level <= Area.Level.COUNTY else Role.TOWN


@transaction.atomic
def instance_approve(*, instance: TaskInstance, actor: Any, role: str | None) -> TaskInstance:
    instance = _lock_row(instance)
    _require(instance, role, APPROVE)
    before = instance.status
    instance.status = S.APPROVED
    instance.approved_at = timezone.now()
    instance.save(update_fields=["status", "approved_at", "updated_at"])
    _log(actor, "approved", instance, before)
    _notify_role(
        Role.DISTRICT,
        [instance.task.area],
        kind=Notification.Kind.APPROVED,
        title=f"{instance.area.display_name}{instance.period_label}“{instance.task.title}”镇街已审核，待验收",
        url=reverse("reporting:instance", args=[instance.pk]),
        area=instance.area,
    )
    return instance


@transaction.atomic
def instance_accept(*, instance: TaskInstance, actor: Any, role: str | None) -> TaskInstance:
    instance = _lock_row(instance)
    _require(instance, role, ACCEPT)
    before = instance.status
    instance.status = S.ACCEPTED
    instance.accepted_at = timezone.now()
    instance.save(update_fields=["status", "accepted_at", "updated_at"])
    _log(actor, "accepted", instance, before)
    _notify_role(
        Role.VILLAGE,
        [instance.area],
        kind=Notification.Kind.ACCEPTED,
        title=f"{instance.period_label}“{instance.task.title}”已验收，数据已锁定",
        url=reverse("reporting:instance", args=[instance.pk]),
        area=instance.area,
    )
    return instance


@transaction.atomic
def instance_return(
    *, instance: TaskInstance, actor: Any, role: str | None, reason: str
) -> TaskInstance:
    instance = _lock_row(instance)
    _require(instance, role, RETURN)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回原因"})
    before = instance.status
    instance.status = S.RETURNED
    instance.returned_at = timezone.now()
    instance.return_reason = reason[:500]
    instance.approved_at = instance.accepted_at = None
    instance.save(
        update_fields=[
            "status",
            "returned_at",
            "return_reason",
            "approved_at",
            "accepted_at",
            "updated_at",
        ]
    )
    _log(actor, "returned", instance, before, reason=instance.return_reason)
    _notify_role(
        Role.VILLAGE,
        [instance.area],
        kind=Notification.Kind.RETURNED,
        title=f"{instance.period_label}“{instance.task.title}”被退回",
        body=f"退回原因：{instance.return_reason}",
        url=reverse("reporting:instance", args=[instance.pk]),
        area=instance.area,
    )
    return instance


# --- reminders -------------------------------------------------------------------------------------


def _users(role: str, nodes: Iterable[Area]) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(role=role, area__in=list(nodes)).select_related("user")
    ]


def _notify_role(
    role: str,
    nodes: Iterable[Area],
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    area: Area | None = None,
) -> int:
    users = _users(role, nodes)
    if users:
        notifications.notify(users=users, kind=kind, title=title, body=body, url=url, area=area)
    return len(users)


@transaction.atomic
def remind(*, instances: Iterable[TaskInstance], actor: Any) -> int:
    """催报: remind every given instance that is not yet submitted (one click from the late list)."""
    late = [i for i in instances if not i.is_submitted]
    for instance in late:
        Reminder(
            area=instance.area,
            instance=instance,
            kind=Reminder.Kind.MANUAL,
            due_on=instance.due_on,
            sent_by=actor if getattr(actor, "pk", None) else None,
        ).save()
        _notify_role(
            Role.VILLAGE,
            [instance.area],
            kind=Notification.Kind.REMINDER,
            title=f"催报：{instance.period_label}“{instance.task.title}”",
            body=f"截止日期 {instance.due_on:%Y-%m-%d}，请尽快报送。",
            url=reverse("reporting:instance", args=[instance.pk]),
            area=instance.area,
        )
    if late:
        audit.log(
            actor=actor,
            action="reporting_instance.reminded",
            area=_common_area(late),
            changes={"villages": [i.area.display_name for i in late][:200], "count": len(late)},
        )
    return len(late)


def _common_area(instances: list[TaskInstance]) -> Area | None:
    if len({i.area_id for i in instances}) == 1:
        return instances[0].area
    return instances[0].task.area


def reminders_run(*, today: dt.date) -> dict[str, int]:
    """Automatic reminders, each once per instance and due date: due soon, overdue, and after
    ESCALATE_AFTER_DAYS the town (or district) is told. Runs daily on the scheduler."""
    sent = {"due_soon": 0, "overdue": 0, "escalated": 0}
    waiting = TaskInstance.objects.filter(status__in=[S.OPEN, S.RETURNED]).select_related(
        "task", "task__area", "area", "area__parent"
    )
    soon = waiting.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
    overdue = waiting.filter(due_on__lt=today)
    for instance in soon:
        if _once(instance, Reminder.Kind.DUE_SOON):
            sent["due_soon"] += 1
            _notify_role(
                Role.VILLAGE,
                [instance.area],
                kind=Notification.Kind.DUE,
                title=f"{instance.due_on:%m月%d日}截止：{instance.period_label}“{instance.task.title}”",
                url=reverse("reporting:instance", args=[instance.pk]),
                area=instance.area,
            )
    for instance in overdue:
        if _once(instance, Reminder.Kind.OVERDUE):
            sent["overdue"] += 1
            _notify_role(
                Role.VILLAGE,
                [instance.area],
                kind=Notification.Kind.OVERDUE,
                title=f"已逾期：{instance.period_label}“{instance.task.title}”（{instance.due_on:%Y-%m-%d}截止）",
                url=reverse("reporting:instance", args=[instance.pk]),
                area=instance.area,
            )
        if (today - instance.due_on).days >= ESCALATE_AFTER_DAYS and _once(
            instance, Reminder.Kind.ESCALATED
        ):
            sent["escalated"] += 1
            node = instance.area.parent if instance.area.parent else instance.task.area
            _notify_role(
                Role.TOWN if node.level == Area.Level.TOWN else Role.DISTRICT,
                [node],
                kind=Notification.Kind.ESCALATED,
                title=f"{instance.area.display_name}逾期{(today - instance.due_on).days}天未报送“{instance.task.title}”",
                url=reverse("reporting:instance", args=[instance.pk]),
                area=instance.area,
            )
    return sent


def _once(instance: TaskInstance, kind: str) -> bool:
    """Record an automatic reminder; False when this one was already sent for this due date."""
    _, created = Reminder.objects.get_or_create(
        instance=instance, kind=kind, due_on=instance.due_on, defaults={"area": instance.area}
    )
    return created


# --- quality rules ----------------------------------------------------------------------------------


@transaction.atomic
def rule_create(*, actor: Any, area: Area, values: dict[str, Any]) -> QualityRule:
    """A new rule (or a new version of one: rules are kept per range of years, never rewritten)."""
    rule = QualityRule(area=area, **values)
    rule.full_clean()
    dataset = datasets.get(rule.dataset)
    for expression in (rule.left, rule.right):
        for key in (k.strip() for k in expression.split("+") if k.strip()):
            if key not in dataset.labels:
                known = "、".join(dataset.labels)
                raise ValidationError(
                    {"left": f"“{key}”不是“{dataset.title}”的指标（可用：{known}）"}
                )
    rule.save()
    audit.log(
        actor=actor,
        action="quality_rule.created",
        obj=rule,
        changes=audit.diff({}, audit.snapshot(rule)),
    )
    return rule


DEFAULT_RULES: tuple[tuple[str, str, str, str, str, str | None, str], ...] = (
    (
        "经营性收入不超过集体经济总收入",
        "compare",
        "operating_like_income",
        "<=",
        "collective_income",
        None,
        "block",
    ),
    ("党员数不超过户籍人口", "compare", "party_members", "<=", "population", None, "block"),
    ("户数不超过户籍人口", "compare", "households", "<=", "population", None, "block"),
    ("集体经济总收入同比变化不超过50%", "yoy", "collective_income", "", "", "50", "explain"),
    ("村级债务同比变化不超过100%", "yoy", "debt", "", "", "100", "explain"),
    (
        "人均可支配收入偏离本镇中位数不超过3倍",
        "outlier",
        "per_capita_income",
        "",
        "",
        "3",
        "explain",
    ),
)


@transaction.atomic
def rules_ensure_default(*, district: Area, valid_from: int = 2017) -> int:
    """The district's starting rules for the village profile, created once."""
    if QualityRule.objects.inherited().filter(area=district, dataset="villages.profile").exists():
        return 0
    for name, kind, left, op, right, threshold, severity in DEFAULT_RULES:
        rule = QualityRule(
            area=district,
            dataset="villages.profile",
            name=name,
            kind=kind,
            left=left,
            op=op,
            right=right,
            threshold=Decimal(threshold) if threshold else None,
            severity=severity,
            valid_from=valid_from,
        )
        rule.full_clean()
        rule.save()
    audit.log(
        actor=None,
        action="quality_rule.created",
        area=district,
        via_path="system",
        changes={"rules": [r[0] for r in DEFAULT_RULES]},
    )
    return len(DEFAULT_RULES)
