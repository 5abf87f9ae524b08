from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from xingcun.core import registry as r
from xingcun.wishes.models import Visit, Wish, WishRule
from xingcun.wishes.permissions import (
    VISIT_DELETE,
    VISIT_EDIT,
    VISIT_VIEW,
    WISH_CONFIG,
    WISH_DELETE,
    WISH_EDIT,
)


def _claimer(wish: Wish) -> str:
    claim = next(
        (c for c in wish.claims.all() if c.status in ("active", "delivered", "done")), None
    )
    return claim.claimer_name if claim else ""


def _wish_defaults(values: dict[str, Any]) -> None:
    if values.get("household") is not None and values.get("area") is None:
        values["area"] = values["household"].area
    values["source"] = values.get("source") or Wish.Source.STAFF


register = r.registrar(section="members", perms=(WISH_EDIT, WISH_EDIT, WISH_DELETE))

WISHES = register(
    Wish,
    key="wishes",
    title=_("微心愿登记"),
    fields=[
        r.F("area", gettext_lazy("所在村代码")),
        "title",
        "content",
        "category",
        "wisher_name",
        "phone",
        r.F("household", gettext_lazy("户编号")),
        "source",
        "submitted_on",
        r.F("number", readonly=True, max_length=None),
        r.F("status", readonly=True),
        r.TextColumn(gettext_lazy("认领人"), "claimer", readonly=True, getter=_claimer),
        r.F("fulfilled_on", readonly=True),
        r.F("days_to_fulfil", readonly=True),
        r.DecimalColumn(gettext_lazy("计先锋指数分"), "points", readonly=True),
    ],
    list_display=[
        r.ListColumn(gettext_lazy("编号"), lambda w: w.number or gettext("（待核实）")),
        r.ListColumn(gettext_lazy("心愿"), lambda w: w.title, link=True),
        "wisher_name",
        (gettext_lazy("所在村"), "area"),
        "status",
        "submitted_on",
    ],
    search_fields=("title", "wisher_name", "number"),
    kind_field="status",
    pii_columns=("phone",),
    prepare=_wish_defaults,
    detail_extra="wishes/_register_detail.html",
    example=[
        "330112108230",
        "希望有人陪伴孩子课后辅导",
        "孩子读小学四年级，父母外出务工，希望每周有人辅导一次功课",
        "助学助教",
        "王某某",
        "13800000000",
        "",
        "村干部登记",
        "2020-06-01",
    ],
)

WISH_RULES = register(
    WishRule,
    key="wish-rules",
    fields=[
        r.RULE_AREA,
        "name",
        r.F("valid_from", minimum=2000),
        r.F("valid_to", minimum=2000),
        r.F("claim_days", help="", minimum=1),
        r.F("points", gettext_lazy("实现一个心愿计分"), help=""),
        "vanguard_item",
    ],
    perms=(WISH_EDIT, WISH_CONFIG, WISH_CONFIG),
    list_display=[
        (gettext_lazy("规则"), "name"),
        (gettext_lazy("适用区划"), "area"),
        "valid_from",
        r.ListColumn(gettext_lazy("截止年度"), lambda x: x.valid_to or gettext("至今")),
        (gettext_lazy("限期(天)"), "claim_days"),
        (gettext_lazy("计分"), "points"),
    ],
    form_fields=["name", "area", "valid_from", "valid_to", "claim_days", "points", "vanguard_item"],
    example=["330112", "微心愿认领规则", 2021, "", 30, "2", "wish"],
)


def _visit_defaults(values: dict[str, Any]) -> None:
    if values.get("household") is not None and values.get("area") is None:
        values["area"] = values["household"].area
    for name in ("issues_raised", "issues_resolved"):
        if values.get(name) is None:
            values[name] = 0


VISITS = register(
    Visit,
    key="visits",
    fields=[
        "cadre_name",
        "cadre_unit",
        "visited_on",
        r.F("area", gettext_lazy("走访村代码")),
        "target",
        r.F("household", gettext_lazy("农户户编号")),
        r.F("enterprise", gettext_lazy("企业名称")),
        "issues_raised",
        "issues_resolved",
        "summary",
    ],
    perms=(VISIT_VIEW, VISIT_EDIT, VISIT_DELETE),
    list_display=[
        "visited_on",
        "cadre_name",
        (gettext_lazy("村(社区)"), "area"),
        (gettext_lazy("对象"), "target"),
        (gettext_lazy("收集问题"), "issues_raised"),
        (gettext_lazy("解决问题"), "issues_resolved"),
    ],
    search_fields=("cadre_name", "enterprise", "summary"),
    kind_field="target",
    select_related=("area", "household__head"),
    prepare=_visit_defaults,
    example=[
        "李某某",
        "区委组织部",
        "2020-05-12",
        "330112108230",
        "农户",
        "HH-00001",
        "",
        3,
        2,
        "了解到道路照明和农产品销路两个问题，已协调解决照明问题",
    ],
)
