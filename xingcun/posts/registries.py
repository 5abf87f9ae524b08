from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.registries import member_by_id_number, organisation_by_code
from xingcun.people.models import Household
from xingcun.posts import selectors
from xingcun.posts.forms import (
    HelpLogForm,
    HouseholdPairingForm,
    PostForm,
    PostRuleForm,
    PostTypeForm,
)
from xingcun.posts.models import HelpLog, HouseholdPairing, Post, PostRule, PostType


def household_by_number(number: str) -> Household | None:
    return Household.objects.filter(number=number).first()


POST_TYPES = r.register(
    r.Registry(
        key="post-types",
        model=PostType,
        title=_("先锋岗位目录"),
        section="members",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn(
                "岗位代码", "code", required=True, max_length=32, help="同一岗位各年度版本代码相同"
            ),
            r.TextColumn("岗位名称", "name", required=True, max_length=32),
            r.TextColumn("岗位职责", "duties", max_length=500),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000),
            r.IntColumn("排序", "position"),
        ],
        natural_key=("area", "code", "valid_from"),
        form_class=PostTypeForm,
        perm_view=perms.POST_VIEW,
        perm_edit=perms.POST_CONFIG,
        perm_delete=perms.POST_CONFIG,
        list_columns=[
            r.ListColumn("岗位名称", lambda t: t.name, link=True),
            r.ListColumn("代码", lambda t: t.code),
            r.ListColumn("适用区划", lambda t: t.area.display_name),
            r.ListColumn("起始年度", lambda t: t.valid_from),
            r.ListColumn("截止年度", lambda t: t.valid_to or "至今"),
        ],
        search_fields=("name", "code"),
        ordering=("area", "position", "code", "valid_from"),
        example=["330112", "tech_demo", "科技示范岗", "带头应用新技术", 2021, "", 1],
    )
)

POST_RULES = r.register(
    r.Registry(
        key="post-rules",
        model=PostRule,
        title=_("设岗定责规则"),
        section="members",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("规则名称", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000),
            r.IntColumn("定岗公示天数", "publicity_days", required=True, minimum=1),
        ],
        natural_key=("area", "valid_from"),
        form_class=PostRuleForm,
        perm_view=perms.POST_VIEW,
        perm_edit=perms.POST_CONFIG,
        perm_delete=perms.POST_CONFIG,
        list_columns=[
            r.ListColumn("规则", lambda x: x.name, link=True),
            r.ListColumn("适用区划", lambda x: x.area.display_name),
            r.ListColumn("起始年度", lambda x: x.valid_from),
            r.ListColumn("截止年度", lambda x: x.valid_to or "至今"),
            r.ListColumn("公示天数", lambda x: x.publicity_days),
        ],
        ordering=("area", "valid_from"),
        example=["330112", "定岗公示规则", 2021, "", 5],
    )
)


def post_type_by_code(code: str) -> PostType | None:
    return selectors.catalogue().filter(code=code.strip()).first()


def _post_defaults(values: dict[str, Any]) -> None:
    """The post is registered where its organisation is; the catalogue version is the one valid
    in the year the post was opened."""
    organisation = values.get("organisation")
    if organisation is None:
        return
    values["area"] = organisation.area
    kind, opened = values.get("post_type"), values.get("opened_on")
    if kind is not None and opened is not None:
        version = selectors.post_type_version(
            code=kind.code, area=organisation.area, year=opened.year
        )
        if version is None:
            raise ValidationError(
                {"post_type": f"岗位类别“{kind.name}”在{opened.year}年的目录中无效"}
            )
        values["post_type"] = version
    if values.get("seats") is None:
        values["seats"] = 1


POSTS = r.register(
    r.Registry(
        key="posts",
        model=Post,
        title=_("党员先锋岗"),
        section="members",
        columns=[
            r.RefColumn(
                "设岗党组织编号",
                "organisation",
                required=True,
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.RefColumn(
                "岗位类别代码",
                "post_type",
                required=True,
                lookup=post_type_by_code,
                key_of=lambda t: t.code,
                what="岗位类别",
            ),
            r.TextColumn("岗位名称", "title", required=True, max_length=60),
            r.TextColumn("岗位职责", "duties", max_length=500),
            r.IntColumn("设岗人数", "seats", minimum=1),
            r.DateColumn("设岗日期", "opened_on", required=True),
            r.DateColumn("撤岗日期", "closed_on"),
        ],
        natural_key=("organisation", "title", "opened_on"),
        form_class=PostForm,
        perm_view=perms.POST_VIEW,
        perm_edit=perms.POST_EDIT,
        perm_delete=perms.POST_DELETE,
        list_columns=[
            r.ListColumn("岗位", lambda p: p.title, link=True),
            r.ListColumn("类别", lambda p: p.post_type.name),
            r.ListColumn("设岗党组织", lambda p: p.organisation.name),
            r.ListColumn("所在区划", lambda p: p.area.display_name),
            r.ListColumn("人数", lambda p: p.seats),
            r.ListColumn("设岗日期", lambda p: p.opened_on),
            r.ListColumn("撤岗日期", lambda p: p.closed_on or ""),
        ],
        search_fields=("title", "organisation__name"),
        select_related=("area", "organisation", "post_type"),
        ordering=("area__code", "-opened_on", "id"),
        prepare=_post_defaults,
        detail_extra="posts/_register_detail.html",
        example=[
            "330112108230-00",
            "sanitation",
            "环境卫生监督岗",
            "每周巡查一次",
            2,
            "2020-03-01",
            "",
        ],
    )
)


def _pairing_defaults(values: dict[str, Any]) -> None:
    household = values.get("household")
    if household is not None:
        values["area"] = household.area


PAIRINGS = r.register(
    r.Registry(
        key="household-pairings",
        model=HouseholdPairing,
        title=_("党员结对农户"),
        section="members",
        columns=[
            r.RefColumn(
                "党员身份证号",
                "member",
                required=True,
                lookup=member_by_id_number,
                key_of=lambda m: m.person.id_number,
                what="党员",
            ),
            r.TextColumn("党员姓名", "member_name", readonly=True, getter=lambda p: p.member.name),
            r.RefColumn(
                "户编号",
                "household",
                required=True,
                lookup=household_by_number,
                key_of=lambda h: h.number,
                what="农户",
            ),
            r.ChoiceColumn(
                "结对类型", "kind", required=True, choices=HouseholdPairing.Kind.choices
            ),
            r.DateColumn("结对日期", "started_on", required=True),
            r.DateColumn("结束日期", "ended_on"),
            r.TextColumn("帮扶目标", "goal", max_length=200),
            r.TextColumn("结对编号", "pk", readonly=True, getter=lambda p: p.pk),
        ],
        natural_key=("member", "household", "started_on"),
        form_class=HouseholdPairingForm,
        perm_view=perms.POST_VIEW,
        perm_edit=perms.POST_EDIT,
        perm_delete=perms.POST_DELETE,
        list_columns=[
            r.ListColumn("编号", lambda p: p.pk),
            r.ListColumn("党员", lambda p: p.member.name, link=True),
            r.ListColumn("农户", lambda p: str(p.household)),
            r.ListColumn("类型", lambda p: p.get_kind_display()),
            r.ListColumn("所在村", lambda p: p.area.display_name),
            r.ListColumn("结对日期", lambda p: p.started_on),
            r.ListColumn("结束日期", lambda p: p.ended_on or ""),
        ],
        search_fields=("member__person__name", "household__number", "household__head__name"),
        kind_field="kind",
        select_related=("area", "member__person", "household__head"),
        pii_columns=("member",),
        prepare=_pairing_defaults,
    )
)


def pairing_by_number(text: str) -> HouseholdPairing | None:
    if not text.strip().isdigit():
        return None
    return HouseholdPairing.objects.filter(pk=int(text)).first()


def _help_defaults(values: dict[str, Any]) -> None:
    pairing = values.get("pairing")
    if pairing is not None:
        values["area"] = pairing.area


HELP_LOGS = r.register(
    r.Registry(
        key="help-logs",
        model=HelpLog,
        title=_("结对帮扶记录"),
        section="members",
        columns=[
            r.RefColumn(
                "结对编号",
                "pairing",
                required=True,
                lookup=pairing_by_number,
                key_of=lambda p: str(p.pk),
                what="结对（见“党员结对农户”的编号）",
            ),
            r.TextColumn("党员", "member", readonly=True, getter=lambda x: x.pairing.member.name),
            r.TextColumn(
                "农户", "household", readonly=True, getter=lambda x: str(x.pairing.household)
            ),
            r.DateColumn("日期", "helped_on", required=True),
            r.ChoiceColumn("方式", "kind", required=True, choices=HelpLog.Kind.choices),
            r.TextColumn("内容", "content", required=True, max_length=500),
        ],
        natural_key=("pairing", "helped_on", "kind"),
        form_class=HelpLogForm,
        perm_view=perms.POST_VIEW,
        perm_edit=perms.POST_EDIT,
        perm_delete=perms.POST_DELETE,
        list_columns=[
            r.ListColumn("日期", lambda x: x.helped_on, link=True),
            r.ListColumn("党员", lambda x: x.pairing.member.name),
            r.ListColumn("农户", lambda x: str(x.pairing.household)),
            r.ListColumn("方式", lambda x: x.get_kind_display()),
            r.ListColumn("所在村", lambda x: x.area.display_name),
        ],
        search_fields=("content", "pairing__member__person__name"),
        kind_field="kind",
        select_related=("area", "pairing__member__person", "pairing__household__head"),
        ordering=("-helped_on", "-id"),
        prepare=_help_defaults,
    )
)
