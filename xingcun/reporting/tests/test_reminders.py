"""Reminders: due soon and overdue once per due date, escalation to the town after a week,
催报 in one click, and recurring tasks generating their instances on the scheduler."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.test import override_settings
from django_scopes import scope, scopes_disabled

from xingcun.core.permissions import Role
from xingcun.notifications.models import Delivery, Notification
from xingcun.reporting import services, tasks
from xingcun.reporting.models import Reminder, ReportingTask, TaskInstance
from xingcun.reporting.tests.factories import instance_of, issue, profile_task

DUE = dt.date(2021, 1, 31)


def run(tree, today):
    with scope(area=tree.district.path):
        return services.reminders_run(today=today)


def test_due_soon_reminder_is_sent_once(tree, make_user):
    secretary = make_user(Role.VILLAGE, tree.village_a)
    profile_task(tree)
    assert run(tree, DUE - dt.timedelta(days=3))["due_soon"] == 4
    assert run(tree, DUE - dt.timedelta(days=2))["due_soon"] == 0
    assert Notification.objects.filter(user=secretary, kind="due").count() == 1


def test_overdue_and_escalation_once_each(tree, make_user):
    secretary = make_user(Role.VILLAGE, tree.village_a)
    town = make_user(Role.TOWN, tree.town_a)
    profile_task(tree)
    assert run(tree, DUE + dt.timedelta(days=1)) == {"due_soon": 0, "overdue": 4, "escalated": 0}
    assert run(tree, DUE + dt.timedelta(days=7)) == {"due_soon": 0, "overdue": 0, "escalated": 4}
    assert run(tree, DUE + dt.timedelta(days=8)) == {"due_soon": 0, "overdue": 0, "escalated": 0}
    assert Notification.objects.filter(user=secretary, kind="overdue").count() == 1
    escalations = Notification.objects.filter(user=town, kind="escalated")
    assert escalations.count() == 2  # the two villages of town A
    assert "逾期7天" in escalations.first().title


def test_a_new_due_date_after_a_return_gets_new_reminders(tree):
    task = profile_task(tree)
    run(tree, DUE + dt.timedelta(days=1))
    with scopes_disabled():  # the district extends the deadline of one instance
        instance = instance_of(task, tree.village_a)
        instance.due_on = DUE + dt.timedelta(days=20)
        instance.save()
    assert run(tree, DUE + dt.timedelta(days=21))["overdue"] == 1


def test_submitted_instances_get_no_reminders(tree):
    from xingcun.reporting.tests.factories import profile

    task = profile_task(tree)
    profile(tree.village_a)
    with scope(area=tree.village_a.path):
        services.instance_submit(
            instance=instance_of(task, tree.village_a), actor=None, role=Role.VILLAGE
        )
    assert run(tree, DUE + dt.timedelta(days=1))["overdue"] == 3


def test_one_click_remind_late_from_completeness_page(tree, client_as, make_user):
    secretary = make_user(Role.VILLAGE, tree.village_b)
    task = profile_task(tree)
    client = client_as(Role.DISTRICT, tree.district)
    with scopes_disabled():  # the due date has passed
        TaskInstance.objects.filter(task=task).update(due_on=dt.date(2021, 1, 1))
    r = client.post(f"/reporting/tasks/{task.pk}/remind/", {"period": "2020"})
    assert r.status_code == 302
    assert Reminder._base_manager.filter(kind="manual").count() == 4
    assert Notification.objects.filter(user=secretary, kind="reminder").count() == 1


def test_town_reminds_only_its_own_villages(tree, client_as):
    task = profile_task(tree)
    with scopes_disabled():  # the due date has passed
        TaskInstance.objects.filter(task=task).update(due_on=dt.date(2021, 1, 1))
    client_as(Role.TOWN, tree.town_a).post(
        f"/reporting/tasks/{task.pk}/remind/", {"period": "2020"}
    )
    reminded = set(Reminder._base_manager.values_list("instance__area_id", flat=True))
    assert reminded == {tree.village_a.pk, tree.village_a2.pk}


def test_recurring_task_generates_the_new_quarter_on_the_scheduler(tree):
    task = issue(
        tree,
        title="消薄进展季报",
        dataset="secretaries.funds",
        first_period="2020Q1",
        due_days=15,
        today=dt.date(2020, 5, 1),
    )
    assert set(TaskInstance._base_manager.filter(task=task).values_list("period", flat=True)) == {
        "2020Q1",
        "2020Q2",
    }
    with scope(area=tree.district.path):
        assert services.recurring_generate(today=dt.date(2020, 7, 1)) == 4
        assert services.recurring_generate(today=dt.date(2020, 7, 2)) == 0
    q3 = TaskInstance._base_manager.filter(task=task, period="2020Q3").first()
    assert q3.due_on == dt.date(2020, 10, 15)


def test_scheduled_job_runs_in_the_county_scope(tree):
    profile_task(tree)
    result = tasks.reporting_daily.call(area_id=tree.district.pk)
    assert set(result) == {"generated", "due_soon", "overdue", "escalated"}
    assert ReportingTask._base_manager.count() == 1


@override_settings(
    XINGCUN_NOTIFICATION_CHANNELS=[
        "xingcun.notifications.channels.EmailChannel",
        "xingcun.notifications.channels.LoggingWebhook",
    ]
)
def test_notifications_go_out_by_mail_and_webhook_adapters(
    tree, make_user, django_capture_on_commit_callbacks
):
    secretary = make_user(Role.VILLAGE, tree.village_a, email="bainiu@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        profile_task(tree)
    assert [m.to for m in mail.outbox] == [["bainiu@example.org"]]
    assert "新的报送任务" in mail.outbox[0].subject
    channels = set(
        Delivery.objects.filter(notification__user=secretary).values_list("channel", "ok")
    )
    assert channels == {("email", True), ("log", True)}
