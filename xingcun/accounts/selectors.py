from __future__ import annotations

from django.http import HttpRequest

from xingcun.accounts.models import Membership

SESSION_KEY = "xingcun_membership"


def resolve_membership(request: HttpRequest) -> Membership | None:
    """The membership that gives this request its scope: the one chosen in the session, else the
    user's first. API token authentication (later) calls the same function."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = list(Membership.objects.select_related("area").filter(user=user).order_by("id"))
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0]


def membership_list(*, user_id: int) -> list[Membership]:
    return list(Membership.objects.select_related("area").filter(user_id=user_id).order_by("id"))
