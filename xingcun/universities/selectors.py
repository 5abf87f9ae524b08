from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xingcun.core.permissions import Role
from xingcun.universities.models import Dispatch


def dispatch_list(*, user: Any, role: str | None) -> QuerySet[Dispatch]:
    """Dispatches a user may see: cadres all in scope, a university's login only its own."""
    qs = Dispatch.objects.select_related("area", "programme__university")
    if role == Role.PARTNER:
        qs = qs.filter(programme__university__users=user.pk)
    return qs.order_by("-started_on", "-id")
