"""Reads of the 点单 service: what a user may see, who could take an order, what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from xingcun.core.models import Area
from xingcun.core.permissions import Role
from xingcun.orders.models import (
    Expert,
    OrderRule,
    ServiceCategory,
    ServiceOrder,
    ServiceTeam,
    deadline,
)

DEFAULT_ACCEPT_DAYS = 3
DEFAULT_DELIVER_DAYS = 15


def category_choices_for(area: Area, *, year: int | None = None) -> QuerySet[ServiceCategory]:
    """Service kinds offered to a village: the district's catalogue, inherited from above."""
    qs = ServiceCategory.objects.inherited().filter(area__path__in=area.lineage_paths())
    if year is not None:
        qs = qs.filter(valid_from__lte=year).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=year)
        )
    return qs.order_by("position", "id")


def expert_choices_for(area: Area) -> QuerySet[Expert]:
    """Experts who may serve a village: registered at its district, its town or below."""
    return Expert.objects.inherited().filter(area.above_or_below_q()).order_by("name")


def team_choices_for(area: Area) -> QuerySet[ServiceTeam]:
    return (
        ServiceTeam.objects.inherited()
        .filter(area.above_or_below_q(), dissolved_on__isnull=True)
        .order_by("name")
    )


def expert_of(user: Any) -> Expert | None:
    """The expert profile linked to a login (registered at the user's node or above it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Expert.objects.inherited().filter(user=user).first()


def order_list(*, user: Any, role: str | None, status: str = "") -> QuerySet[ServiceOrder]:
    """Orders a user may see: cadres every order in scope; an expert only the orders assigned to
    them or to one of their teams (and still open to the team)."""
    qs = ServiceOrder.objects.select_related("area", "category", "expert", "team")
    if role == Role.EXPERT:
        qs = qs.filter(assigned_to(expert_of(user)))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-ordered_on", "-id")


def taken_from_team(*, user: Any, pk: int) -> ServiceOrder | None:
    """Order `pk` if it was offered to one of the user's teams and another expert has taken it
    (it is then no longer in the user's order_list); None otherwise."""
    expert = expert_of(user)
    if expert is None:
        return None
    return (
        ServiceOrder.objects.filter(pk=pk, team__in=expert.teams.all(), expert__isnull=False)
        .exclude(expert=expert)
        .first()
    )


def assigned_to(expert: Expert | None) -> Q:
    if expert is None:
        return Q(pk__in=[])
    return Q(expert=expert) | Q(expert__isnull=True, team__in=expert.teams.all())


def rule_for(*, area: Area, year: int) -> OrderRule | None:
    """The time-limit rule valid in `year` for the village (the deepest node's wins)."""
    return OrderRule.objects.effective(area=area, year=year)


@dataclass(frozen=True)
class Deadlines:
    accept_by: dt.date | None
    deliver_by: dt.date | None


def deadlines(order: ServiceOrder) -> Deadlines:
    year = (order.assigned_on or order.ordered_on).year
    rule = rule_for(area=order.area, year=year)
    accept_days = rule.accept_days if rule else DEFAULT_ACCEPT_DAYS
    deliver_days = rule.deliver_days if rule else DEFAULT_DELIVER_DAYS
    return Deadlines(
        deadline(order.assigned_on, accept_days), deadline(order.accepted_on, deliver_days)
    )


@dataclass(frozen=True)
class Overdue:
    order: ServiceOrder
    stage: str  # "接单" or "服务"
    due: dt.date
    days_late: int


def overdue_orders(*, today: dt.date) -> list[Overdue]:
    """Assigned orders not accepted in time and accepted orders not delivered in time, computed
    live from the rule valid in the year of assignment."""
    found: list[Overdue] = []
    qs = ServiceOrder.objects.filter(
        status__in=[ServiceOrder.Status.ASSIGNED, ServiceOrder.Status.ACCEPTED]
    ).select_related("area", "category", "expert", "team")
    for order in qs.order_by("assigned_on", "id"):
        limits = deadlines(order)
        if order.status == ServiceOrder.Status.ASSIGNED:
            stage, due = "接单", limits.accept_by
        else:
            stage, due = "服务", limits.deliver_by
        if due is not None and today > due:
            found.append(Overdue(order, stage, due, (today - due).days))
    return found


@dataclass(frozen=True)
class Suggestion:
    expert: Expert
    matches: int
    load: int
    in_team: bool


def assignment_suggestions(*, order: ServiceOrder, limit: int = 8) -> list[Suggestion]:
    """Experts ranked by specialty match with the order (its kind's team, then words of its
    kind and need found in the expert's specialty), then by current load (open orders)."""
    experts = expert_choices_for(order.area).annotate(
        load=Count(
            "orders",
            filter=Q(
                orders__status__in=[ServiceOrder.Status.ASSIGNED, ServiceOrder.Status.ACCEPTED]
            ),
        )
    )
    words = order.category.keyword_list()
    team_members = set(
        Expert.objects.inherited()
        .filter(teams__category=order.category)
        .values_list("pk", flat=True)
    )
    ranked = []
    for expert in experts.prefetch_related("teams"):
        specialty = expert.specialty_words()
        matches = sum(1 for w in specialty if w in order.need or w in words)
        in_team = expert.pk in team_members
        ranked.append(Suggestion(expert, matches, expert.load, in_team))
    ranked.sort(key=lambda s: (-(s.matches + 2 * s.in_team), s.load, s.expert.name))
    return ranked[:limit]


def order_counts(*, qs: QuerySet[ServiceOrder]) -> dict[str, int]:
    rows = qs.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
