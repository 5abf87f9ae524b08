from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from xingcun.core import registry as r
from xingcun.posts import selectors
from xingcun.posts.forms import PostForm
from xingcun.posts.models import HelpLog, HouseholdPairing, Post, PostRule, PostType
from xingcun.posts.permissions import POST_CONFIG, POST_DELETE, POST_EDIT, POST_VIEW

register = r.registrar(section="members", perms=(POST_VIEW, POST_EDIT, POST_DELETE))
configure = r.registrar(section="members", perms=(POST_VIEW, POST_CONFIG, POST_CONFIG))

r.reference(
    HouseholdPairing,
    key="pk",
    search=("member__person__name", "household__number", "household__head__name"),
    initials="member__person__name",
    large=True,  # thousands in a district
)
r.reference(PostType, key="code")

POST_TYPES = configure(
    PostType,
    key="post-types",
    fields=[
        r.RULE_AREA,
        r.F("code", help=gettext_lazy("同一岗位各年度版本代码相同")),
        "name",
        "duties",
        r.F("valid_from", minimum=2000),
        r.F("valid_to", minimum=2000),
        "position",
    ],
    list_display=[
        "name",
        (gettext_lazy("代码"), "code"),
        (gettext_lazy("适用区划"), "area"),
        "valid_from",
        r.ListColumn(gettext_lazy("截止年度"), lambda t: t.valid_to or gettext("至今")),
    ],
    search_fields=("name", "code"),
    example=["330112", "tech_demo", "科技示范岗", "带头应用新技术", 2021, "", 1],
)

POST_RULES = configure(
    PostRule,
    key="post-rules",
    fields=[
        r.RULE_AREA,
        "name",
        r.F("valid_from", minimum=2000),
        r.F("valid_to", minimum=2000),
        r.F("publicity_days", minimum=1),
    ],
    list_display=[
        (gettext_lazy("规则"), "name"),
        (gettext_lazy("适用区划"), "area"),
        "valid_from",
        r.ListColumn(gettext_lazy("截止年度"), lambda x: x.valid_to or gettext("至今")),
        (gettext_lazy("公示天数"), "publicity_days"),
    ],
    example=["330112", "定岗公示规则", 2021, "", 5],
)


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
                {
                    "post_type": gettext("岗位类别“%(name)s”在%(year)s年的目录中无效")
                    % {"name": kind.name, "year": opened.year}
                }
            )
        values["post_type"] = version
    if values.get("seats") is None:
        values["seats"] = 1


POSTS = register(
    Post,
    key="posts",
    fields=[
        r.F("organisation", gettext_lazy("设岗党组织编号")),
        r.F("post_type", gettext_lazy("岗位类别代码"), what=gettext_lazy("岗位类别")),
        "title",
        "duties",
        r.F("seats", minimum=1),
        "opened_on",
        "closed_on",
    ],
    list_display=[
        (gettext_lazy("岗位"), "title"),
        (gettext_lazy("类别"), "post_type__name"),
        (gettext_lazy("设岗党组织"), "organisation__name"),
        (gettext_lazy("所在区划"), "area"),
        (gettext_lazy("人数"), "seats"),
        "opened_on",
        r.ListColumn(gettext_lazy("撤岗日期"), lambda p: p.closed_on or ""),
    ],
    form=PostForm,
    targets={"post_type": selectors.catalogue},
    search_fields=("title", "organisation__name"),
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


PAIRINGS = register(
    HouseholdPairing,
    key="household-pairings",
    ordering=("-id",),  # newest first, not the model's order
    fields=[
        r.F("member", gettext_lazy("党员身份证号")),
        r.F("member__name", gettext_lazy("党员姓名")),
        r.F("household", gettext_lazy("户编号")),
        "kind",
        "started_on",
        "ended_on",
        "goal",
        r.TextColumn(gettext_lazy("结对编号"), "pk", readonly=True),
    ],
    list_display=[
        r.ListColumn(gettext_lazy("编号"), lambda p: p.pk),
        r.ListColumn(gettext_lazy("党员"), lambda p: p.member.name, link=True),
        r.ListColumn(gettext_lazy("农户"), lambda p: str(p.household)),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("所在村"), "area"),
        "started_on",
        r.ListColumn(gettext_lazy("结束日期"), lambda p: p.ended_on or ""),
    ],
    search_fields=("member__person__name", "household__number", "household__head__name"),
    kind_field="kind",
    select_related=("area", "member__person", "household__head"),
    pii_columns=("member",),
    prepare=r.area_of("household"),
)


HELP_LOGS = register(
    HelpLog,
    key="help-logs",
    fields=[
        r.F(
            "pairing", gettext_lazy("结对编号"), what=gettext_lazy("结对（见“党员结对农户”的编号）")
        ),
        r.F("pairing__member__name", gettext_lazy("党员")),
        r.TextColumn(
            gettext_lazy("农户"),
            "household",
            readonly=True,
            getter=lambda x: str(x.pairing.household),
        ),
        "helped_on",
        "kind",
        "content",
    ],
    list_display=[
        "helped_on",
        r.ListColumn(gettext_lazy("党员"), lambda x: x.pairing.member.name),
        r.ListColumn(gettext_lazy("农户"), lambda x: str(x.pairing.household)),
        "kind",
        (gettext_lazy("所在村"), "area"),
    ],
    search_fields=("content", "pairing__member__person__name"),
    kind_field="kind",
    select_related=("area", "pairing__member__person", "pairing__household__head"),
    prepare=r.area_of("pairing"),
)
