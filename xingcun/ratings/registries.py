"""The star-rating scheme and its dimensions are registries edited by district staff."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from xingcun.core import registry as r
from xingcun.ratings.models import Dimension, StarScheme
from xingcun.ratings.permissions import RATING_CONFIG, RATING_VIEW

register = r.registrar(section="members", perms=(RATING_VIEW, RATING_CONFIG, RATING_CONFIG))

SCHEMES = register(
    StarScheme,
    key="star-schemes",
    fields=[
        *r.SCHEME,
        r.DecimalColumn(gettext_lazy("五星分数线"), "five_from", required=True),
        r.DecimalColumn(gettext_lazy("四星分数线"), "four_from", required=True),
        r.DecimalColumn(gettext_lazy("三星分数线"), "three_from", required=True),
        r.DecimalColumn(gettext_lazy("二星分数线"), "two_from", required=True),
        r.F("one_from", help=""),
        r.F("five_quota_pct", help=""),
        "four_quota_pct",
        r.F("publicity_days", required=True, minimum=1),
        r.F("status", readonly=True),
    ],
    list_display=[
        *r.SCHEME_LIST,
        r.ListColumn(
            gettext_lazy("五星/四星比例"), lambda s: f"{s.five_quota_pct}% / {s.four_quota_pct}%"
        ),
        "status",
    ],
    search_fields=("name", "code"),
    ordering=("-valid_from", "code"),
    detail_extra="ratings/_scheme_extra.html",
    example=[
        "330112",
        "XJ-2021",
        "星级基层党组织评定办法（2021年修订）",
        2021,
        "",
        "95",
        "85",
        "75",
        "65",
        "60",
        "10",
        "20",
        5,
        "",
    ],
)

DIMENSIONS = register(
    Dimension,
    key="star-dimensions",
    fields=[
        r.SCHEME_PART,
        "code",
        "name",
        "weight",
        "is_family",
        "description",
    ],
    list_display=[
        (gettext_lazy("维度"), "name"),
        r.SCHEME_PART_LIST,
        "weight",
        r.ListColumn(gettext_lazy("好家风"), lambda d: gettext("是") if d.is_family else ""),
    ],
    search_fields=("name", "code", "scheme__code"),
    ordering=("scheme__code", "code"),
    prepare=r.area_of("scheme"),
    example=[
        "XJ-2021",
        "family",
        "好家风建设与乡风文明",
        "15",
        "是",
        "立家训、传家风、评好家庭",
    ],
)
