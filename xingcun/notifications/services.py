from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from xingcun.core.models import Area
from xingcun.notifications import channels
from xingcun.notifications.models import Delivery, Notification


@transaction.atomic
def notify(
    *,
    users: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    area: Area | None = None,
) -> list[Notification]:
    """Put a message in each user's inbox, then hand it to the outside channels after commit."""
    created = Notification.objects.bulk_create(
        Notification(user=u, kind=kind, title=title[:200], body=body, url=url, area=area)
        for u in {u.pk: u for u in users}.values()
    )
    if created and channels.configured():
        from xingcun.notifications.tasks import deliver

        ids = [n.pk for n in created]
        transaction.on_commit(lambda: deliver.enqueue(notification_ids=ids))
    return created


def deliver_now(*, notification_ids: list[int]) -> int:
    """Send each notification through every configured channel; one Delivery row per attempt."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("user")
    for notification in notifications:
        for channel in channels.configured():
            try:
                detail, ok = channel.send(notification), True
            except channels.DeliveryError as e:
                detail, ok = str(e), False
            Delivery.objects.create(
                notification=notification, channel=channel.name, ok=ok, detail=detail[:300]
            )
            sent += ok
    return sent


def mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now()
    )
