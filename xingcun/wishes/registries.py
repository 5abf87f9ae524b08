from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.people.models import Household
from xingcun.wishes.forms import VisitForm, WishForm, WishRuleForm
from xingcun.wishes.models import Visit, Wish, WishRule


def household_by_number(number: str) -> Household | None:
    return Household.objects.filter(number=number).first()


def _claimer(wish: Wish) -> str:
    claim = next(
        (c for c in wish.claims.all() if c.status in ("active", "delivered", "done")), None
    )
    return claim.claimer_name if claim else ""


def _wish_defaults(values: dict[str, Any]) -> None:
    if values.get("household") is not None and values.get("area") is None:
        values["area"] = values["household"].area
    values["source"] = values.get("source") or Wish.Source.STAFF


WISHES = r.register(
    r.Registry(
        key="wishes",
        model=Wish,
        title=_("微心愿登记"),
        section="members",
        columns=[
            r.AreaColumn("所在村代码", "area", required=True),
            r.TextColumn("心愿", "title", required=True, max_length=60),
            r.TextColumn("具体内容", "content", required=True, max_length=500),
            r.ChoiceColumn("类别", "category", required=True, choices=Wish.Category.choices),
            r.TextColumn("心愿人", "wisher_name", required=True, max_length=32),
            r.TextColumn("联系电话", "phone", max_length=11),
            r.RefColumn(
                "户编号",
                "household",
                lookup=household_by_number,
                key_of=lambda h: h.number,
                what="农户",
            ),
            r.ChoiceColumn("来源", "source", choices=Wish.Source.choices),
            r.DateColumn("收集日期", "submitted_on", required=True),
            r.TextColumn("心愿编号", "number", readonly=True),
            r.ChoiceColumn("状态", "status", readonly=True, choices=Wish.Status.choices),
            r.TextColumn("认领人", "claimer", readonly=True, getter=_claimer),
            r.DateColumn("实现日期", "fulfilled_on", readonly=True),
            r.IntColumn("实现用时(天)", "days_to_fulfil", readonly=True),
            r.DecimalColumn("计先锋指数分", "points", readonly=True),
        ],
        natural_key=("area", "wisher_name", "title", "submitted_on"),
        form_class=WishForm,
        perm_view=perms.WISH_EDIT,
        perm_edit=perms.WISH_EDIT,
        perm_delete=perms.WISH_DELETE,
        list_columns=[
            r.ListColumn("编号", lambda w: w.number or "（待核实）"),
            r.ListColumn("心愿", lambda w: w.title, link=True),
            r.ListColumn("心愿人", lambda w: w.wisher_name),
            r.ListColumn("所在村", lambda w: w.area.display_name),
            r.ListColumn("状态", lambda w: w.get_status_display()),
            r.ListColumn("收集日期", lambda w: w.submitted_on),
        ],
        search_fields=("title", "wisher_name", "number"),
        kind_field="status",
        select_related=("area", "household"),
        ordering=("-submitted_on", "-id"),
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
)

WISH_RULES = r.register(
    r.Registry(
        key="wish-rules",
        model=WishRule,
        title=_("微心愿规则"),
        section="members",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("规则名称", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000),
            r.IntColumn("认领后限期实现天数", "claim_days", required=True, minimum=1),
            r.DecimalColumn("实现一个心愿计分", "points", required=True),
            r.TextColumn("先锋指数加分项目代码", "vanguard_item", max_length=32),
        ],
        natural_key=("area", "valid_from"),
        form_class=WishRuleForm,
        perm_view=perms.WISH_EDIT,
        perm_edit=perms.WISH_CONFIG,
        perm_delete=perms.WISH_CONFIG,
        list_columns=[
            r.ListColumn("规则", lambda x: x.name, link=True),
            r.ListColumn("适用区划", lambda x: x.area.display_name),
            r.ListColumn("起始年度", lambda x: x.valid_from),
            r.ListColumn("截止年度", lambda x: x.valid_to or "至今"),
            r.ListColumn("限期(天)", lambda x: x.claim_days),
            r.ListColumn("计分", lambda x: x.points),
        ],
        ordering=("area", "valid_from"),
        example=["330112", "微心愿认领规则", 2021, "", 30, "2", "wish"],
    )
)


def _visit_defaults(values: dict[str, Any]) -> None:
    if values.get("household") is not None and values.get("area") is None:
        values["area"] = values["household"].area
    for name in ("issues_raised", "issues_resolved"):
        if values.get(name) is None:
            values[name] = 0


VISITS = r.register(
    r.Registry(
        key="visits",
        model=Visit,
        title=_("走亲连心走访"),
        section="members",
        columns=[
            r.TextColumn("走访干部", "cadre_name", required=True, max_length=32),
            r.TextColumn("干部所在单位", "cadre_unit", max_length=64),
            r.DateColumn("走访日期", "visited_on", required=True),
            r.AreaColumn("走访村代码", "area", required=True),
            r.ChoiceColumn("走访对象", "target", required=True, choices=Visit.Target.choices),
            r.RefColumn(
                "农户户编号",
                "household",
                lookup=household_by_number,
                key_of=lambda h: h.number,
                what="农户",
            ),
            r.TextColumn("企业名称", "enterprise", max_length=100),
            r.IntColumn("收集问题数", "issues_raised"),
            r.IntColumn("解决问题数", "issues_resolved"),
            r.TextColumn("走访情况", "summary", max_length=1000),
        ],
        natural_key=("area", "cadre_name", "visited_on", "target", "household", "enterprise"),
        form_class=VisitForm,
        perm_view=perms.VISIT_VIEW,
        perm_edit=perms.VISIT_EDIT,
        perm_delete=perms.VISIT_DELETE,
        list_columns=[
            r.ListColumn("走访日期", lambda v: v.visited_on, link=True),
            r.ListColumn("走访干部", lambda v: v.cadre_name),
            r.ListColumn("村(社区)", lambda v: v.area.display_name),
            r.ListColumn("对象", lambda v: v.get_target_display()),
            r.ListColumn("收集问题", lambda v: v.issues_raised),
            r.ListColumn("解决问题", lambda v: v.issues_resolved),
        ],
        search_fields=("cadre_name", "enterprise", "summary"),
        kind_field="target",
        select_related=("area", "household__head"),
        ordering=("-visited_on", "-id"),
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
)
