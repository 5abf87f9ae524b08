from __future__ import annotations

from xingcun.core.tests.matrix import (
    NOT_THE_PARTNERS,
    PARTNER_RECORDS,
    Row,
    cooperation_rows,
)

ROWS = [
    *cooperation_rows("universities", edited=("universities", "programmes", "dispatches")),
    Row("universities:dispatch", expect=NOT_THE_PARTNERS, obj="dispatches"),
    Row("universities:dispatch-create", expect=PARTNER_RECORDS),
]


def objects(village, side):
    from xingcun.universities.tests.factories import DispatchFactory

    dispatch = DispatchFactory(area=village)
    return {
        "universities": dispatch.programme.university,
        "programmes": dispatch.programme,
        "dispatches": dispatch,
    }
