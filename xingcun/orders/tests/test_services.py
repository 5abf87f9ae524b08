from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.orders import selectors, services
from xingcun.orders.models import OrderRule, ServiceOrder, SolvedProblem
from xingcun.orders.tests.factories import (
    ExpertFactory,
    ServiceCategoryFactory,
    ServiceOrderFactory,
    ServiceTeamFactory,
)

Status = ServiceOrder.Status
D = dt.date


@pytest.fixture
def setup(tree, make_user):
    category = ServiceCategoryFactory(area=tree.district, name="产业发展", keywords="水果、樱桃")
    user = make_user(Role.EXPERT, tree.district)
    expert = ExpertFactory(area=tree.district, user=user, specialty="水果、甜樱桃")
    clerk = make_user(Role.VILLAGE, tree.village_a)
    return {"category": category, "expert": expert, "user": user, "clerk": clerk, "tree": tree}


ORDER_DAY = D(2020, 3, 2)


def _ordered(s, on=ORDER_DAY):
    with scope(area=s["tree"].village_a.path):
        return services.order_create(
            village=s["tree"].village_a,
            category=s["category"],
            need="甜樱桃裂果严重，请专家指导",
            by=s["clerk"],
            on=on,
        )


def _assigned(s):
    order = _ordered(s)
    with scopes_disabled():  # acting as the services' callers do after their own checks
        return services.order_assign(order=order, expert=s["expert"], by=None, on=D(2020, 3, 3))


def _accepted(s):
    order = _assigned(s)
    with scopes_disabled():  # acting as the services' callers do after their own checks
        return services.order_accept(order=order, by=s["user"], on=D(2020, 3, 4))


def _delivered(s, order, on, beneficiaries=3, problems=("x",)):
    """The assigned expert reports the visit of `on` without naming villages."""
    return services.order_deliver(
        order=order,
        by=s["user"],
        delivered_on=on,
        villages=[],
        beneficiaries=beneficiaries,
        problems=list(problems),
    )


def test_order_walks_from_order_to_close(setup):
    order = _accepted(setup)
    with scopes_disabled():
        services.order_deliver(
            order=order,
            by=setup["user"],
            delivered_on=D(2020, 3, 10),
            villages=[setup["tree"].village_a, setup["tree"].village_a2],
            beneficiaries=45,
            problems=["裂果", "流胶病", " "],
        )
        order = services.order_rate(
            order=order, rating=5, comment="很及时", by=setup["clerk"], on=D(2020, 3, 12)
        )
        assert order.status == Status.CLOSED
        assert order.closed_on == D(2020, 3, 12)
        assert order.villages.count() == 2
        assert list(SolvedProblem.objects.values_list("description", flat=True).order_by("id")) == [
            "裂果",
            "流胶病",
        ]
        actions = set(
            AuditEntry.objects.filter(
                object_id=str(order.pk), model="orders.serviceorder"
            ).values_list("action", flat=True)
        )
    assert actions == {
        "order.created",
        "order.assigned",
        "order.accepted",
        "order.delivered",
        "order.closed",
    }


def test_order_number_counts_per_day(setup):
    first, second = _ordered(setup), _ordered(setup)
    assert (first.number, second.number) == ("DD202003020001", "DD202003020002")


def test_order_rejects_town_as_orderer(setup):
    with scope(area=setup["tree"].town_a.path), pytest.raises(ValidationError, match="村"):
        services.order_create(
            village=setup["tree"].town_a, category=setup["category"], need="x", by=None
        )


def test_order_rejects_category_not_offered_that_year(setup):
    with scopes_disabled():
        setup["category"].valid_to = 2019
        setup["category"].save()
    with pytest.raises(ValidationError, match="不在2020年的服务目录中"):
        _ordered(setup)
    with scopes_disabled():
        assert ServiceOrder.objects.count() == 0


@pytest.mark.parametrize(
    ("stage", "on", "message", "status"),
    [
        pytest.param(_assigned, D(2020, 3, 5), "尚未接单", Status.ASSIGNED, id="not_accepted"),
        pytest.param(_accepted, D(2020, 3, 1), "早于接单日期", Status.ACCEPTED, id="dated_before"),
    ],
)
def test_delivery_before_acceptance_is_refused(setup, stage, on, message, status):
    order = stage(setup)
    with scopes_disabled():
        with pytest.raises(ValidationError, match=message):
            _delivered(setup, order, on)
        assert SolvedProblem.objects.count() == 0
        refused = ServiceOrder.objects.get()
        assert (refused.status, refused.delivered_on) == (status, None)


def test_only_the_assigned_expert_may_accept(setup, make_user):
    order = _assigned(setup)
    other_user = make_user(Role.EXPERT, setup["tree"].district)
    ExpertFactory(area=setup["tree"].district, user=other_user)
    with scopes_disabled(), pytest.raises(ValidationError, match="只有被指派的专家"):
        services.order_accept(order=order, by=other_user, on=D(2020, 3, 4))


def test_team_member_accepts_a_team_assignment_and_becomes_the_expert(setup):
    team = ServiceTeamFactory(area=setup["tree"].district, category=setup["category"])
    with scopes_disabled():
        setup["expert"].teams.add(team)
    order = _ordered(setup)
    with scopes_disabled():
        services.order_assign(order=order, team=team, by=None, on=D(2020, 3, 3))
        order = services.order_accept(order=order, by=setup["user"], on=D(2020, 3, 3))
    assert order.expert == setup["expert"]


def test_decline_needs_a_reason_and_returns_the_order_for_reassignment(setup):
    order = _assigned(setup)
    with scopes_disabled():
        with pytest.raises(ValidationError, match="说明原因"):
            services.order_decline(order=order, reason="  ", by=setup["user"])
        order = services.order_decline(order=order, reason="外出培训", by=setup["user"])
    assert (order.status, order.expert, order.decline_reason) == (Status.DECLINED, None, "外出培训")


def test_rating_outside_1_to_5_is_refused(setup):
    order = _accepted(setup)
    with scopes_disabled():
        _delivered(setup, order, D(2020, 3, 5), beneficiaries=1, problems=())
        with pytest.raises(ValidationError, match="1到5分"):
            services.order_rate(order=order, rating=6, comment="", by=None)
        assert ServiceOrder.objects.get().status == Status.DELIVERED


def test_assignment_refuses_expert_of_another_town(setup):
    far = ExpertFactory(area=setup["tree"].town_b)
    order = _ordered(setup)
    with scopes_disabled(), pytest.raises(ValidationError, match="不能为"):
        services.order_assign(order=order, expert=far, by=None, on=D(2020, 3, 3))


def test_suggestions_rank_specialty_then_load(setup):
    busy = ExpertFactory(area=setup["tree"].district, name="忙碌", specialty="水果、甜樱桃")
    idle = ExpertFactory(area=setup["tree"].district, name="空闲", specialty="水果、甜樱桃")
    other = ExpertFactory(area=setup["tree"].district, name="文化", specialty="非遗")
    ServiceOrderFactory(
        area=setup["tree"].village_a2,
        expert=busy,
        status=Status.ACCEPTED,
        assigned_on=D(2020, 1, 1),
        accepted_on=D(2020, 1, 2),
    )
    ServiceOrderFactory(
        area=setup["tree"].village_a2,
        expert=setup["expert"],
        status=Status.ASSIGNED,
        assigned_on=D(2020, 1, 1),
    )
    ServiceOrderFactory(
        area=setup["tree"].village_a2,
        expert=setup["expert"],
        status=Status.ASSIGNED,
        assigned_on=D(2020, 1, 1),
    )
    order = _ordered(setup)
    with scopes_disabled():
        ranked = [s.expert for s in selectors.assignment_suggestions(order=order)]
    assert ranked == [idle, busy, setup["expert"], other]


def test_overdue_orders_use_the_rule_of_the_assignment_year(setup):
    with scopes_disabled():
        OrderRule.objects.create(
            area=setup["tree"].district,
            name="旧",
            valid_from=2017,
            valid_to=2019,
            accept_days=10,
            deliver_days=30,
        )
        OrderRule.objects.create(
            area=setup["tree"].district, name="新", valid_from=2020, accept_days=2, deliver_days=5
        )
    late = ServiceOrderFactory(
        area=setup["tree"].village_a,
        expert=setup["expert"],
        status=Status.ASSIGNED,
        assigned_on=D(2020, 3, 1),
    )
    old = ServiceOrderFactory(
        area=setup["tree"].village_a,
        expert=setup["expert"],
        status=Status.ASSIGNED,
        assigned_on=D(2019, 12, 30),
    )
    serving = ServiceOrderFactory(
        area=setup["tree"].village_a,
        expert=setup["expert"],
        status=Status.ACCEPTED,
        assigned_on=D(2020, 3, 1),
        accepted_on=D(2020, 3, 1),
    )
    with scope(area=setup["tree"].district.path):
        found = {
            o.order.pk: (o.stage, o.due, o.days_late)
            for o in selectors.overdue_orders(today=D(2020, 3, 7))
        }
        early = {o.order.pk for o in selectors.overdue_orders(today=D(2020, 1, 5))}
    assert found == {
        late.pk: ("接单", D(2020, 3, 3), 4),
        serving.pk: ("服务", D(2020, 3, 6), 1),
        old.pk: ("接单", D(2020, 1, 9), 58),  # ten days under the 2019 rule, not two
    }
    assert early == set()


def test_escalate_command_marks_overdue_orders_once(setup):
    late = ServiceOrderFactory(
        area=setup["tree"].village_a,
        expert=setup["expert"],
        status=Status.ASSIGNED,
        assigned_on=D(2020, 3, 1),
    )
    out = StringIO()
    call_command("escalate_overdue_orders", "--area", "330112", "--today", "2020-03-10", stdout=out)
    call_command(
        "escalate_overdue_orders", "--area", "330112", "--today", "2020-03-11", stdout=StringIO()
    )
    with scopes_disabled():
        late.refresh_from_db()
        entries = AuditEntry.objects.filter(action="order.escalated")
        assert entries.count() == 1
        assert entries.get().via == "command"
    assert late.escalated_on == D(2020, 3, 10)
    assert "1" in out.getvalue()


def test_order_rule_with_overlapping_validity_is_refused(tree):
    with scopes_disabled():
        OrderRule.objects.create(
            area=tree.district, name="a", valid_from=2017, accept_days=3, deliver_days=15
        )
        rule = OrderRule(
            area=tree.district, name="b", valid_from=2019, accept_days=3, deliver_days=15
        )
        with pytest.raises(ValidationError, match="重叠"):
            rule.full_clean()


def test_defaults_are_created_once(tree):
    with scopes_disabled():
        services.categories_ensure_defaults(district=tree.district)
        services.categories_ensure_defaults(district=tree.district)
        services.order_rule_ensure_default(district=tree.district)
        services.order_rule_ensure_default(district=tree.district)
        from xingcun.orders.models import ServiceCategory

        assert list(ServiceCategory.objects.values_list("name", flat=True)) == [
            "产业发展",
            "乡村建设",
            "乡风文明",
            "乡村治理",
            "强村富民",
            "改革助力",
        ]
        assert OrderRule.objects.count() == 1
