"""Delivery channels besides the inbox, chosen by the setting `XINGCUN_NOTIFICATION_CHANNELS`
(dotted paths). Each channel is a class with a `name` and `send(notification) -> str` that raises
`DeliveryError` on failure.

- `EmailChannel` sends through Django's mail backends (`EMAIL_BACKEND`), to users with an address.
- `WebhookChannel` is the adapter interface for SMS gateways, 政务钉钉 and 企业微信 robots: a
  subclass builds the payload for its service and posts it; `LoggingWebhook` only logs the payload
  (development and tests), `WeComWebhook` and `DingTalkWebhook` post to the configured robot URL.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_noop

from xingcun.notifications.models import Notification

logger = logging.getLogger("xingcun.notifications")


class DeliveryError(Exception):
    pass


class Channel(Protocol):
    name: str

    def send(self, notification: Notification) -> str: ...


def _link(notification: Notification) -> str:
    base = getattr(settings, "XINGCUN_SITE_URL", "").rstrip("/")
    return f"{base}{notification.url}" if notification.url else base


class EmailChannel:
    name = "email"

    def send(self, notification: Notification) -> str:
        address = notification.user.email
        if not address:
            return gettext("无邮箱，跳过")
        body = f"{notification.body}\n\n{_link(notification)}".strip()
        send_mail(notification.title, body, None, [address])
        return address


class WebhookChannel:
    """Base of the SMS / 政务钉钉 / 企业微信 adapters: `payload()` and `post()`."""

    name = "webhook"
    url_setting = ""

    def payload(self, notification: Notification) -> dict[str, Any]:
        return {
            "user": notification.user.username,
            "phone": getattr(notification.user, "phone", ""),
            "title": notification.title,
            "text": notification.body,
            "url": _link(notification),
        }

    def post(self, payload: dict[str, Any]) -> str:
        url = getattr(settings, self.url_setting, "") if self.url_setting else ""
        if not url.startswith("https://"):
            raise DeliveryError(
                gettext("%(name)s: 未配置 %(url_setting)s")
                % {"name": self.name, "url_setting": self.url_setting}
            )
        request = urllib.request.Request(  # noqa: S310  (https only, checked above)
            url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return f"HTTP {response.status}"
        except OSError as e:
            raise DeliveryError(f"{self.name}: {e}") from e

    def send(self, notification: Notification) -> str:
        return self.post(self.payload(notification))


class LoggingWebhook(WebhookChannel):
    """Development backend: writes the payload to the log instead of posting it."""

    name = "log"

    def post(self, payload: dict[str, Any]) -> str:
        logger.info("notification %s", json.dumps(payload, ensure_ascii=False))
        return gettext("已记录到日志")


class MarkdownWebhook(WebhookChannel):
    """A group robot that takes a markdown message: `markdown` is its layout of title, body and
    link."""

    markdown = ""

    def text(self, notification: Notification) -> str:
        return gettext(self.markdown) % {
            "title": notification.title,
            "body": notification.body,
            "link": _link(notification),
        }


class WeComWebhook(MarkdownWebhook):
    """企业微信 group robot (markdown message)."""

    name = "wecom"
    url_setting = "XINGCUN_WECOM_WEBHOOK"
    markdown = gettext_noop("**%(title)s**\n%(body)s\n[查看](%(link)s)")

    def payload(self, notification: Notification) -> dict[str, Any]:
        return {"msgtype": "markdown", "markdown": {"content": self.text(notification)}}


class DingTalkWebhook(MarkdownWebhook):
    """政务钉钉 / 钉钉 group robot (markdown message)."""

    name = "dingtalk"
    url_setting = "XINGCUN_DINGTALK_WEBHOOK"
    markdown = gettext_noop("### %(title)s\n%(body)s\n[查看](%(link)s)")

    def payload(self, notification: Notification) -> dict[str, Any]:
        text = self.text(notification)
        return {"msgtype": "markdown", "markdown": {"title": notification.title, "text": text}}


def configured() -> list[Channel]:
    paths = getattr(settings, "XINGCUN_NOTIFICATION_CHANNELS", [])
    return [import_string(path)() for path in paths]
