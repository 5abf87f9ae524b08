"""The state machine of a task instance: every allowed and refused transition, per role, each
step audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.reporting import services
from xingcun.reporting.models import TaskInstance
from xingcun.reporting.tests.factories import instance_of, issue, profile, profile_task

S = TaskInstance.Status
ROLES = [Role.DISTRICT, Role.TOWN, Role.VILLAGE, Role.MEMBER, Role.EXPERT, Role.PARTNER]

# (status, town_review) → {role: allowed actions}; anything not listed is refused.
EXPECTED = {
    (S.OPEN, True): {Role.VILLAGE: {"submit"}},
    (S.RETURNED, True): {Role.VILLAGE: {"submit"}},
    (S.SUBMITTED, True): {Role.TOWN: {"approve", "return"}},
    (S.APPROVED, True): {Role.DISTRICT: {"accept", "return"}, Role.TOWN: {"return"}},
    (S.ACCEPTED, True): {Role.DISTRICT: {"return"}},
    (S.SUBMITTED, False): {Role.DISTRICT: {"accept", "return"}},
    (S.APPROVED, False): {},
    (S.ACCEPTED, False): {Role.DISTRICT: {"return"}},
}


@pytest.mark.parametrize(("status", "town_review"), list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_allowed_actions_per_role_and_state(tree, status, town_review, role):
    task = profile_task(tree, town_review=town_review)
    instance = instance_of(task, tree.village_a)
    instance.status = status
    assert services.allowed(instance, role) == EXPECTED[(status, town_review)].get(role, set())


def _act(action, instance, role, **kw):
    fn = {
        "submit": services.instance_submit,
        "approve": services.instance_approve,
        "accept": services.instance_accept,
        "return": services.instance_return,
    }[action]
    if action == "return":
        kw.setdefault("reason", "数据有误")
    with scope(area=instance.area.path):
        return fn(instance=instance, actor=None, role=role, **kw)


def test_full_cycle_submit_approve_accept_is_audited(tree):
    profile(tree.village_a)
    task = profile_task(tree)
    instance = instance_of(task, tree.village_a)
    instance = _act("submit", instance, Role.VILLAGE)
    assert instance.status == S.SUBMITTED
    assert instance.first_submitted_at is not None
    instance = _act("approve", instance, Role.TOWN)
    assert instance.status == S.APPROVED
    instance = _act("accept", instance, Role.DISTRICT)
    assert instance.status == S.ACCEPTED
    with scopes_disabled():  # reading the audit trail of the fixture
        actions = list(
            AuditEntry.objects.filter(model="reporting.taskinstance", object_id=str(instance.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )
    assert actions == [
        "reporting_instance.submitted",
        "reporting_instance.approved",
        "reporting_instance.accepted",
    ]


@pytest.mark.parametrize("role", [Role.DISTRICT, Role.TOWN, Role.MEMBER, None])
def test_only_the_village_may_submit(tree, role):
    profile(tree.village_a)
    instance = instance_of(profile_task(tree), tree.village_a)
    with pytest.raises(ValidationError):
        _act("submit", instance, role)
    instance.refresh_from_db()
    assert instance.status == S.OPEN


def test_district_cannot_accept_before_the_town_has_approved(tree):
    profile(tree.village_a)
    instance = _act("submit", instance_of(profile_task(tree), tree.village_a), Role.VILLAGE)
    with pytest.raises(ValidationError):
        _act("accept", instance, Role.DISTRICT)


def test_village_cannot_approve_its_own_report(tree):
    profile(tree.village_a)
    instance = _act("submit", instance_of(profile_task(tree), tree.village_a), Role.VILLAGE)
    with pytest.raises(ValidationError):
        _act("approve", instance, Role.VILLAGE)


def test_return_needs_a_reason(tree):
    profile(tree.village_a)
    instance = _act("submit", instance_of(profile_task(tree), tree.village_a), Role.VILLAGE)
    with pytest.raises(ValidationError) as e:
        _act("return", instance, Role.TOWN, reason="  ")
    assert "退回原因" in str(e.value)


def test_return_from_above_reopens_accepted_data_and_keeps_first_submission(tree):
    profile(tree.village_a)
    instance = instance_of(profile_task(tree), tree.village_a)
    instance = _act("submit", instance, Role.VILLAGE)
    first = instance.first_submitted_at
    instance = _act("approve", instance, Role.TOWN)
    instance = _act("accept", instance, Role.DISTRICT)
    instance = _act("return", instance, Role.DISTRICT, reason="人口数与公安数据不符")
    assert instance.status == S.RETURNED
    assert instance.return_reason == "人口数与公安数据不符"
    instance = _act("submit", instance, Role.VILLAGE)
    assert instance.status == S.SUBMITTED
    assert instance.first_submitted_at == first
    with scopes_disabled():  # reading the audit trail of the fixture
        entry = AuditEntry.objects.get(action="reporting_instance.returned")
    assert entry.changes["status"] == ["accepted", "returned"]
    assert entry.changes["reason"] == [None, "人口数与公安数据不符"]


def test_submission_without_data_is_refused(tree):
    instance = instance_of(profile_task(tree), tree.village_a)
    with pytest.raises(ValidationError) as e:
        _act("submit", instance, Role.VILLAGE)
    assert "尚未填报" in str(e.value)


def test_each_step_notifies_the_next_actor(tree, make_user):
    from xingcun.notifications.models import Notification

    secretary = make_user(Role.VILLAGE, tree.village_a)
    town_cadre = make_user(Role.TOWN, tree.town_a)
    district = make_user(Role.DISTRICT, tree.district)
    other_town = make_user(Role.TOWN, tree.town_b)
    profile(tree.village_a)
    instance = instance_of(profile_task(tree), tree.village_a)
    instance = _act("submit", instance, Role.VILLAGE)
    instance = _act("approve", instance, Role.TOWN)
    _act("return", instance, Role.DISTRICT, reason="请补充佐证")
    kinds = {
        u.username: set(Notification.objects.filter(user=u).values_list("kind", flat=True))
        for u in (secretary, town_cadre, district, other_town)
    }
    assert kinds[secretary.username] == {"task", "returned"}
    assert kinds[town_cadre.username] == {"submitted"}
    assert kinds[district.username] == {"approved"}
    assert kinds[other_town.username] == set()


def test_town_issued_task_is_accepted_by_the_town(tree):
    profile(tree.village_a)
    task = issue(
        tree,
        area=tree.town_a,
        title="镇档案",
        dataset="villages.profile",
        first_period="2020",
        last_period="2020",
    )
    assert not task.town_review
    instance = _act("submit", instance_of(task, tree.village_a), Role.VILLAGE)
    assert services.allowed(instance, Role.TOWN) == {"accept", "return"}
    assert services.allowed(instance, Role.DISTRICT) == set()
    assert _act("accept", instance, Role.TOWN).status == S.ACCEPTED


ACTIONS = ("submit", "approve", "accept", "return")
PAST = {"submit": "submitted", "approve": "approved", "accept": "accepted", "return": "returned"}
AFTER = {"submit": S.SUBMITTED, "approve": S.APPROVED, "accept": S.ACCEPTED, "return": S.RETURNED}


def _trail(instance):
    with scopes_disabled():  # reading the audit trail of the fixture
        return list(
            AuditEntry.objects.filter(model="reporting.taskinstance", object_id=str(instance.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )


@pytest.mark.parametrize(("status", "town_review"), list(EXPECTED))
def test_every_transition_through_the_services_per_role(tree, status, town_review):
    """Each action by each role from each state: the allowed ones move the instance to the next
    state and write one audit entry; every other one is refused, changes nothing, audits nothing."""
    profile(tree.village_a)
    task = profile_task(tree, town_review=town_review)
    instance = instance_of(task, tree.village_a)
    for role in ROLES:
        for action in ACTIONS:
            with scopes_disabled():  # put the fixture back in the state under test
                TaskInstance.objects.filter(pk=instance.pk).update(
                    status=status, return_reason="退回" if status == S.RETURNED else ""
                )
            current = instance_of(task, tree.village_a)
            before = _trail(current)
            allowed = action in EXPECTED[(status, town_review)].get(role, set())
            if allowed:
                after = _act(action, current, role)
                assert after.status == AFTER[action], (role, action)
                assert instance_of(task, tree.village_a).status == AFTER[action]
                assert _trail(current) == [*before, f"reporting_instance.{PAST[action]}"]
            else:
                with pytest.raises(ValidationError) as e:
                    _act(action, current, role)
                assert e.value.code == "transition", (role, action)
                assert instance_of(task, tree.village_a).status == status, (role, action)
                assert _trail(current) == before, (role, action)
