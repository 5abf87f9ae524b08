from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xingcun.core.permissions import Role
from xingcun.operators.models import OperatorContract


def contract_list(*, user: Any, role: str | None) -> QuerySet[OperatorContract]:
    """Contracts a user may see: cadres all in scope, an operator team's login only its own."""
    qs = OperatorContract.objects.select_related("area", "team")
    if role == Role.PARTNER:
        qs = qs.filter(team__users=user.pk)
    return qs.order_by("-signed_on", "-id")
