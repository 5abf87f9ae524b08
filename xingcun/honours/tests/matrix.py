"""Permission-matrix rows of honours, model cases and media reports (see core/tests/matrix.py).
Roles in order: district, town, village, member, expert, partner."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, ORG_READERS, Row, registry_rows
from xingcun.honours.models import CasePhoto, Honour, MediaReport, ModelCase, ModelVillage

ROWS = [
    Row("honours:index", expect=ORG_READERS),
    Row("honours:photo-add", method="post", expect=(302, 302, 302, 403, 403, 403), obj="model-cases"),
    Row("honours:photo", expect=ORG_READERS, obj="case-photo"),
    *registry_rows("honours", ORG_READERS, CADRES, DISTRICT_ONLY),
    *registry_rows("model-cases", ORG_READERS, CADRES, DISTRICT_ONLY),
    *registry_rows("media-reports", ORG_READERS, CADRES, DISTRICT_ONLY),
    *registry_rows("model-villages", ORG_READERS, CADRES, DISTRICT_ONLY),
]  # fmt: skip


def objects(village, side):
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        honour = Honour.objects.create(
            area=village, title="民主法治示范村", level="national", year=2014, recipient="village"
        )
        case = ModelCase.objects.create(
            area=village, title=f"好家风案例{side}", kind="village", year=2019, summary="立家训"
        )
        photo = CasePhoto.objects.create(
            area=village,
            case=case,
            caption="褒奖礼",
            file=SimpleUploadedFile("a.jpg", b"\xff\xd8\xff"),
        )
        report = MediaReport.objects.create(
            area=village, outlet="人民日报", date=dt.date(2019, 6, 18), title="好家风带出好村风"
        )
        model_village = ModelVillage.objects.create(area=village, since_year=2015, base_year=2012)
    return {
        "honours": honour,
        "model-cases": case,
        "case-photo": photo,
        "media-reports": report,
        "model-villages": model_village,
    }
