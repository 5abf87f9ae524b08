from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from xingcun.accounts.models import Membership, User
from xingcun.core.scoping import scope_area

SESSION_KEY = "xingcun_membership"


def resolve_membership(request: HttpRequest) -> Membership | None:
    """The membership that gives this request its scope: the one chosen in the session, else the
    user's first; for a request authenticated by an API token, the token's own membership."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    token = getattr(request, "api_token", None)  # set by xingcun.api.middleware.TokenMiddleware
    if token is not None:
        membership: Membership = token.membership
        return membership
    memberships: list[Membership] | None = user.kept_memberships  # see accounts.backends
    if memberships is None:
        memberships = membership_list(user_id=user.pk)
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0]


def membership_list(*, user_id: int) -> list[Membership]:
    return list(Membership.objects.select_related("area").filter(user_id=user_id).order_by("id"))


@dataclass(frozen=True)
class Lockout:
    kind: str  # "username" or "ip"
    value: str
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime


def lockouts() -> list[Lockout]:
    """Accounts and client addresses locked out now (django-axes counts failures of both)."""
    limit, cool_off = settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    found: list[Lockout] = []
    for kind, field in (("username", "username"), ("ip", "ip_address")):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
            .order_by("-last")
        )
        found += [
            Lockout(kind, row[field], row["failures"], row["last"], row["last"] + cool_off)
            for row in rows
        ]
    return found


def role_users_in_scope(role: str) -> QuerySet[User]:
    """Logins holding `role` inside the active scope, or at a node above it (experts and partners
    are often held at the district)."""
    area = scope_area()
    qs = User.objects.filter(memberships__role=role)
    if area is not None:
        qs = qs.filter(
            Q(memberships__area__path__startswith=area.path)
            | Q(memberships__area__path__in=area.ancestor_paths())
        )
    return qs.distinct().order_by("username")
