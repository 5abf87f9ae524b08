"""The in-app inbox: one row per user and message; delivery to other channels is logged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, BaseModel


class Notification(BaseModel):
    """A message to one user. Owned by the user (read only through `selectors.inbox(user=)`),
    not by an area: `area` is the node it concerns, for links."""

    NAMED_BY = "title"

    class Kind(models.TextChoices):
        DUE = "due", _("到期提醒")
        OVERDUE = "overdue", _("逾期提醒")
        REMINDER = "reminder", _("催报")
        RETURNED = "returned", _("退回")
        APPROVED = "approved", _("审核通过")
        ACCEPTED = "accepted", _("验收通过")
        SUBMITTED = "submitted", _("待审核")
        ESCALATED = "escalated", _("逾期上报")
        TASK = "task", _("新任务")

    user = Ref(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]


class Delivery(BaseModel):
    """One attempt to deliver a notification through an outside channel (mail, SMS, webhook)."""

    notification = Ref(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=32)
    ok = models.BooleanField(_("成功"), default=False)
    detail = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("通知投递")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.channel} {'✓' if self.ok else '✗'}"
