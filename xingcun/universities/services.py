from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from xingcun.core.models import Area
from xingcun.core.scoping import in_scope
from xingcun.core.writes import save_audited
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
        raise ValidationError(gettext("请填写姓名或团队名称"))
    if not in_scope(village):
        raise ValidationError(
            gettext("“%(name)s”不在您的辖区内，不能登记") % {"name": village.name}
        )
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
    return save_audited(dispatch, actor=by, action="dispatches.created")
