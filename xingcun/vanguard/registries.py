"""Scheme versions and their items are registries (district staff edit them, import and export them).
Score events are not: they are append-only and written only through `services`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.vanguard.forms import ItemForm, SchemeForm
from xingcun.vanguard.models import Item, Scheme


def scheme_by_code(code: str) -> Scheme | None:
    return Scheme.objects.filter(code=code.strip()).first()


def _item_defaults(values: dict[str, Any]) -> None:
    scheme = values.get("scheme")
    if scheme is not None:
        values["area"] = scheme.area
    values["categories"] = (values.get("categories") or "").upper()


def _scheme_defaults(values: dict[str, Any]) -> None:
    values["categories"] = (values.get("categories") or "").upper()


SCHEMES = r.register(
    r.Registry(
        key="vanguard-schemes",
        model=Scheme,
        title=_("先锋指数方案"),
        section="members",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("版本编号", "code", required=True, max_length=32),
            r.TextColumn("方案名称", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.TextColumn("参评党员分类", "categories", required=True, max_length=4, help="如 ABCD"),
            r.DecimalColumn("基础分", "base_score", required=True),
            r.DecimalColumn("年度加分上限", "bonus_cap", help="留空表示不设总上限"),
            r.DecimalColumn("优秀分数线", "excellent_from", required=True),
            r.DecimalColumn("合格分数线", "qualified_from", required=True),
            r.DecimalColumn("警示分数线", "warning_from", required=True),
            r.DecimalColumn("帮教分数线", "follow_up_below", required=True),
            r.TextColumn("低分处置措施", "follow_up_action", required=True, max_length=200),
            r.IntColumn("公示天数", "publicity_days", required=True, minimum=1),
            r.ChoiceColumn("状态", "status", readonly=True, choices=Scheme.Status.choices),
        ],
        natural_key=("code",),
        form_class=SchemeForm,
        perm_view=perms.VANGUARD_VIEW,
        perm_edit=perms.VANGUARD_CONFIG,
        perm_delete=perms.VANGUARD_CONFIG,
        list_columns=[
            r.ListColumn("方案", lambda s: s.name, link=True),
            r.ListColumn("版本", lambda s: s.code),
            r.ListColumn("有效期", lambda s: f"{s.valid_from}—{s.valid_to or '至今'}"),
            r.ListColumn("基础分", lambda s: s.base_score),
            r.ListColumn("状态", lambda s: s.get_status_display()),
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
)

ITEMS = r.register(
    r.Registry(
        key="vanguard-items",
        model=Item,
        title=_("先锋指数评分项目"),
        section="members",
        columns=[
            r.RefColumn(
                "方案版本编号",
                "scheme",
                required=True,
                lookup=scheme_by_code,
                key_of=lambda s: s.code,
                what="先锋指数方案",
            ),
            r.TextColumn("项目代码", "code", required=True, max_length=32),
            r.TextColumn("项目名称", "name", required=True, max_length=100),
            r.ChoiceColumn("类别", "group", required=True, choices=Item.Group.choices),
            r.ChoiceColumn("加减分", "kind", required=True, choices=Item.Kind.choices),
            r.DecimalColumn("每次分值", "points", required=True),
            r.DecimalColumn("年度上限", "cap", help="留空表示不设上限"),
            r.TextColumn("适用党员分类", "categories", max_length=4, help="留空表示全部"),
            r.TextColumn("说明", "description", max_length=200),
        ],
        natural_key=("scheme", "code"),
        form_class=ItemForm,
        perm_view=perms.VANGUARD_VIEW,
        perm_edit=perms.VANGUARD_CONFIG,
        perm_delete=perms.VANGUARD_CONFIG,
        list_columns=[
            r.ListColumn("项目", lambda i: i.name, link=True),
            r.ListColumn("方案版本", lambda i: i.scheme.code),
            r.ListColumn("类别", lambda i: i.get_group_display()),
            r.ListColumn("加减分", lambda i: i.get_kind_display()),
            r.ListColumn("分值", lambda i: i.points),
            r.ListColumn("年度上限", lambda i: i.cap if i.cap is not None else "—"),
        ],
        search_fields=("name", "code", "scheme__code"),
        kind_field="group",
        select_related=("area", "scheme"),
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
)
