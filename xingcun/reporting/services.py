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
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from xingcun.accounts.models import Membership
from xingcun.core import audit, datasets
from xingcun.core.models import Area
from xingcun.core.periods import Period, parse, period_of
from xingcun.core.permissions import Role
from xingcun.core.writes import save_diff
from xingcun.notifications import services as notifications
from xingcun.notifications.models import Notification
from xingcun.reporting import quality
from xingcun.reporting.defaults import DEFAULT_RULES
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
        raise ValidationError({"dataset": gettext("请选择报送内容")}) from e
    for name, code in (("first_period", first_period), ("last_period", last_period)):
        if code:
            try:
                period = parse(code)
            except ValueError as e:
                raise ValidationError({name: str(e)}) from e
            if period_of(ds.frequency, period.start).code != code:
                raise ValidationError(
                    {
                        name: gettext("“%(title)s”按%(freq_label)s报送，报送期应如 %(example)s")
                        % {
                            "title": ds.title,
                            "freq_label": _freq_label(ds.frequency),
                            "example": _example(ds.frequency),
                        }
                    }
                )
    nodes = list(nodes)
    for node in nodes:
        if not node.path.startswith(area.path):
            raise ValidationError(
                {"nodes": gettext("“%(name)s”不在本辖区内") % {"name": node.display_name}}
            )
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
            "dataset": [None, str(ds.title)],
            "first_period": [None, first_period],
        },
    )
    created = instances_generate(task=task, today=today or timezone.localdate())
    villages = {i.area_id for i in created}
    _notify_role(
        Role.VILLAGE,
        Area.tree.filter(pk__in=villages),
        kind=Notification.Kind.TASK,
        title=gettext("新的报送任务：%(title)s") % {"title": task.title},
        body=gettext("请在截止日期前报送。共 %(count)s 期。") % {"count": len(created)},
        url=reverse("reporting:index"),
    )
    return task


def _freq_label(frequency: str) -> str:
    return {"yearly": gettext("年度"), "quarterly": gettext("季度"), "monthly": gettext("月度")}[
        frequency
    ]


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
            gettext("当前状态“%(status)s”下，您的角色不能执行该操作")
            % {"status": instance.get_status_display()},
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
            quality.Finding(
                0,
                gettext("尚未填报"),
                "block",
                gettext("尚未填报%(label)s的%(title)s")
                % {"label": period.label, "title": dataset.title},
            )
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
            [
                gettext("%(name)s：%(message)s，请填写说明")
                % {"name": f.name, "message": f.message}
                for f in unexplained
            ],
            code="explain",
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
    _notify_about(
        instance,
        reviewer,
        [reviewer_node] if reviewer_node else [],
        kind=Notification.Kind.SUBMITTED,
        message=gettext("%(name)s已报送%(period_label)s“%(title)s”，待审核"),
    )
    return instance


def _final_role(instance: TaskInstance) -> str:
    return Role.DISTRICT if instance.task.area.level <= Area.Level.COUNTY else Role.TOWN


def _advance(
    instance: TaskInstance, *, actor: Any, role: str | None, need: str, to: str, verb: str
) -> TaskInstance:
    """The review steps: lock, check the role, move to `to`, stamp `<verb>_at`, audit."""
    instance = _lock_row(instance)
    _require(instance, role, need)
    before = instance.status
    instance.status = to
    setattr(instance, f"{verb}_at", timezone.now())
    instance.save(update_fields=["status", f"{verb}_at", "updated_at"])
    _log(actor, verb, instance, before)
    return instance


@transaction.atomic
def instance_approve(*, instance: TaskInstance, actor: Any, role: str | None) -> TaskInstance:
    instance = _advance(
        instance, actor=actor, role=role, need=APPROVE, to=S.APPROVED, verb="approved"
    )
    _notify_about(
        instance,
        Role.DISTRICT,
        [instance.task.area],
        kind=Notification.Kind.APPROVED,
        message=gettext("%(name)s%(period_label)s“%(title)s”镇街已审核，待验收"),
    )
    return instance


@transaction.atomic
def instance_accept(*, instance: TaskInstance, actor: Any, role: str | None) -> TaskInstance:
    instance = _advance(
        instance, actor=actor, role=role, need=ACCEPT, to=S.ACCEPTED, verb="accepted"
    )
    _notify_village(
        instance,
        kind=Notification.Kind.ACCEPTED,
        message=gettext("%(period_label)s“%(title)s”已验收，数据已锁定"),
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
        raise ValidationError({"reason": gettext("请填写退回原因")})
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
    _notify_village(
        instance,
        kind=Notification.Kind.RETURNED,
        message=gettext("%(period_label)s“%(title)s”被退回"),
        body=gettext("退回原因：%(return_reason)s") % {"return_reason": instance.return_reason},
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


def _notify_about(
    instance: TaskInstance,
    role: str,
    nodes: Iterable[Area],
    *,
    kind: str,
    message: str,
    body: str = "",
    **values: Any,
) -> int:
    """Notify `role` at `nodes` about one instance: `message` may name the instance's village
    (`%(name)s`), period (`%(period_label)s`) and task (`%(title)s`), besides `values`; the
    notification links to the instance's page."""
    title = message % {
        "name": instance.area.display_name,
        "period_label": instance.period_label,
        "title": instance.task.title,
        **values,
    }
    url = reverse("reporting:instance", args=[instance.pk])
    return _notify_role(role, nodes, kind=kind, title=title, body=body, url=url, area=instance.area)


def _notify_village(
    instance: TaskInstance, *, kind: str, message: str, body: str = "", **values: Any
) -> int:
    """`_notify_about()` the village that reports `instance`."""
    return _notify_about(
        instance, Role.VILLAGE, [instance.area], kind=kind, message=message, body=body, **values
    )


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
        _notify_village(
            instance,
            kind=Notification.Kind.REMINDER,
            message=gettext("催报：%(period_label)s“%(title)s”"),
            body=gettext("截止日期 %(date)s，请尽快报送。")
            % {"date": f"{instance.due_on:%Y-%m-%d}"},
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
            _notify_village(
                instance,
                kind=Notification.Kind.DUE,
                message=gettext("%(month)s月%(day)s日截止：%(period_label)s“%(title)s”"),
                month=f"{instance.due_on:%m}",
                day=f"{instance.due_on:%d}",
            )
    for instance in overdue:
        if _once(instance, Reminder.Kind.OVERDUE):
            sent["overdue"] += 1
            _notify_village(
                instance,
                kind=Notification.Kind.OVERDUE,
                message=gettext("已逾期：%(period_label)s“%(title)s”（%(date)s截止）"),
                date=f"{instance.due_on:%Y-%m-%d}",
            )
        if (today - instance.due_on).days >= ESCALATE_AFTER_DAYS and _once(
            instance, Reminder.Kind.ESCALATED
        ):
            sent["escalated"] += 1
            node = instance.area.parent if instance.area.parent else instance.task.area
            _notify_about(
                instance,
                Role.TOWN if node.level == Area.Level.TOWN else Role.DISTRICT,
                [node],
                kind=Notification.Kind.ESCALATED,
                message=gettext("%(name)s逾期%(days)s天未报送“%(title)s”"),
                days=(today - instance.due_on).days,
            )
    return sent


def _once(instance: TaskInstance, kind: str) -> bool:
    """Record an automatic reminder; False when this one was already sent for this due date."""
    _reminder, created = Reminder.objects.get_or_create(
        instance=instance, kind=kind, due_on=instance.due_on, defaults={"area": instance.area}
    )
    return created


# --- quality rules ----------------------------------------------------------------------------------


RULE_FIELDS = (
    "dataset",
    "name",
    "kind",
    "left",
    "op",
    "right",
    "threshold",
    "severity",
    "valid_from",
    "valid_to",
)


def _rule_check(rule: QualityRule) -> None:
    """The rule's own checks, its figures known to its data set, and no other version of the same
    rule (data set and name, set at the same node) valid in any of its years."""
    rule.full_clean()
    dataset = datasets.get(rule.dataset)
    for field, expression in (("left", rule.left), ("right", rule.right)):
        for key in (k.strip() for k in expression.split("+") if k.strip()):
            if key not in dataset.labels:
                known = "、".join(dataset.labels)
                raise ValidationError(
                    {
                        field: _("“%(key)s”不是“%(dataset)s”的指标（可用：%(known)s）")
                        % {"key": key, "dataset": dataset.title, "known": known}
                    }
                )
    others = QualityRule.objects.filter(
        area_id=rule.area_id, dataset=rule.dataset, name=rule.name
    ).exclude(pk=rule.pk)
    last = rule.valid_to if rule.valid_to is not None else 9999
    for other in others:
        other_last = other.valid_to if other.valid_to is not None else 9999
        if other.valid_from <= last and rule.valid_from <= other_last:
            raise ValidationError(
                {
                    "valid_from": _(
                        "与同名规则的另一版本（%(start)s—%(end)s年度）重叠：请调整有效年度"
                    )
                    % {"start": other.valid_from, "end": other.valid_to or _("至今")}
                }
            )


@transaction.atomic
def rule_create(*, actor: Any, area: Area, values: dict[str, Any]) -> QualityRule:
    """A new rule, set at `area` (district staff)."""
    rule = QualityRule(area=area, **values)
    _rule_check(rule)
    rule.save()
    audit.log_change(actor=actor, action="quality_rule.created", obj=rule, before={})
    return rule


@transaction.atomic
def rule_update(*, actor: Any, rule: QualityRule, values: dict[str, Any]) -> QualityRule:
    """Correct a version in place (a typo, a wrong threshold); a change from a year on is a new
    version instead (`rule_new_version`), so earlier years keep the rule they were checked by."""
    rule = QualityRule.objects.select_for_update().get(pk=rule.pk)
    before = audit.snapshot(rule)
    for name in RULE_FIELDS:
        if name in values:
            setattr(rule, name, values[name])
    _rule_check(rule)
    rule.save()
    changes = audit.diff(before, audit.snapshot(rule))
    if changes:
        audit.log(actor=actor, action="quality_rule.updated", obj=rule, changes=changes)
    return rule


@transaction.atomic
def rule_new_version(*, actor: Any, rule: QualityRule, values: dict[str, Any]) -> QualityRule:
    """A new version of `rule` from `values["valid_from"]` on: the current version ends the year
    before (when it ran on past it), and the new one keeps its name and data set. Both audited."""
    current = QualityRule.objects.select_for_update().get(pk=rule.pk)
    start = values.get("valid_from")
    if not isinstance(start, int) or start <= current.valid_from:
        raise ValidationError(
            {
                "valid_from": _("新版本的起始年度应晚于当前版本的起始年度（%(year)s）")
                % {"year": current.valid_from}
            }
        )
    if current.valid_to is None or current.valid_to >= start:
        save_diff(current, actor=actor, action="quality_rule.updated", valid_to=start - 1)
    data = {name: getattr(current, name) for name in RULE_FIELDS}
    data.update({k: v for k, v in values.items() if k in RULE_FIELDS})
    data.update(dataset=current.dataset, name=current.name)
    version = QualityRule(area=current.area, **data)
    _rule_check(version)
    version.save()
    audit.log(
        actor=actor,
        action="quality_rule.versioned",
        obj=version,
        changes={"previous": current.pk, **audit.diff({}, audit.snapshot(version))},
    )
    return version


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
