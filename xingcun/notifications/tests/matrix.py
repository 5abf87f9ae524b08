"""Permission-matrix rows of the inbox: every logged-in user has their own."""

from __future__ import annotations

from xingcun.core.tests.matrix import ALL_200, REDIRECT_ALL, Row

ROWS: list[Row] = [
    Row("notifications:inbox", expect=ALL_200),
    Row("notifications:read-all", "post", expect=REDIRECT_ALL),
    # Nobody's notification 999999: 404 for every role (one's own is tested in test_views).
    Row("notifications:open", "post", expect=(404,) * 6, kwargs=(("pk", 999999),)),
]


def objects(village, side):
    return {}
