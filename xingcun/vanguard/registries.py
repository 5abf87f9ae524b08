"""Scheme versions and their items are registries (district staff edit them, import and export them).
Score events are not: they are append-only and written only through `services`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from xingcun.core import registry as r
from xingcun.vanguard.models import Item, Scheme
from xingcun.vanguard.permissions import VANGUARD_CONFIG, VANGUARD_VIEW


def _item_defaults(values: dict[str, Any]) -> None:
    scheme = values.get("scheme")
    if scheme is not None:
        values["area"] = scheme.area
    values["categories"] = (values.get("categories") or "").upper()


def _scheme_defaults(values: dict[str, Any]) -> None:
    values["categories"] = (values.get("categories") or "").upper()


register = r.registrar(section="members", perms=(VANGUARD_VIEW, VANGUARD_CONFIG, VANGUARD_CONFIG))

SCHEMES = register(
    Scheme,
    key="vanguard-schemes",
    fields=[
        *r.SCHEME,
        r.F("categories", required=True, help=gettext_lazy("如 ABCD")),
        "base_score",
        r.DecimalColumn(
            gettext_lazy("年度加分上限"), "bonus_cap", help=gettext_lazy("留空表示不设总上限")
        ),
        r.DecimalColumn(gettext_lazy("优秀分数线"), "excellent_from", required=True),
        r.DecimalColumn(gettext_lazy("合格分数线"), "qualified_from", required=True),
        r.F("warning_from", help=""),
        r.DecimalColumn(gettext_lazy("帮教分数线"), "follow_up_below", required=True),
        "follow_up_action",
        r.F("publicity_days", required=True, minimum=1),
        r.F("status", readonly=True),
    ],
    list_display=[
        *r.SCHEME_LIST,
        "base_score",
        "status",
    ],
    search_fields=("name", "code"),
    ordering=("-valid_from", "code"),
    prepare=_scheme_defaults,
    detail_extra="vanguard/_scheme_extra.html",
    example=[
        "330112",
        "XFZS-2021",
        "农村党员先锋指数考评办法（2021年修订）",
        2021,
        "",
        "ABCD",
        "80",
        "20",
        "95",
        "75",
        "60",
        "75",
        "由党组织书记谈心谈话，列为帮教对象",
        7,
        "",
    ],
)

ITEMS = register(
    Item,
    key="vanguard-items",
    fields=[
        r.SCHEME_PART,
        r.F("code", help=""),
        "name",
        "group",
        "kind",
        "points",
        r.DecimalColumn(gettext_lazy("年度上限"), "cap", help=gettext_lazy("留空表示不设上限")),
        r.F("categories", help=gettext_lazy("留空表示全部")),
        "description",
    ],
    list_display=[
        (gettext_lazy("项目"), "name"),
        r.SCHEME_PART_LIST,
        "group",
        "kind",
        (gettext_lazy("分值"), "points"),
        r.ListColumn(gettext_lazy("年度上限"), lambda i: i.cap if i.cap is not None else "—"),
    ],
    search_fields=("name", "code", "scheme__code"),
    kind_field="group",
    ordering=("scheme__code", "kind", "code"),
    prepare=_item_defaults,
    example=[
        "XFZS-2021",
        "wish_fulfilled",
        "认领并实现群众微心愿",
        "服务群众",
        "加分",
        "2",
        "6",
        "",
        "",
    ],
)
