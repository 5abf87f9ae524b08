"""The pages: the village's home shows what is due today, the district's completeness view,
the instance page with its review steps, task creation, the 360° pages and the report note."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.reporting import services
from xingcun.reporting.models import ReportingTask, TaskInstance
from xingcun.reporting.tests.factories import instance_of, profile, profile_task


def due_today(task):
    with scopes_disabled():  # fixture: the instances fall due today
        TaskInstance.objects.filter(task=task).update(due_on=timezone.localdate())


def test_village_home_leads_with_what_is_due_today(tree, client_as):
    task = profile_task(tree)
    due_today(task)
    html = client_as(Role.VILLAGE, tree.village_a).get("/").content.decode()
    assert "今天截止" in html
    assert f"/reporting/instances/{instance_of(task, tree.village_a).pk}/" in html
    assert html.index("我的待办") < html.index("登记簿")


def test_village_home_without_due_work_says_so(tree, client_as):
    html = client_as(Role.VILLAGE, tree.village_a).get("/").content.decode()
    assert "今天没有到期的报送任务" in html


def test_town_home_counts_reports_awaiting_review(tree, client_as):
    profile(tree.village_a)
    task = profile_task(tree)
    with scope(area=tree.village_a.path):
        services.instance_submit(
            instance=instance_of(task, tree.village_a), actor=None, role=Role.VILLAGE
        )
    html = client_as(Role.TOWN, tree.town_a).get("/").content.decode()
    assert "1 份报送待您审核" in html
    assert "白牛村" in html


def test_district_completeness_lists_late_villages_with_one_click_reminder(tree, client_as):
    task = profile_task(tree)
    with scopes_disabled():  # past the due date
        TaskInstance.objects.filter(task=task).update(due_on=dt.date(2021, 1, 1))
    r = client_as(Role.DISTRICT, tree.district).get("/reporting/completeness/")
    html = r.content.decode()
    assert r.context["tally"].expected == 4
    assert [t.node for t in r.context["tally"].children] == [tree.town_a, tree.town_b]
    assert "一键催报（4 个村社）" in html
    assert "白牛村" in html
    assert "玉屏村" in html


def test_task_creation_form_issues_instances(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    r = client.post(
        "/reporting/tasks/new/",
        {
            "title": "2020年度村情档案",
            "dataset": "villages.profile",
            "first_period": "2020",
            "last_period": "2020",
            "due_days": 31,
            "nodes": [tree.town_b.pk],
            "town_review": "on",
        },
    )
    assert r.status_code == 302
    task = ReportingTask._base_manager.get()
    assert set(TaskInstance._base_manager.filter(task=task).values_list("area_id", flat=True)) == {
        tree.village_b.pk,
        tree.village_b2.pk,
    }
    assert AuditEntry._base_manager.filter(action="reporting_task.created").count() == 1


def test_task_with_a_period_of_the_wrong_type_is_refused(tree, client_as):
    r = client_as(Role.DISTRICT, tree.district).post(
        "/reporting/tasks/new/",
        {"title": "x", "dataset": "villages.profile", "first_period": "2020Q1", "due_days": 31},
    )
    assert r.status_code == 200
    assert "报送期应如 2020" in r.content.decode()


def test_instance_page_buttons_follow_the_role(tree, client_as):
    profile(tree.village_a)
    instance = instance_of(profile_task(tree), tree.village_a)
    url = f"/reporting/instances/{instance.pk}/"
    assert "submit-form" in client_as(Role.VILLAGE, tree.village_a).get(url).content.decode()
    town_page = client_as(Role.TOWN, tree.town_a).get(url).content.decode()
    assert "submit-form" not in town_page
    assert "审核通过" not in town_page


def test_submit_through_the_page_then_town_approves(tree, client_as):
    profile(tree.village_a)
    instance = instance_of(profile_task(tree), tree.village_a)
    client_as(Role.VILLAGE, tree.village_a).post(f"/reporting/instances/{instance.pk}/submit/")
    client_as(Role.TOWN, tree.town_a).post(f"/reporting/instances/{instance.pk}/approve/")
    instance.refresh_from_db()
    assert instance.status == "approved"
    entry = AuditEntry._base_manager.get(action="reporting_instance.approved")
    assert entry.via == "page"
    assert entry.actor is not None


def test_refused_step_leaves_the_state_and_says_why(tree, client_as):
    instance = instance_of(profile_task(tree), tree.village_a)
    r = client_as(Role.TOWN, tree.town_a).post(
        f"/reporting/instances/{instance.pk}/accept/", follow=True
    )
    assert "不能执行该操作" in r.content.decode()
    instance.refresh_from_db()
    assert instance.status == "open"


def test_other_town_cannot_see_the_instance(tree, client_as):
    instance = instance_of(profile_task(tree), tree.village_a)
    r = client_as(Role.TOWN, tree.town_b).get(f"/reporting/instances/{instance.pk}/")
    assert r.status_code == 404


def test_village_panorama_shows_profile_reporting_and_timeline_with_provenance(tree, client_as):
    profile(tree.village_a, year=2019)
    p = profile(tree.village_a)
    profile_task(tree)
    client = client_as(Role.VILLAGE, tree.village_a)
    client.post(
        f"/r/profiles/{p.pk}/edit/",
        {
            "area": tree.village_a.pk,
            "year": 2020,
            "population": 1001,
            "households": 300,
            "per_capita_income": 30000,
            "operating_income": 20,
            "contract_income": 5,
            "investment_income": 5,
            "subsidy_income": 10,
            "other_income": 0,
            "debt": 0,
        },
    )
    r = client.get(f"/reporting/villages/{tree.village_a.code}/")
    html = r.content.decode()
    assert "村情全景" in html
    assert "profile-chart" in html
    assert "2020年村情档案报送" in html
    timeline = r.context["timeline"]
    assert timeline[0].label == "修改 村情年度档案"
    assert timeline[0].via == "page"
    assert timeline[0].actor_name.startswith("village")


def test_town_page_lists_villages_with_links_to_their_panorama(tree, client_as):
    profile(tree.village_a)
    html = (
        client_as(Role.TOWN, tree.town_a)
        .get(f"/reporting/towns/{tree.town_a.code}/")
        .content.decode()
    )
    assert f"/reporting/villages/{tree.village_a.code}/" in html
    assert tree.village_b.code not in html


def test_report_page_says_whether_figures_are_final(tree, client_as):
    for v in (tree.village_a, tree.village_a2, tree.village_b, tree.village_b2):
        profile(v)
    client = client_as(Role.DISTRICT, tree.district)
    html = client.get(f"/reports/r/{tree.district.code}/2020/").content.decode()
    assert "初步数" in html
    assert client.get("/reports/").context["form"].initial["year"] == 2020


def test_village_home_shows_key_figures_with_year_on_year_change(tree, client_as):
    from decimal import Decimal

    profile(tree.village_a, year=2019)
    profile(tree.village_a, year=2020, operating_income=Decimal(25))
    html = client_as(Role.VILLAGE, tree.village_a).get("/").content.decode()
    assert "本村概况（2020年）" in html
    assert "同比 +5.00" in html
