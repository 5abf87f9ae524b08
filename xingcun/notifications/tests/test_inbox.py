"""The inbox: one's own notifications only, unread count, opening marks read, channels."""

from __future__ import annotations

import logging

import pytest

from xingcun.core.permissions import Role
from xingcun.notifications import channels, services
from xingcun.notifications.models import Notification


def test_inbox_shows_only_my_notifications_with_unread_count(tree, make_user, client):
    me = make_user(Role.VILLAGE, tree.village_a)
    other = make_user(Role.VILLAGE, tree.village_a)
    services.notify(users=[me], kind="reminder", title="催报：村情档案", url="/reporting/")
    services.notify(users=[other], kind="reminder", title="别人的通知")
    client.force_login(me)
    r = client.get("/notifications/")
    html = r.content.decode()
    assert "催报：村情档案" in html
    assert "别人的通知" not in html
    assert r.context["unread"] == 1
    badge = client.get("/reporting/badge/").content.decode()
    assert 'id="unread-count">1<' in badge


def test_opening_marks_read_and_follows_the_link(tree, make_user, client):
    me = make_user(Role.VILLAGE, tree.village_a)
    [n] = services.notify(users=[me], kind="returned", title="被退回", url="/reporting/")
    client.force_login(me)
    r = client.post(f"/notifications/{n.pk}/open/")
    assert r.status_code == 302
    assert r["Location"] == "/reporting/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_opening_someone_elses_notification_is_404(tree, make_user, client):
    other = make_user(Role.VILLAGE, tree.village_a)
    [n] = services.notify(users=[other], kind="returned", title="被退回")
    client.force_login(make_user(Role.DISTRICT, tree.district))
    assert client.post(f"/notifications/{n.pk}/open/").status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_outside_links_are_not_followed(tree, make_user, client):
    me = make_user(Role.VILLAGE, tree.village_a)
    [n] = services.notify(users=[me], kind="task", title="x", url="https://evil.example/")
    client.force_login(me)
    assert client.post(f"/notifications/{n.pk}/open/")["Location"] == "/notifications/"


def test_read_all(tree, make_user, client):
    me = make_user(Role.VILLAGE, tree.village_a)
    services.notify(users=[me], kind="task", title="一")
    services.notify(users=[me], kind="task", title="二")
    client.force_login(me)
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()


def test_logging_webhook_writes_the_payload(tree, make_user, caplog):
    me = make_user(Role.VILLAGE, tree.village_a)
    [n] = services.notify(users=[me], kind="task", title="新的报送任务")
    with caplog.at_level(logging.INFO, logger="xingcun.notifications"):
        assert channels.LoggingWebhook().send(n) == "已记录到日志"
    assert "新的报送任务" in caplog.text


def test_wecom_adapter_builds_markdown_and_needs_an_https_url(tree, make_user, settings):
    me = make_user(Role.VILLAGE, tree.village_a)
    [n] = services.notify(users=[me], kind="task", title="标题", body="正文", url="/x/")
    payload = channels.WeComWebhook().payload(n)
    assert payload["msgtype"] == "markdown"
    assert "**标题**" in payload["markdown"]["content"]
    settings.XINGCUN_WECOM_WEBHOOK = "http://insecure.example/"
    with pytest.raises(channels.DeliveryError):
        channels.WeComWebhook().send(n)


def test_failed_delivery_is_recorded(tree, make_user, settings):
    from xingcun.notifications.models import Delivery

    settings.XINGCUN_NOTIFICATION_CHANNELS = ["xingcun.notifications.channels.DingTalkWebhook"]
    me = make_user(Role.VILLAGE, tree.village_a)
    [n] = services.notify(users=[me], kind="task", title="x")
    assert services.deliver_now(notification_ids=[n.pk]) == 0
    delivery = Delivery.objects.get(notification=n)
    assert not delivery.ok
    assert "XINGCUN_DINGTALK_WEBHOOK" in delivery.detail
