"""Login throttling, lockout and its lift, password rules, and the audit of logins.

The failures these cover: 50 wrong passwords for `village` all answered 200 and the 51st, right one,
logged straight in; users could not change their own password; a numeric-only password was
accepted; logins and failed logins were not audited.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django_scopes import scopes_disabled

from xingcun.accounts.models import User
from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role

LOGIN = "/accounts/login/"
RIGHT = "pw-test-123"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.XINGCUN_TRUSTED_PROXIES = [PROXY]


def attempt(client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ip,
    )


def entries(action: str) -> list[AuditEntry]:
    with scopes_disabled():  # the test reads the whole log
        return list(AuditEntry.objects.filter(action=action))


def test_an_account_is_locked_after_the_limit_even_for_the_right_password(make_user, tree, client):
    user = make_user(Role.VILLAGE, tree.village_a)
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert attempt(client, user.username, "wrong").status_code == 200
    assert attempt(client, user.username, "wrong").status_code == 429  # the limit-th failure
    response = attempt(client, user.username, RIGHT)
    assert response.status_code == 429
    text = response.content.decode()
    assert "已暂时锁定" in text
    assert "之后" in text
    assert "分钟后" in text
    assert "_auth_user_id" not in client.session
    assert len(entries("account.login_failed")) >= limit
    locked = entries("account.locked_out")
    assert locked
    assert locked[0].changes["username"] == user.username


def test_another_address_is_refused_for_a_locked_account(make_user, tree, client):
    user = make_user(Role.VILLAGE, tree.village_a)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.username, "wrong", ip="203.0.113.7")
    assert attempt(client, user.username, RIGHT, ip="198.51.100.9").status_code == 429


def test_one_address_trying_many_accounts_is_locked_but_others_are_not(make_user, tree, client):
    users = [make_user(Role.VILLAGE, tree.village_a) for _ in range(settings.AXES_FAILURE_LIMIT)]
    for user in users:
        attempt(client, user.username, "wrong", ip="203.0.113.66")
    fresh = make_user(Role.VILLAGE, tree.village_a)
    assert attempt(client, fresh.username, RIGHT, ip="203.0.113.66").status_code == 429
    # The proxy's own address is not the key: another villager behind it still logs in.
    assert attempt(client, fresh.username, RIGHT, ip="198.51.100.10").status_code == 302


def test_a_district_admin_lifts_a_lockout_and_the_lift_is_audited(
    make_user, tree, client, client_as
):
    user = make_user(Role.VILLAGE, tree.village_a)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.username, "wrong")
    assert attempt(client, user.username, RIGHT).status_code == 429
    admin = client_as(Role.DISTRICT, tree.district)
    page = admin.get(reverse("accounts:lockouts")).content.decode()
    assert user.username in page
    response = admin.post(
        reverse("accounts:lockout-lift"), {"kind": "username", "value": user.username}
    )
    assert response.status_code == 302
    (lifted,) = entries("account.lockout_lifted")
    assert lifted.changes["username"] == user.username
    assert lifted.actor.memberships.get().role == Role.DISTRICT
    assert attempt(client, user.username, RIGHT).status_code == 302


def test_a_district_admin_lifts_an_address_lockout(make_user, tree, client, client_as):
    users = [make_user(Role.VILLAGE, tree.village_a) for _ in range(settings.AXES_FAILURE_LIMIT)]
    for user in users:
        attempt(client, user.username, "wrong", ip="203.0.113.80")
    fresh = make_user(Role.VILLAGE, tree.village_a)
    assert attempt(client, fresh.username, RIGHT, ip="203.0.113.80").status_code == 429
    admin = client_as(Role.DISTRICT, tree.district)
    assert "203.0.113.80" in admin.get(reverse("accounts:lockouts")).content.decode()
    admin.post(reverse("accounts:lockout-lift"), {"kind": "ip", "value": "203.0.113.80"})
    (lifted,) = entries("account.lockout_lifted")
    assert lifted.changes["ip"] == "203.0.113.80"
    assert attempt(client, fresh.username, RIGHT, ip="203.0.113.80").status_code == 302


def test_a_town_cadre_cannot_lift_a_lockout(tree, client_as):
    town = client_as(Role.TOWN, tree.town_a)
    response = town.post(reverse("accounts:lockout-lift"), {"kind": "ip", "value": "1.2.3.4"})
    assert response.status_code == 403


def test_logins_failures_and_logouts_are_audited_with_the_client_address(make_user, tree, client):
    user = make_user(Role.TOWN, tree.town_a)
    attempt(client, user.username, "wrong", ip="198.51.100.20")
    assert attempt(client, user.username, RIGHT, ip="198.51.100.20").status_code == 302
    client.post(reverse("accounts:logout"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    (failed,) = entries("account.login_failed")
    (login,) = entries("account.logged_in")
    (logout,) = entries("account.logged_out")
    assert failed.changes == {"username": user.username, "ip": "198.51.100.20"}
    assert login.actor_id == user.pk
    assert login.changes["ip"] == "198.51.100.20"
    assert logout.actor_id == user.pk
    assert login.area_id == tree.town_a.pk  # the town's own audit page shows it


def test_every_user_can_change_their_password_and_the_change_is_audited(make_user, tree, client):
    user = make_user(Role.MEMBER, tree.village_a)
    client.force_login(user)
    url = reverse("accounts:password")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "old_password": RIGHT,
            "new_password1": "Qing-shan-7721",
            "new_password2": "Qing-shan-7721",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Qing-shan-7721")
    (changed,) = entries("user.password_changed")
    assert changed.actor_id == user.pk
    assert changed.changes == {"password": ["（已修改）", "（已修改）"]}  # never the hash


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("xingcun2020", "演示账号"),  # the demo logins' published password
        ("73019284461", "全都是数字"),  # numeric only
        ("password123", "太常见"),  # common
    ],
)
def test_production_refuses_demo_numeric_and_common_passwords(
    make_user, tree, client, password, message
):
    assert not settings.DEBUG  # the production rules (config/settings.py)
    user = make_user(Role.VILLAGE, tree.village_a)
    client.force_login(user)
    response = client.post(
        reverse("accounts:password"),
        {"old_password": RIGHT, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(RIGHT)


def test_production_refuses_a_login_with_the_demo_password(tree, client):
    user = User.objects.create_user("demo-left-over", password="xingcun2020")
    response = attempt(client, user.username, "xingcun2020")
    assert response.status_code == 200
    assert "演示账号的公开密码" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_validators_in_debug_leave_the_demo_password_alone():
    """Only production adds the demo and numeric rules: the embedded demo keeps working."""
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(len([v for v in settings.AUTH_PASSWORD_VALIDATORS if 'Demo' in v['NAME']]))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", code],
        env={
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(settings.BASE_DIR),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "0"


def test_user_model_is_the_platforms():
    assert User._meta.label == "accounts.User"
