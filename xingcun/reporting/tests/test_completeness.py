"""Completeness roll-ups (报送率, 按时报送率, 审核通过率) equal an independent count."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from xingcun.core.tests.factories import child_area
from xingcun.reporting import selectors
from xingcun.reporting.models import TaskInstance
from xingcun.reporting.tests.factories import TODAY, profile_task

S = TaskInstance.Status
STATES = [S.OPEN, S.RETURNED, S.SUBMITTED, S.APPROVED, S.ACCEPTED]


def more_villages(tree, n):
    for i in range(n):
        town = tree.town_a if i % 2 else tree.town_b
        child_area(town, f"{town.code[:9]}{300 + i:03d}", f"测试{i}村委会")


def scramble(task, seed):
    """Give every instance a random state and submission time (some on time, some late)."""
    rng = random.Random(seed)
    due = dt.date(2021, 1, 31)
    with scopes_disabled():  # fixture states
        for instance in TaskInstance.objects.filter(task=task):
            instance.status = rng.choice(STATES)
            if instance.status != S.OPEN:
                day = due + dt.timedelta(days=rng.randint(-20, 20))
                instance.first_submitted_at = timezone.make_aware(
                    dt.datetime.combine(day, dt.time(23, 30))
                )
            if instance.status == S.RETURNED:
                instance.return_reason = "数据有误"
            instance.save()


def independent(instances, today):
    expected = len(instances)
    submitted = [i for i in instances if i.status in (S.SUBMITTED, S.APPROVED, S.ACCEPTED)]
    on_time = [i for i in submitted if timezone.localtime(i.first_submitted_at).date() <= i.due_on]
    accepted = [i for i in instances if i.status == S.ACCEPTED]
    overdue = [i for i in instances if i.status in (S.OPEN, S.RETURNED) and today > i.due_on]
    return expected, len(submitted), len(on_time), len(accepted), len(overdue)


def test_district_roll_up_equals_an_independent_count(tree):
    more_villages(tree, 17)
    task = profile_task(tree)
    scramble(task, seed=7)
    today = dt.date(2021, 2, 10)
    with scope(area=tree.district.path):
        tally = selectors.completeness(task=task, period="2020", under=tree.district, today=today)
    with scopes_disabled():  # the independent count reads every instance
        every = list(TaskInstance.objects.filter(task=task).select_related("area"))
    assert (tally.expected, tally.submitted, tally.on_time, tally.accepted, tally.overdue) == (
        independent(every, today)
    )
    assert tally.expected == 21
    for child in tally.children:
        mine = [i for i in every if i.area.parent_id == child.node.pk]
        assert (
            child.expected,
            child.submitted,
            child.on_time,
            child.accepted,
            child.overdue,
        ) == independent(mine, today)
    assert sum(c.expected for c in tally.children) == tally.expected


def test_rates_are_percentages_of_the_right_bases(tree):
    task = profile_task(tree)
    with scopes_disabled():  # fixture states: 2 of 4 submitted on time, 1 of them accepted
        rows = list(TaskInstance.objects.filter(task=task).order_by("area__code"))
        on_time = timezone.make_aware(dt.datetime.combine(dt.date(2021, 1, 20), dt.time(10)))
        rows[0].status, rows[0].first_submitted_at = S.ACCEPTED, on_time
        rows[1].status, rows[1].first_submitted_at = S.SUBMITTED, on_time
        for r in rows[:2]:
            r.save()
    with scope(area=tree.district.path):
        tally = selectors.completeness(task=task, period="2020", under=tree.district, today=TODAY)
    assert str(tally.submit_rate) == "50.0"
    assert str(tally.on_time_rate) == "50.0"
    assert str(tally.accept_rate) == "50.0"  # accepted ÷ submitted


def test_town_sees_only_its_villages(tree):
    task = profile_task(tree)
    with scope(area=tree.town_a.path):
        tally = selectors.completeness(task=task, period="2020", under=tree.town_a, today=TODAY)
    assert tally.expected == 2
    assert {c.node for c in tally.children} == {tree.village_a, tree.village_a2}


def test_late_list_has_unsubmitted_instances_past_due(tree):
    task = profile_task(tree)
    with scopes_disabled():  # fixture: one village submitted
        first = TaskInstance.objects.get(task=task, area=tree.village_a)
        first.status = S.SUBMITTED
        first.first_submitted_at = timezone.now()
        first.save()
    with scope(area=tree.district.path):
        assert selectors.late(today=dt.date(2021, 1, 31)).count() == 0
        late = set(selectors.late(today=dt.date(2021, 2, 1)).values_list("area_id", flat=True))
    assert late == {tree.village_a2.pk, tree.village_b.pk, tree.village_b2.pk}


def test_report_default_year_is_the_latest_year_complete_enough(tree):
    from xingcun.reporting.tests.factories import profile

    for village in (tree.village_a, tree.village_a2, tree.village_b, tree.village_b2):
        profile(village, year=2019)
    profile(tree.village_a, year=2020)  # 2020: 1 of 4 villages only
    with scope(area=tree.district.path):
        assert selectors.complete_year(area=tree.district) == 2019
        note = selectors.year_completeness(area=tree.district, year=2020)
    assert (note.expected, note.filed, note.accepted) == (4, 1, 0)
    assert "1/4" in note.warning
