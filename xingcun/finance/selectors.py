from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xingcun.core.permissions import Role
from xingcun.finance.models import Loan


def loan_list(*, user: Any, role: str | None) -> QuerySet[Loan]:
    """Loans a user may see: cadres every loan in scope, a bank's login only its bank's loans."""
    qs = Loan.objects.select_related("area", "product__bank")
    if role == Role.PARTNER:
        qs = qs.filter(product__bank__users=user)
    return qs.order_by("-issued_on", "-id")
