"""The to-do list of a role (待办): reporting instances due or awaiting its review, and the
mechanisms' pending actions with counts, each a link to where the action is taken.

The mechanism counts are read through each app's models/selectors here, one small function per
app (`PENDING`), each guarded by the permission that the action needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from xingcun.core.permissions import Role, request_has
from xingcun.orders.permissions import ORDER_DISPATCH, ORDER_RATE, ORDER_RESPOND
from xingcun.posts.permissions import POST_EDIT
from xingcun.reporting import selectors
from xingcun.reporting.models import TaskInstance
from xingcun.reporting.permissions import REPORTING_MANAGE, REPORTING_VIEW
from xingcun.vanguard.permissions import VANGUARD_ANSWER, VANGUARD_APPROVE, VANGUARD_MANAGE
from xingcun.wishes.permissions import WISH_EDIT


@dataclass
class Pending:
    label: str
    count: int
    url: str


@dataclass
class Work:
    role: str | None
    today: dt.date
    due: list[TaskInstance] = field(default_factory=list)  # the village's own reports to file
    review: list[TaskInstance] = field(default_factory=list)  # awaiting this role's step
    review_count: int = 0
    late_count: int = 0
    overview: list[Any] = field(default_factory=list)  # per task/period tallies
    pending: list[Pending] = field(default_factory=list)
    glance: list[tuple[str, Any, Any]] = field(default_factory=list)  # (label, value, YoY change)
    glance_year: int | None = None

    @property
    def due_today(self) -> list[TaskInstance]:
        return [i for i in self.due if i.due_on == self.today]

    @property
    def overdue(self) -> list[TaskInstance]:
        return [i for i in self.due if i.due_on < self.today]

    @property
    def upcoming(self) -> list[TaskInstance]:
        return [i for i in self.due if i.due_on > self.today]

    @property
    def total(self) -> int:
        return len(self.due) + self.review_count + sum(p.count for p in self.pending)


def _wishes(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.wishes.models import Wish

    if not request_has(request, WISH_EDIT):
        return []
    counts = {
        row["status"]: row["n"]
        for row in Wish.objects.filter(
            status__in=[Wish.Status.SUBMITTED, Wish.Status.VERIFIED, Wish.Status.DELIVERED]
        )
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    }
    url = reverse("wishes:wall")
    return [
        Pending("微心愿待核实", counts.get(Wish.Status.SUBMITTED, 0), url),
        Pending("微心愿待发布", counts.get(Wish.Status.VERIFIED, 0), url),
        Pending("微心愿待确认实现", counts.get(Wish.Status.DELIVERED, 0), url),
    ]


def _open_wishes(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.wishes.models import Wish

    if role != Role.MEMBER:
        return []
    return [
        Pending(
            "心愿墙待认领",
            Wish.objects.filter(status=Wish.Status.OPEN).count(),
            reverse("wishes:wall"),
        )
    ]


def _orders(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.orders import selectors as orders
    from xingcun.orders.models import ServiceOrder

    out = []
    base = reverse("orders:list")
    if request_has(request, ORDER_DISPATCH):
        n = orders.order_list(user=request.user, role=role, status=ServiceOrder.Status.ORDERED)
        out.append(Pending("服务单待派单", n.count(), f"{base}?status=ordered"))
    if request_has(request, ORDER_RESPOND):
        n = orders.order_list(user=request.user, role=role, status=ServiceOrder.Status.ASSIGNED)
        out.append(Pending("服务单待接单", n.count(), f"{base}?status=assigned"))
    if request_has(request, ORDER_RATE):
        n = orders.order_list(user=request.user, role=role, status=ServiceOrder.Status.DELIVERED)
        out.append(Pending("服务单待评价验收", n.count(), f"{base}?status=delivered"))
    return out


def _posts(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.posts.models import PostAssignment

    if not request_has(request, POST_EDIT):
        return []
    n = PostAssignment.objects.filter(status=PostAssignment.Status.APPLIED).count()
    return [Pending("岗位申请待确认", n, reverse("posts:home"))]


def _vanguard(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.vanguard import selectors as vanguard
    from xingcun.vanguard.models import Objection

    out = []
    if request_has(request, VANGUARD_APPROVE):
        n = vanguard.event_list(status="pending").count()
        out.append(
            Pending("先锋指数事项待审核", n, reverse("vanguard:event-list") + "?status=pending")
        )
    if request_has(request, VANGUARD_ANSWER):
        n = Objection.objects.filter(status=Objection.Status.RAISED).count()
        out.append(Pending("先锋指数异议待答复", n, reverse("vanguard:index")))
    if request_has(request, VANGUARD_MANAGE) and role == Role.TOWN:
        n = Objection.objects.filter(status=Objection.Status.ANSWERED).count()
        out.append(Pending("先锋指数异议待裁定", n, reverse("vanguard:index")))
    return out


PENDING: list[Callable[[HttpRequest, str | None], list[Pending]]] = [
    _wishes,
    _open_wishes,
    _orders,
    _posts,
    _vanguard,
]


def for_request(request: HttpRequest, *, today: dt.date | None = None) -> Work:
    membership = getattr(request, "membership", None)
    role = membership.role if membership else None
    work = Work(role=role, today=today or timezone.localdate())
    if request_has(request, REPORTING_VIEW):
        if role == Role.VILLAGE:
            work.due = list(selectors.waiting_for(role=role)[:50])
        else:
            waiting = selectors.waiting_for(role=role)
            work.review_count = waiting.count()
            work.review = list(waiting[:10])
        if request_has(request, REPORTING_MANAGE):
            work.late_count = selectors.late(today=work.today).count()
            work.overview = selectors.overview(today=work.today)[:3]
    for provider in PENDING:
        work.pending.extend(p for p in provider(request, role) if p.count)
    if role == Role.VILLAGE and membership is not None:
        _glance(work, membership.area)
    return work


def _glance(work: Work, area: Any) -> None:
    """The village at a glance: the latest profile's key figures with the change on the year."""
    from xingcun.villages.models import VillageProfile

    profiles = list(VillageProfile.objects.filter(area=area).order_by("-year")[:2])
    latest = profiles[0] if profiles else None
    before = profiles[1] if len(profiles) > 1 else None
    if latest is None:
        return
    work.glance_year = latest.year
    for label, attr in (
        ("集体经济总收入(万元)", "collective_income"),
        ("经营性收入(万元)", "operating_like_income"),
        ("村民人均可支配收入(元)", "per_capita_income"),
        ("户籍人口", "population"),
    ):
        value = getattr(latest, attr)
        change = value - getattr(before, attr) if before is not None else None
        work.glance.append((label, value, change))
