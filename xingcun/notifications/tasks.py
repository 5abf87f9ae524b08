"""Delivery of notifications to outside channels, in the background."""

from __future__ import annotations

from django_tasks import task

from xingcun.notifications import services


@task()
def deliver(notification_ids: list[int]) -> int:
    return services.deliver_now(notification_ids=notification_ids)
