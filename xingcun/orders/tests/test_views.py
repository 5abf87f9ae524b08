from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.core.tests.clients import login
from xingcun.orders.models import ServiceOrder
from xingcun.orders.tests.factories import (
    ExpertFactory,
    ServiceCategoryFactory,
    ServiceOrderFactory,
)


def test_order_is_placed_dispatched_delivered_and_rated_in_the_browser(tree, make_user):
    category = ServiceCategoryFactory(area=tree.district, name="产业发展")
    expert_user = make_user(Role.EXPERT, tree.district)
    expert = ExpertFactory(area=tree.district, user=expert_user)
    village = login(make_user(Role.VILLAGE, tree.village_a))
    town = login(make_user(Role.TOWN, tree.town_a))
    me = login(expert_user)
    today = timezone.localdate()

    r = village.post(
        "/orders/new/",
        {"village": tree.village_a.pk, "category": category.pk, "need": "茶园病虫害"},
    )
    assert r.status_code == 302, r.content.decode()
    with scopes_disabled():
        order = ServiceOrder.objects.get()
    assert town.get(f"/orders/{order.pk}/").status_code == 200
    assert town.post(f"/orders/{order.pk}/assign/", {"expert": expert.pk}).status_code == 302
    assert me.get("/orders/").context["page"].object_list[0] == order
    assert me.post(f"/orders/{order.pk}/accept/").status_code == 302
    r = me.post(
        f"/orders/{order.pk}/deliver/",
        {"delivered_on": today.isoformat(), "beneficiaries": 30, "problems": "蚜虫\n茶饼病"},
    )
    assert r.status_code == 302
    assert (
        village.post(f"/orders/{order.pk}/rate/", {"rating": 4, "comment": "好"}).status_code == 302
    )
    with scopes_disabled():
        order.refresh_from_db()
        assert (order.status, order.rating, order.problems.count()) == ("closed", 4, 2)


def test_deliver_form_shows_the_chinese_error_for_a_date_before_acceptance(tree, make_user):
    expert_user = make_user(Role.EXPERT, tree.district)
    expert = ExpertFactory(area=tree.district, user=expert_user)
    order = ServiceOrderFactory(
        area=tree.village_a,
        expert=expert,
        status="accepted",
        assigned_on=dt.date(2020, 5, 1),
        accepted_on=dt.date(2020, 5, 2),
    )
    r = login(expert_user).post(
        f"/orders/{order.pk}/deliver/", {"delivered_on": "2020-04-30", "beneficiaries": 3}
    )
    assert r.status_code == 200
    assert "早于接单日期" in r.content.decode()


def test_expert_sees_only_assigned_orders(tree, make_user):
    user = make_user(Role.EXPERT, tree.district)
    expert = ExpertFactory(area=tree.district, user=user)
    mine = ServiceOrderFactory(
        area=tree.village_a, expert=expert, status="assigned", assigned_on=dt.date(2020, 3, 3)
    )
    other = ServiceOrderFactory(area=tree.village_a)
    client = login(user)
    assert list(client.get("/orders/").context["page"].object_list) == [mine]
    assert client.get(f"/orders/{mine.pk}/").status_code == 200
    assert client.get(f"/orders/{other.pk}/").status_code == 404


def test_village_cannot_see_another_villages_order(tree, client_as):
    other = ServiceOrderFactory(area=tree.village_b)
    assert client_as(Role.VILLAGE, tree.village_a).get(f"/orders/{other.pk}/").status_code == 404


def test_order_list_query_count_does_not_grow_with_rows(
    tree, client_as, django_assert_max_num_queries
):
    ServiceOrderFactory.create_batch(5, area=tree.village_a)
    client = client_as(Role.DISTRICT, tree.district)
    with django_assert_max_num_queries(12):
        assert client.get("/orders/").status_code == 200
