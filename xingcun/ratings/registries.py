"""The star-rating scheme and its dimensions are registries edited by district staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.ratings.forms import DimensionForm, StarSchemeForm
from xingcun.ratings.models import Dimension, StarScheme


def scheme_by_code(code: str) -> StarScheme | None:
    return StarScheme.objects.filter(code=code.strip()).first()


def _dimension_defaults(values: dict[str, Any]) -> None:
    scheme = values.get("scheme")
    if scheme is not None:
        values["area"] = scheme.area


SCHEMES = r.register(
    r.Registry(
        key="star-schemes",
        model=StarScheme,
        title=_("星级评定方案"),
        section="members",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("版本编号", "code", required=True, max_length=32),
            r.TextColumn("方案名称", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.DecimalColumn("五星分数线", "five_from", required=True),
            r.DecimalColumn("四星分数线", "four_from", required=True),
            r.DecimalColumn("三星分数线", "three_from", required=True),
            r.DecimalColumn("二星分数线", "two_from", required=True),
            r.DecimalColumn("一星分数线", "one_from", required=True),
            r.DecimalColumn("五星比例上限(%)", "five_quota_pct", required=True),
            r.DecimalColumn("四星比例上限(%)", "four_quota_pct", required=True),
            r.IntColumn("公示天数", "publicity_days", required=True, minimum=1),
            r.ChoiceColumn("状态", "status", readonly=True, choices=StarScheme.Status.choices),
        ],
        natural_key=("code",),
        form_class=StarSchemeForm,
        perm_view=perms.RATING_VIEW,
        perm_edit=perms.RATING_CONFIG,
        perm_delete=perms.RATING_CONFIG,
        list_columns=[
            r.ListColumn("方案", lambda s: s.name, link=True),
            r.ListColumn("版本", lambda s: s.code),
            r.ListColumn("有效期", lambda s: f"{s.valid_from}—{s.valid_to or '至今'}"),
            r.ListColumn("五星/四星比例", lambda s: f"{s.five_quota_pct}% / {s.four_quota_pct}%"),
            r.ListColumn("状态", lambda s: s.get_status_display()),
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
)

DIMENSIONS = r.register(
    r.Registry(
        key="star-dimensions",
        model=Dimension,
        title=_("星级评定维度"),
        section="members",
        columns=[
            r.RefColumn(
                "方案版本编号",
                "scheme",
                required=True,
                lookup=scheme_by_code,
                key_of=lambda s: s.code,
                what="星级评定方案",
            ),
            r.TextColumn("维度代码", "code", required=True, max_length=32),
            r.TextColumn("维度名称", "name", required=True, max_length=100),
            r.DecimalColumn("权重(%)", "weight", required=True),
            r.BoolColumn("好家风维度", "is_family"),
            r.TextColumn("评分要点", "description", max_length=300),
        ],
        natural_key=("scheme", "code"),
        form_class=DimensionForm,
        perm_view=perms.RATING_VIEW,
        perm_edit=perms.RATING_CONFIG,
        perm_delete=perms.RATING_CONFIG,
        list_columns=[
            r.ListColumn("维度", lambda d: d.name, link=True),
            r.ListColumn("方案版本", lambda d: d.scheme.code),
            r.ListColumn("权重(%)", lambda d: d.weight),
            r.ListColumn("好家风", lambda d: "是" if d.is_family else ""),
        ],
        search_fields=("name", "code", "scheme__code"),
        select_related=("area", "scheme"),
        ordering=("scheme__code", "code"),
        prepare=_dimension_defaults,
        example=[
            "XJ-2021",
            "family",
            "好家风建设与乡风文明",
            "15",
            "是",
            "立家训、传家风、评好家庭",
        ],
    )
)
