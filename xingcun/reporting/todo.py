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
from django.utils.translation import gettext

from xingcun.core.permissions import Role, request_has
from xingcun.orders.permissions import ORDER_DISPATCH, ORDER_RATE, ORDER_RESPOND
from xingcun.pairing.permissions import PAIRING_EDIT
from xingcun.posts.permissions import POST_EDIT
from xingcun.reporting import selectors
from xingcun.reporting.models import TaskInstance
from xingcun.reporting.permissions import REPORTING_MANAGE, REPORTING_VIEW
from xingcun.vanguard.permissions import VANGUARD_ANSWER, VANGUARD_APPROVE, VANGUARD_MANAGE
from xingcun.wishes.permissions import WISH_EDIT

WISHES, ORDERS, VANGUARD = "wishes:wall", "orders:list", "vanguard:index"  # navigation items


@dataclass
class Pending:
    label: str
    count: int
    url: str
    nav: str = ""  # the URL name of the navigation item that shows the count


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
    # The node at a glance: (label, value, change on the year as text, approval status or None)
    glance: list[tuple[str, Any, str, str | None]] = field(default_factory=list)
    glance_year: int | None = None
    glance_area: Any = None

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

    @property
    def nav_counts(self) -> dict[str, int]:
        """Pending counts by navigation item (URL name): the to-do itself and each mechanism."""
        counts: dict[str, int] = {"reporting:todo": self.total}
        for p in self.pending:
            if p.nav:
                counts[p.nav] = counts.get(p.nav, 0) + p.count
        return counts


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
        Pending(gettext("微心愿待核实"), counts.get(Wish.Status.SUBMITTED, 0), url, WISHES),
        Pending(gettext("微心愿待发布"), counts.get(Wish.Status.VERIFIED, 0), url, WISHES),
        Pending(gettext("微心愿待确认实现"), counts.get(Wish.Status.DELIVERED, 0), url, WISHES),
    ]


def _open_wishes(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.wishes.models import Wish

    if role != Role.MEMBER:
        return []
    return [
        Pending(
            gettext("心愿墙待认领"),
            Wish.objects.filter(status=Wish.Status.OPEN).count(),
            reverse("wishes:wall"),
            WISHES,
        )
    ]


def _orders(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.orders import selectors as orders
    from xingcun.orders.models import ServiceOrder

    out = []
    base = reverse("orders:list")
    if request_has(request, ORDER_DISPATCH):
        n = orders.order_list(user=request.user, role=role, status=ServiceOrder.Status.ORDERED)
        out.append(Pending(gettext("服务单待派单"), n.count(), f"{base}?status=ordered", ORDERS))
    if request_has(request, ORDER_RESPOND):
        n = orders.order_list(user=request.user, role=role, status=ServiceOrder.Status.ASSIGNED)
        out.append(Pending(gettext("服务单待接单"), n.count(), f"{base}?status=assigned", ORDERS))
    if request_has(request, ORDER_RATE):
        n = orders.order_list(user=request.user, role=role, status=ServiceOrder.Status.DELIVERED)
        out.append(
            Pending(gettext("服务单待评价验收"), n.count(), f"{base}?status=delivered", ORDERS)
        )
    return out


def _posts(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.posts.models import PostAssignment

    if not request_has(request, POST_EDIT):
        return []
    n = PostAssignment.objects.filter(status=PostAssignment.Status.APPLIED).count()
    return [Pending(gettext("岗位申请待确认"), n, reverse("posts:home"), "posts:home")]


def _vanguard(request: HttpRequest, role: str | None) -> list[Pending]:
    from xingcun.vanguard import selectors as vanguard
    from xingcun.vanguard.models import Objection

    out = []
    if request_has(request, VANGUARD_APPROVE):
        n = vanguard.event_list(status="pending").count()
        out.append(
            Pending(
                gettext("先锋指数事项待审核"),
                n,
                reverse("vanguard:event-list") + "?status=pending",
                VANGUARD,
            )
        )
    if request_has(request, VANGUARD_ANSWER):
        n = Objection.objects.filter(status=Objection.Status.RAISED).count()
        out.append(Pending(gettext("先锋指数异议待答复"), n, reverse("vanguard:index"), VANGUARD))
    if request_has(request, VANGUARD_MANAGE) and role == Role.TOWN:
        n = Objection.objects.filter(status=Objection.Status.ANSWERED).count()
        out.append(Pending(gettext("先锋指数异议待裁定"), n, reverse("vanguard:index"), VANGUARD))
    return out


def _pairing(request: HttpRequest, role: str | None) -> list[Pending]:
    """Pairing agreements in force with no activity logged for a quarter: one click to the
    agreement's activity form (or to the list of them when there are several)."""
    from xingcun.pairing import selectors as pairing

    if not request_has(request, PAIRING_EDIT):
        return []
    due = pairing.agreements_awaiting_activity(today=timezone.localdate())
    first = list(due.values_list("pk", flat=True)[:2])
    n = len(first) if len(first) < 2 else due.count()
    if n == 1:
        url = reverse("pairing:agreement-detail", args=[first[0]]) + "#log-activity"
    else:
        url = reverse("pairing:index") + "#activity-due"
    return [Pending(gettext("结对活动待记录"), n, url, "pairing:index")]


PENDING: list[Callable[[HttpRequest, str | None], list[Pending]]] = [
    _wishes,
    _open_wishes,
    _orders,
    _posts,
    _vanguard,
    _pairing,
]


def for_request(
    request: HttpRequest, *, today: dt.date | None = None, counts_only: bool = False
) -> Work:
    """The role's to-do; with `counts_only`, only what the counts need (for the navigation)."""
    membership = getattr(request, "membership", None)
    role = membership.role if membership else None
    work = Work(role=role, today=today or timezone.localdate())
    if request_has(request, REPORTING_VIEW):
        if role == Role.VILLAGE:
            work.due = list(selectors.waiting_for(role=role)[:50])
        else:
            waiting = selectors.waiting_for(role=role)
            work.review_count = waiting.count()
            work.review = [] if counts_only else list(waiting[:10])
        if request_has(request, REPORTING_MANAGE) and not counts_only:
            work.late_count = selectors.late(today=work.today).count()
            work.overview = selectors.overview(today=work.today)[:3]
    for provider in PENDING:
        work.pending.extend(p for p in provider(request, role) if p.count)
    if counts_only:
        return work
    if role == Role.VILLAGE and membership is not None:
        _glance(work, membership.area)
    elif role in (Role.TOWN, Role.DISTRICT) and membership is not None:
        _glance_node(work, membership.area)
    return work


def nav_counts(request: HttpRequest) -> dict[str, int]:
    """The navigation's pending counts, from the shared cache while no table has changed since
    they were counted (every page shows them; a write anywhere recounts), per membership and day."""
    from django.core.cache import cache

    from xingcun.core import versions

    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    found = versions.current()
    key = versions.key(
        "nav-counts", membership.pk, timezone.localdate(), versions.stamp(found, found)
    )
    counts: dict[str, int] | None = cache.get(key)
    if counts is None:
        counts = for_request(request, counts_only=True).nav_counts
        cache.set(key, counts, timeout=versions.TIMEOUT)
    return counts


def _glance(work: Work, area: Any) -> None:
    """The village at a glance: the latest profile's key figures with the change on the year."""
    from xingcun.villages.models import VillageProfile

    profiles = list(VillageProfile.objects.filter(area=area).order_by("-year")[:2])
    latest = profiles[0] if profiles else None
    before = profiles[1] if len(profiles) > 1 else None
    if latest is None:
        return
    work.glance_year, work.glance_area = latest.year, area
    for label, attr in (
        (gettext("集体经济总收入(万元)"), "collective_income"),
        (gettext("经营性收入(万元)"), "operating_like_income"),
        (gettext("村民人均可支配收入(元)"), "per_capita_income"),
        ("户籍人口", "population"),
    ):
        value = getattr(latest, attr)
        change = value - getattr(before, attr) if before is not None else None
        text = "" if change is None else f"{'+' if change >= 0 else ''}{change}"
        work.glance.append((label, value, text, None))


GLANCE_CODES = (
    "villages.collective_income",
    "villages.per_capita_income",
    "villages.weak",
    "party.members",
    "projects.investment",
)


def _glance_node(work: Work, area: Any) -> None:
    """A town or the district at a glance: the engine's key figures of the report's default year
    (the latest year complete enough), with the change on the year and whether they are final."""
    from xingcun.indicators import engine
    from xingcun.indicators.selectors import year_on_year

    year = selectors.complete_year(area=area)
    now, before = engine.Period.year(year), engine.Period.year(year - 1)
    grid = engine.evaluate_grid(
        area=area, periods=[before, now], codes=GLANCE_CODES, levels=(), approval=[now]
    )
    work.glance_year, work.glance_area = year, area
    for code in GLANCE_CODES:
        result = grid[str(now)][code][area.code]
        change, _direction = year_on_year(result, grid[str(before)][code][area.code])
        work.glance.append((str(result.indicator.name), result.display(), change, result.approval))
