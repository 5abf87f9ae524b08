from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xingcun.notifications.models import Notification


def inbox(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("area")


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
