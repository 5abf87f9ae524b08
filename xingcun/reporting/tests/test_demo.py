"""The demo's 2020 cycle is in a realistic state for every role."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.reporting import demo
from xingcun.reporting.models import QualityRule, TaskInstance


@pytest.fixture
def cycle(db):
    from xingcun.demo.generator import generate

    result = generate(scale=0.01, years=range(2019, 2021), with_apps=False)
    with scopes_disabled():  # the demo loader works above every jurisdiction
        counts = demo.generate(county=result.county, rng=random.Random(1), scale=0.01)
    return result, counts


def test_demo_cycle_has_every_state_with_most_villages_accepted(cycle):
    _, counts = cycle
    with scopes_disabled():  # counting the whole county
        states = Counter(
            TaskInstance.objects.filter(task__title="2020年度村情档案报送").values_list(
                "status", flat=True
            )
        )
        assert QualityRule.objects.count() == 6
        bainiu = TaskInstance.objects.get(
            task__title="2020年度村情档案报送", area__code=demo.BAINIU
        )
        due_today = TaskInstance.objects.filter(due_on=timezone.localdate()).count()
        returned = TaskInstance.objects.filter(status="returned").exclude(return_reason="")
    total = sum(states.values())
    assert total == 319
    assert states["accepted"] > total * 0.6
    assert all(states[s] > 0 for s in ("submitted", "approved", "returned", "open"))
    assert bainiu.status == "accepted"
    assert due_today == 319  # last month's visits report
    assert returned.count() == states["returned"]
    assert counts["audit"] > total
