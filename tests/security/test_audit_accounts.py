"""Every change to accounts, roles, memberships and permissions is in the platform's audit log, with
its before and after, whichever path made it: a page, the Django admin, or a command.

The failure this covers: changing a user's role to district and making it staff in
/admin/accounts/user/…/change/ wrote nothing to the audit log.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.management.commands import changepassword
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from xingcun.accounts.models import Membership, User
from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role


def log(*actions: str) -> list[AuditEntry]:
    with scopes_disabled():  # the test reads the whole log
        return list(AuditEntry.objects.filter(action__in=actions).order_by("id"))


@pytest.fixture
def admin_client(db, client):
    boss = User.objects.create_superuser("boss", password="Admin-pw-7781")
    client.force_login(boss)
    client.boss = boss
    return client


def test_an_admin_change_of_role_and_staff_flag_is_audited_with_before_and_after(
    admin_client, make_user, tree
):
    user = make_user(Role.VILLAGE, tree.village_a)
    membership = user.memberships.get()
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": str(membership.pk),
        "memberships-0-user": str(user.pk),
        "memberships-0-area": str(tree.district.pk),
        "memberships-0-role": Role.DISTRICT,
        "memberships-0-title": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (user_entry,) = log("user.updated")
    assert user_entry.via == "admin"
    assert user_entry.actor_id == admin_client.boss.pk
    assert user_entry.changes["is_staff"] == [False, True]
    (role_entry,) = log("membership.updated")
    assert role_entry.via == "admin"
    assert role_entry.changes["role"] == [Role.VILLAGE, Role.DISTRICT]
    assert role_entry.changes["area"] == [tree.village_a.pk, tree.district.pk]


def test_an_admin_deletion_of_a_membership_and_a_user_is_audited(admin_client, make_user, tree):
    user = make_user(Role.TOWN, tree.town_a)
    response = admin_client.post(
        reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    (gone,) = log("membership.deleted")
    assert gone.changes["deleted"]["role"] == Role.TOWN
    (user_gone,) = log("user.deleted")
    assert user_gone.changes["deleted"]["username"] == user.username
    assert "password" not in user_gone.changes["deleted"]  # never the hash


def test_group_and_permission_changes_are_audited(admin_client, make_user, tree):
    user = make_user(Role.TOWN, tree.town_a)
    group = Group.objects.create(name="审核员")
    permission = Permission.objects.get(codename="change_user")
    group.permissions.add(permission)
    user.groups.add(group)
    user.user_permissions.add(permission)
    user.groups.remove(group)
    entries = log("group.created", "group.permissions_changed", "user.permissions_changed")
    assert [e.action for e in entries] == [
        "group.created",
        "group.permissions_changed",
        "user.permissions_changed",
        "user.permissions_changed",
        "user.permissions_changed",
    ]
    assert entries[2].changes == {"groups": [[], ["审核员"]]}
    assert entries[4].changes == {"groups": [["审核员"], []]}


def test_createsuperuser_is_audited_as_a_command(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Strong-pw-5531")
    call_command(
        "createsuperuser", username="root2", email="r@example.org", interactive=False, verbosity=0
    )
    (made,) = log("user.created")
    assert made.via == "command"
    assert made.changes["is_superuser"] == [None, True]
    assert made.changes["password"] == ["", "（已修改）"]


def test_changepassword_is_audited_as_a_command(db, monkeypatch):
    user = User.objects.create_user("wang", password="Old-pw-99182")
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt="": "New-pw-55172")
    call_command("changepassword", "wang", stdout=None)
    (changed,) = log("user.password_changed")
    assert changed.via == "command"
    assert changed.object_id == str(user.pk)


def test_a_membership_made_outside_any_request_is_audited(make_user, tree):
    user = make_user(Role.VILLAGE, tree.village_a)
    Membership.objects.create(user=user, area=tree.town_a, role=Role.TOWN)
    made = log("membership.created")
    assert [e.changes["role"][1] for e in made] == [Role.VILLAGE, Role.TOWN]
    assert made[1].area_id == tree.town_a.pk


def test_the_audit_page_names_actions_in_chinese_and_filters_and_exports(
    make_user, tree, client_as
):
    from xingcun.core import audit

    actor = make_user(Role.TOWN, tree.town_a)
    audit.log(actor=actor, action="wishes.claimed", area=tree.village_a)
    audit.log(actor=actor, action="order.accepted", area=tree.village_b)
    client = client_as(Role.DISTRICT, tree.district)
    page = client.get(reverse("core:audit-list")).content.decode()
    label = audit.action_label("wishes.claimed")
    assert label.endswith("：认领")
    assert label != "wishes.claimed"
    assert label in page
    assert ">wishes.claimed<" not in page  # the code only in a title attribute
    assert "新建角色任职" not in page  # labels come from the registry, not invented here
    assert "新增角色任职" in page  # the accounts app's own label
    only = client.get(
        reverse("core:audit-list"),
        {"person": actor.username, "action": "wishes.claimed", "area": tree.town_a.code},
    ).context["page"]
    assert [e.action for e in only] == ["wishes.claimed"]
    none = client.get(
        reverse("core:audit-list"),
        {"action": "wishes.claimed", "since": "2001-01-01", "until": "2001-01-02"},
    ).context["page"]
    assert list(none) == []
    csv_text = client.get(
        reverse("core:audit-export", args=["csv"]), {"action": "order.accepted"}
    ).content.decode("utf-8-sig")
    assert "接受" in csv_text
    assert "order.accepted" in csv_text
    assert "wishes.claimed" not in csv_text
    xlsx = client.get(reverse("core:audit-export", args=["xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
