from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.db import transaction

from xingcun.accounts.models import Membership, User
from xingcun.core import audit


@transaction.atomic
def lockout_lift(*, kind: str, value: str, by: Any) -> int:
    """Lift the login lockout of one account (`kind="username"`) or one client address
    (`kind="ip"`) before its cool-off ends; audited. Returns the number of records cleared."""
    removed = reset(username=value) if kind == "username" else reset(ip=value)
    if removed:
        user = User.objects.filter(username=value).first() if kind == "username" else None
        membership = Membership.objects.filter(user=user).select_related("area").first()
        audit.log(
            actor=by,
            action="account.lockout_lifted",
            obj=user,
            changes={kind: value, "records": removed},
            area=membership.area if membership else None,
        )
    return int(removed)
