"""Permission-matrix rows of the work cycle (see xingcun/core/tests/matrix.py)."""

from __future__ import annotations

import datetime as dt

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import ALL_200, CADRES, DISTRICT_ONLY, Row

MANAGERS = (200, 200, 403, 403, 403, 403)  # district and town staff
ACTORS = (302, 302, 302, 403, 403, 403)  # the step itself is checked per role by the service

ROWS: list[Row] = [
    Row("reporting:index", expect=CADRES),
    Row("reporting:todo", expect=CADRES),
    Row("reporting:badge", expect=ALL_200),  # the top bar's counts, for every logged-in user
    Row("reporting:task-create", expect=MANAGERS),
    Row("reporting:completeness", expect=MANAGERS),
    Row("reporting:remind", "post", expect=(302, 302, 403, 403, 403, 403), obj="reporting-task"),
    Row("reporting:instance", expect=CADRES, obj="reporting-instance"),
    Row("reporting:instance-submit", "post", expect=ACTORS, obj="reporting-instance"),
    Row("reporting:instance-approve", "post", expect=ACTORS, obj="reporting-instance"),
    Row("reporting:instance-accept", "post", expect=ACTORS, obj="reporting-instance"),
    Row("reporting:instance-return", "post", expect=ACTORS, obj="reporting-instance"),
    Row("reporting:rules", expect=CADRES),
    Row("reporting:rule-edit", expect=DISTRICT_ONLY, obj="quality-rule"),
    Row("reporting:rule-version", expect=DISTRICT_ONLY, obj="quality-rule"),
    Row("reporting:village", expect=CADRES, obj="area", kwarg="code", attr="code"),
    # A village secretary sees their own village, not the town above it.
    Row(
        "reporting:town",
        expect=(200, 200, 404, 403, 403, 403),
        obj="town",
        kwarg="code",
        attr="code",
    ),
]


def objects(village, side):
    from xingcun.reporting.models import ReportingTask, TaskInstance
    from xingcun.reporting.tests.factories import QualityRuleFactory

    district = village.parent.parent
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        task = ReportingTask.objects.create(
            area=district,
            title="村情档案",
            dataset="villages.profile",
            frequency="yearly",
            first_period="2020",
            last_period="2020",
        )
        instance = TaskInstance.objects.create(
            task=task,
            area=village,
            period="2020",
            period_end=dt.date(2020, 12, 31),
            due_on=dt.date(2021, 1, 31),
        )
    rule = QualityRuleFactory(
        area=district,
        name="户数不超过户籍人口",
        kind="compare",
        left="households",
        op="<=",
        right="population",
    )
    return {
        "reporting-task": task,
        "reporting-instance": instance,
        "town": village.parent,
        "quality-rule": rule,
    }
