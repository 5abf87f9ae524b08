"""Indicator values against an independent count over fixture records, for two nodes and two
periods."""

from __future__ import annotations

import datetime as dt

import pytest

from xingcun.indicators.tests.support import independent_count_test
from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
from xingcun.posts.models import HouseholdPairing, PostAssignment
from xingcun.posts.tests.factories import (
    HouseholdPairingFactory,
    PostAssignmentFactory,
    PostFactory,
)

D = dt.date
S = PostAssignment.Status


@pytest.fixture
def data(tree):
    posts = [
        PostFactory(area=tree.village_a, opened_on=D(2019, 3, 1)),
        PostFactory(area=tree.village_a, opened_on=D(2020, 3, 1), closed_on=D(2020, 9, 1)),
        PostFactory(area=tree.village_a2, opened_on=D(2020, 8, 1)),
        PostFactory(area=tree.village_b, opened_on=D(2019, 5, 1)),
        PostFactory(area=tree.town_a, opened_on=D(2020, 4, 1)),
    ]
    twice = PartyMemberFactory(area=tree.village_a)
    assignments = [
        # (member, assigned_on, status)
        PostAssignmentFactory(area=tree.village_a, post=posts[0], member=twice, status=S.ON_DUTY,
                              applied_on=D(2019, 3, 2), assigned_on=D(2019, 3, 3),
                              publicity_ends_on=D(2019, 3, 8), starts_on=D(2019, 3, 9)),
        PostAssignmentFactory(area=tree.village_a, post=posts[1], member=twice, status=S.PUBLICISED,
                              applied_on=D(2020, 3, 2), assigned_on=D(2020, 3, 3),
                              publicity_ends_on=D(2020, 3, 8)),
        PostAssignmentFactory(area=tree.village_a2, post=posts[2], status=S.ENDED,
                              applied_on=D(2020, 8, 2), assigned_on=D(2020, 8, 3),
                              publicity_ends_on=D(2020, 8, 8), starts_on=D(2020, 8, 9),
                              ended_on=D(2020, 10, 1)),
        PostAssignmentFactory(area=tree.village_b, post=posts[3], status=S.DECLINED,
                              applied_on=D(2019, 5, 2), assigned_on=D(2019, 5, 3),
                              publicity_ends_on=D(2019, 5, 8)),
        PostAssignmentFactory(area=tree.village_b, post=posts[3], status=S.APPLIED,
                              applied_on=D(2019, 5, 2)),
    ]  # fmt: skip
    demo = HouseholdFactory(area=tree.village_a, is_demonstration=True, is_low_income=True)
    pairings = [
        HouseholdPairingFactory(area=tree.village_a, household=demo, kind="demonstration",
                                started_on=D(2019, 6, 1)),
        HouseholdPairingFactory(area=tree.village_a, household=demo, kind="demonstration",
                                started_on=D(2020, 2, 1)),
        HouseholdPairingFactory(area=tree.village_a, household=demo, kind="low_income",
                                started_on=D(2020, 7, 1)),
        HouseholdPairingFactory(area=tree.village_b, kind="low_income", started_on=D(2020, 1, 1),
                                ended_on=D(2020, 3, 1)),
    ]  # fmt: skip
    return posts, assignments, pairings


def expected(posts, assignments, pairings, node, period):
    end = period.end
    under = lambda obj: obj.area.path.startswith(node.path)  # noqa: E731
    assigned = {
        a.member_id
        for a in assignments
        if a.member.area.path.startswith(node.path)
        and a.status in (S.PUBLICISED, S.ON_DUTY, S.ENDED)
        and a.assigned_on <= end
    }

    def households(kind):
        return {
            p.household_id for p in pairings if under(p) and p.kind == kind and p.started_on <= end
        }

    return {
        "posts.set_up": len([p for p in posts if under(p) and p.opened_on <= end]),
        "posts.members_assigned": len(assigned),
        "posts.demonstration_households": len(households(HouseholdPairing.Kind.DEMONSTRATION)),
        "posts.low_income_households": len(households(HouseholdPairing.Kind.LOW_INCOME)),
    }


test_indicators_match_an_independent_count = independent_count_test(expected)
