from __future__ import annotations

import datetime as dt

import factory

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
from xingcun.posts.models import (
    HelpLog,
    HouseholdPairing,
    Post,
    PostAssignment,
    PostRule,
    PostType,
)


class PostTypeFactory(ScopedFactory):
    class Meta:
        model = PostType

    code = factory.Sequence(lambda n: f"type{n}")
    name = factory.Sequence(lambda n: f"岗位类别{n}")
    valid_from = 2017


class PostRuleFactory(ScopedFactory):
    class Meta:
        model = PostRule

    name = "定岗公示规则"
    valid_from = 2017
    publicity_days = 5


class PostFactory(ScopedFactory):
    class Meta:
        model = Post

    organisation = same_area(OrganisationFactory)
    post_type = same_area(PostTypeFactory)
    title = factory.Sequence(lambda n: f"环境卫生岗{n}")
    seats = 2
    opened_on = dt.date(2020, 3, 1)


class PostAssignmentFactory(ScopedFactory):
    class Meta:
        model = PostAssignment

    post = same_area(PostFactory)
    member = same_area(PartyMemberFactory)
    status = PostAssignment.Status.APPLIED
    applied_on = dt.date(2020, 3, 2)

    class Params:
        on_duty = factory.Trait(
            status=PostAssignment.Status.ON_DUTY,
            assigned_on=dt.date(2020, 3, 3),
            publicity_ends_on=dt.date(2020, 3, 8),
            starts_on=dt.date(2020, 3, 9),
        )


class HouseholdPairingFactory(ScopedFactory):
    class Meta:
        model = HouseholdPairing

    member = same_area(PartyMemberFactory)
    household = same_area(HouseholdFactory, is_low_income=True)
    kind = HouseholdPairing.Kind.LOW_INCOME
    started_on = dt.date(2020, 4, 1)


class HelpLogFactory(ScopedFactory):
    class Meta:
        model = HelpLog

    pairing = same_area(HouseholdPairingFactory)
    helped_on = dt.date(2020, 5, 1)
    kind = HelpLog.Kind.VISIT
    content = "走访慰问，了解生产生活情况"
