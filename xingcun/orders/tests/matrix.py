from __future__ import annotations

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

ORDER_READERS = (200, 200, 200, 403, 200, 403)
ORDER_CREATORS = (200, 200, 200, 403, 403, 403)
# An expert sees only orders assigned to them: the matrix's expert holds none, so 404.
ORDER_DETAIL = (200, 200, 200, 403, 404, 403)
DISPATCH = (200, 200, 403, 403, 403, 403)
DISPATCH_POST = (200, 200, 403, 403, 403, 403)  # an empty form re-renders the page
RESPOND_POST = (403, 403, 403, 403, 404, 403)
RATE_POST = (403, 403, 200, 403, 403, 403)  # the order is not delivered: the page re-renders
TALENT_EDITORS = (200, 200, 403, 403, 403, 403)

ROWS = [
    Row("orders:list", expect=ORDER_READERS),
    Row("orders:create", expect=ORDER_CREATORS),
    Row("orders:overdue", expect=DISPATCH),
    Row("orders:detail", expect=ORDER_DETAIL, obj="order"),
    Row("orders:assign", method="post", expect=DISPATCH_POST, obj="order"),
    Row("orders:accept", method="post", expect=RESPOND_POST, obj="order"),
    Row("orders:decline", method="post", expect=RESPOND_POST, obj="order"),
    Row("orders:deliver", method="post", expect=RESPOND_POST, obj="order"),
    Row("orders:rate", method="post", expect=RATE_POST, obj="order"),
    *registry_rows("service-categories", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("order-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("service-teams", CADRES, TALENT_EDITORS, DISTRICT_ONLY),
    *registry_rows("experts", CADRES, TALENT_EDITORS, DISTRICT_ONLY),
    *registry_rows("demo-projects", CADRES, TALENT_EDITORS, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.orders.models import OrderRule
    from xingcun.orders.tests.factories import (
        DemonstrationProjectFactory,
        ExpertFactory,
        ServiceCategoryFactory,
        ServiceOrderFactory,
        ServiceTeamFactory,
    )

    category = ServiceCategoryFactory(area=village)
    expert = ExpertFactory(area=village)
    with scopes_disabled():  # fixture rows for the matrix
        rule = OrderRule.objects.create(
            area=village, name="时限", valid_from=2017, accept_days=3, deliver_days=15
        )
    return {
        "order": ServiceOrderFactory(area=village, category=category),
        "service-categories": category,
        "order-rules": rule,
        "service-teams": ServiceTeamFactory(area=village, category=category),
        "experts": expert,
        "demo-projects": DemonstrationProjectFactory(area=village, expert=expert),
    }
