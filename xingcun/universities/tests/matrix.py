from __future__ import annotations

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

HOME = (200, 200, 200, 403, 403, 200)
OWN = (200, 200, 200, 403, 403, 404)  # the matrix's partner belongs to no university
EDITORS = (200, 200, 403, 403, 403, 403)

ROWS = [
    Row("universities:home", expect=HOME),
    Row("universities:dispatch", expect=OWN, obj="dispatches"),
    Row("universities:dispatch-create", expect=(200, 200, 403, 403, 403, 200)),
    *registry_rows("universities", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("programmes", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("dispatches", CADRES, EDITORS, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.universities.tests.factories import DispatchFactory

    dispatch = DispatchFactory(area=village)
    return {
        "universities": dispatch.programme.university,
        "programmes": dispatch.programme,
        "dispatches": dispatch,
    }
