"""The work cycle in real Chromium: the village secretary's phone home (390×844) leads with what
is due today and keeps the registers collapsed; the district's completeness view lists the late
villages and reminds them in one click."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.notifications.models import Notification
from xingcun.reporting.models import Reminder, TaskInstance
from xingcun.reporting.tests.factories import profile_task

pytestmark = pytest.mark.browser


def test_village_phone_home_shows_what_is_due_today(new_page, login, shot, tree, make_user):
    user = make_user(Role.VILLAGE, tree.village_a)
    task = profile_task(tree)
    with scopes_disabled():  # fixture: today is the due date
        TaskInstance.objects.filter(task=task).update(due_on=timezone.localdate())
    page = new_page(width=390, height=844)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, user.username, prefix="workcycle-village-phone")
    page.wait_for_load_state("networkidle")
    shot(page, "workcycle-village-phone-02-home")
    todo = page.locator("#todo")
    assert todo.is_visible()
    assert "今天截止" in todo.inner_text()
    box = todo.bounding_box()
    assert box is not None
    assert box["y"] < 844
    assert page.locator("#registers").evaluate("d => d.open") is False
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="2020年村情档案报送 · 2020年度").first.click()
    page.wait_for_url("**/reporting/instances/**")
    shot(page, "workcycle-village-phone-03-instance")
    assert page.locator("#submit-form").is_visible()
    assert not errors


def test_district_completeness_view_reminds_late_villages_in_one_click(
    new_page, login, shot, tree, make_user
):
    user = make_user(Role.DISTRICT, tree.district)
    secretary = make_user(Role.VILLAGE, tree.village_b)
    task = profile_task(tree)
    with scopes_disabled():  # fixture: one village accepted on time, the others late
        TaskInstance.objects.filter(task=task).update(due_on=dt.date(2021, 1, 31))
        first = TaskInstance.objects.get(task=task, area=tree.village_a)
        first.status = TaskInstance.Status.ACCEPTED
        first.first_submitted_at = timezone.make_aware(
            dt.datetime.combine(dt.date(2021, 1, 20), dt.time(10))
        )
        first.save()
    page = new_page()
    login(page, user.username, prefix="workcycle-district")
    page.goto("/reporting/completeness/")
    shot(page, "workcycle-district-02-completeness")
    rates = page.locator("#rates").inner_text()
    assert "25.0%" in rates  # 1 of 4 submitted, on time
    rows = page.locator("#completeness-table tbody tr")
    assert rows.count() == 2
    assert page.locator("#late-table tbody tr").count() == 3
    page.locator("#remind-all").click()
    page.wait_for_load_state("networkidle")
    shot(page, "workcycle-district-03-reminded")
    assert "已向3个村社发送催报提醒" in page.content()
    assert Reminder._base_manager.filter(kind="manual").count() == 3
    assert Notification.objects.filter(user=secretary, kind="reminder").exists()
