"""Permission-matrix rows of the competition pages (see xingcun/core/tests/matrix.py)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, ORG_READERS, Row, registry_rows

ACT = (302, 302, 302, 403, 403, 403)

ROWS: list[Row] = [
    Row("competitions:index", expect=ORG_READERS),
    Row("competitions:branch", expect=CADRES, obj="competitions.branch"),
    Row("competitions:group-add", method="post", expect=ACT, obj="competitions.branch"),
    Row("competitions:group-member", method="post", expect=ACT, obj="competitions.branch"),
    Row("competitions:board", expect=ORG_READERS, obj="competitions.competition"),
    Row("competitions:entry-add", method="post", expect=ACT, obj="competitions.competition"),
    Row("competitions:close", method="post", expect=ACT, obj="competitions.competition"),
    Row("competitions:entry-void", method="post", expect=ACT, obj="competitions.entry"),
    Row("competitions:evidence", expect=ORG_READERS, obj="competitions.entry"),
    *registry_rows("competitions", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("competition-items", CADRES, CADRES, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.competitions.tests.factories import CompetitionEntryFactory

    entry = CompetitionEntryFactory(
        area=village, evidence_file=SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff")
    )
    return {
        "competitions.branch": entry.competition.branch,
        "competitions.competition": entry.competition,
        "competitions.entry": entry,
        "competitions": entry.competition,
        "competition-items": entry.item,
    }
