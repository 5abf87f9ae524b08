"""Reporting tasks (报送任务), their instances per node and period, data-quality rules and the
reminders sent for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, AreaScoped, at_least
from xingcun.core.periods import Frequency, Period


class ReportingTask(AreaScoped):
    """What is reported, by which villages, for which periods, by when. `area` is the node that
    issued the task (the district or a town); the villages are `nodes`, or every village under
    `area` when `nodes` is empty."""

    NAMED_BY = "title"

    title = models.CharField(_("任务名称"), max_length=100)
    dataset = models.CharField(_("报送内容"), max_length=64)
    frequency = models.CharField(_("周期"), max_length=16, choices=Frequency.choices)
    first_period = models.CharField(_("起始报送期"), max_length=8)
    last_period = models.CharField(
        _("截止报送期"), max_length=8, blank=True, help_text=_("留空表示长期任务，按周期自动生成")
    )
    due_days = models.PositiveSmallIntegerField(
        _("报送期结束后几天内报送"), default=30, help_text=_("截止日期 = 报送期最后一天 + 天数")
    )
    nodes = models.ManyToManyField(
        Area, blank=True, related_name="+", verbose_name=_("报送单位（留空为全部村社）")
    )
    town_review = models.BooleanField(_("镇街初审"), default=True)
    active = models.BooleanField(_("启用"), default=True)
    created_by = Ref(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("报送任务")
        ordering = ["-first_period", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_days__lte=366), name="reporting_task_due_days_366"
            ),
        ]

    def due_on(self, period: Period) -> dt.date:
        return period.end + dt.timedelta(days=self.due_days)


class TaskInstance(AreaScoped):
    """One village's report for one period of a task: its workflow state, from open to accepted.
    Accepted data of the village and period is locked (see `reporting.locks`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("待报送")
        RETURNED = "returned", _("已退回")
        SUBMITTED = "submitted", _("待镇街审核")
        APPROVED = "approved", _("待区委验收")
        ACCEPTED = "accepted", _("已验收")

    task = Ref(ReportingTask, _("任务"), on_delete=models.CASCADE, related_name="instances")
    period = models.CharField(_("报送期"), max_length=8)
    period_end = models.DateField(_("报送期末"))
    due_on = models.DateField(_("截止日期"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = Ref(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    approved_at = models.DateTimeField(_("镇街审核时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("区委验收时间"), null=True, blank=True)
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回原因"), max_length=500, blank=True)
    explanations: models.JSONField[Any] = models.JSONField(
        _("数据说明"), default=dict, blank=True
    )  # rule id → the village's explanation of a flagged value
    findings: models.JSONField[Any] = models.JSONField(
        _("校验结果"), default=list, blank=True
    )  # the quality checks at the last submission, shown to reviewers

    class Meta:
        verbose_name = _("报送实例")
        ordering = ["due_on", "area__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "area", "period"], name="reporting_instance_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="reporting_instance_returned_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="reporting_status_due")]

    def __str__(self) -> str:
        return f"{self.area.display_name} · {self.task.title}（{self.period}）"

    @property
    def period_label(self) -> str:
        from xingcun.core.periods import parse

        return parse(self.period).label

    @property
    def is_submitted(self) -> bool:
        return self.status in {self.Status.SUBMITTED, self.Status.APPROVED, self.Status.ACCEPTED}

    @property
    def on_time(self) -> bool:
        """Submitted (the first time) by the end of the due day."""
        if self.first_submitted_at is None:
            return False
        return timezone.localdate(self.first_submitted_at) <= self.due_on

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_submitted and today > self.due_on

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left())


class QualityRule(AreaScoped):
    """A data-quality rule of a data set, valid for a range of years, set at the district (or a
    town): a comparison between figures, or an outlier check. `block` stops submission; `explain`
    lets the village submit with an explanation that the reviewer sees beside the value."""

    NAMED_BY = "name"

    class Kind(models.TextChoices):
        COMPARE = "compare", _("比较（左边 运算符 右边）")
        YOY = "yoy", _("同比变化超过阈值(%)")
        OUTLIER = "outlier", _("偏离本镇街中位数超过阈值(倍)")

    class Op(models.TextChoices):
        LE = "<=", "≤"
        LT = "<", "<"
        EQ = "=", "="
        GE = ">=", "≥"
        GT = ">", ">"

    class Severity(models.TextChoices):
        BLOCK = "block", _("阻止报送")
        EXPLAIN = "explain", _("需填写说明")

    dataset = models.CharField(_("报送内容"), max_length=64)
    name = models.CharField(_("规则名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    left = models.CharField(_("左边（指标，可用 + 相加）"), max_length=200)
    op = models.CharField(_("运算符"), max_length=2, choices=Op.choices, blank=True)
    right = models.CharField(_("右边（指标，可用 + 相加）"), max_length=200, blank=True)
    threshold = models.DecimalField(
        _("阈值"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    severity = models.CharField(_("处理方式"), max_length=16, choices=Severity.choices)
    valid_from = models.PositiveSmallIntegerField(_("起始年度"))
    valid_to = models.PositiveSmallIntegerField(_("截止年度"), null=True, blank=True)

    class Meta:
        verbose_name = _("数据质量规则")
        ordering = ["dataset", "valid_from", "id"]
        constraints = [
            at_least("valid_to", "valid_from", name="quality_rule_valid_to_after_from"),
            models.CheckConstraint(
                condition=~Q(kind="compare") | (~Q(op="") & ~Q(right="")),
                name="quality_rule_compare_has_op_right",
            ),
            models.CheckConstraint(
                condition=Q(kind="compare") | Q(threshold__gt=0),
                name="quality_rule_outlier_has_threshold",
            ),
        ]

    def covers(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


class Reminder(AreaScoped):
    """A reminder about one instance: automatic ones (due soon, overdue, escalated) are sent once
    per due date; 催报 by staff may be repeated."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("即将到期提醒")
        OVERDUE = "overdue", _("逾期提醒")
        ESCALATED = "escalated", _("逾期上报镇街")
        MANUAL = "manual", _("催报")

    instance = Ref(TaskInstance, _("报送实例"), on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    due_on = models.DateField(_("针对的截止日期"))
    sent_by = Ref(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("提醒记录")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["instance", "kind", "due_on"],
                condition=~Q(kind="manual"),
                name="reporting_reminder_once_per_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instance} {self.get_kind_display()}"
