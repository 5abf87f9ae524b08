from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.wishes.models import Visit, Wish, WishClaim, WishRule


class WishFactory(ScopedFactory):
    class Meta:
        model = Wish

    title = factory.Sequence(lambda n: f"心愿{n}")
    content = "希望有人帮忙修理漏雨的屋顶"
    category = Wish.Category.LIVING
    wisher_name = factory.Sequence(lambda n: f"王{n}")
    phone = "13800000000"
    submitted_on = dt.date(2020, 3, 1)
    status = Wish.Status.SUBMITTED

    class Params:
        published = factory.Trait(
            status=Wish.Status.OPEN,
            number=factory.Sequence(lambda n: f"WX-TEST-{n:05d}"),
            verified_on=dt.date(2020, 3, 2),
            published_on=dt.date(2020, 3, 3),
        )


class WishClaimFactory(ScopedFactory):
    class Meta:
        model = WishClaim

    wish = same_area(WishFactory, published=True)
    claimed_at = factory.LazyFunction(timezone.now)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    status = WishClaim.Status.ACTIVE


class WishRuleFactory(ScopedFactory):
    class Meta:
        model = WishRule

    name = "微心愿认领规则"
    valid_from = 2017
    claim_days = 30
    points = 2


class VisitFactory(ScopedFactory):
    class Meta:
        model = Visit

    cadre_name = factory.Sequence(lambda n: f"李{n}")
    cadre_unit = "镇党委"
    visited_on = dt.date(2020, 5, 1)
    target = Visit.Target.VILLAGE
    issues_raised = 3
    issues_resolved = 2
