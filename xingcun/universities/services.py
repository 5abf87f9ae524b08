from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import in_scope
from xingcun.universities.models import Dispatch, Programme


@transaction.atomic
def dispatch_record(
    *,
    programme: Programme,
    village: Area,
    kind: str,
    name: str,
    started_on: dt.date,
    by: Any,
    headcount: int = 1,
    ended_on: dt.date | None = None,
    work_done: str = "",
) -> Dispatch:
    """Record people sent to a village; a village outside the programme's district is refused."""
    if not name.strip():
        raise ValidationError("请填写姓名或团队名称")
    if not in_scope(village):
        raise ValidationError(f"“{village.name}”不在您的辖区内，不能登记")
    dispatch = Dispatch(
        area=village,
        programme=programme,
        kind=kind,
        name=name.strip(),
        headcount=headcount,
        started_on=started_on,
        ended_on=ended_on,
        work_done=work_done.strip(),
    )
    dispatch.full_clean()
    dispatch.save()
    audit.log(actor=by, action="dispatches.created", obj=dispatch, changes=audit.snapshot(dispatch))
    return dispatch
