"""Honours, model cases, media reports and model villages: registries (list, detail, forms,
import and export), edited by village, town and district staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.honours.forms import HonourForm, MediaReportForm, ModelCaseForm, ModelVillageForm
from xingcun.honours.models import Honour, Level, MediaReport, ModelCase, ModelVillage
from xingcun.organisations.registries import organisation_by_code, person_by_id_number

PLACES = frozenset({3, 4, 5})


def _honour_defaults(values: dict[str, Any]) -> None:
    """The recipient decides the area: a person's or organisation's own area."""
    recipient = values.get("recipient")
    if recipient == Honour.Recipient.PERSON and values.get("person") is not None:
        values["area"] = values["person"].area
        values["organisation"] = None
    elif recipient == Honour.Recipient.ORGANISATION and values.get("organisation") is not None:
        values["area"] = values["organisation"].area
        values["person"] = None
    elif recipient == Honour.Recipient.VILLAGE:
        values["person"] = values["organisation"] = None


HONOURS = r.register(
    r.Registry(
        key="honours",
        model=Honour,
        title=_("荣誉称号"),
        section="members",
        columns=[
            r.TextColumn("荣誉称号", "title", required=True, max_length=100),
            r.ChoiceColumn("级别", "level", required=True, choices=Level.choices),
            r.IntColumn("年度", "year", required=True, minimum=1949),
            r.TextColumn("授予单位", "awarded_by", max_length=100),
            r.ChoiceColumn(
                "授予对象", "recipient", required=True, choices=Honour.Recipient.choices
            ),
            r.AreaColumn(
                "获奖村社代码", "area", levels=PLACES, help="授予村(社区)时必填；个人、党组织可不填"
            ),
            r.RefColumn(
                "获奖党组织编号",
                "organisation",
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.RefColumn(
                "获奖人身份证号",
                "person",
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.TextColumn("说明", "note", max_length=200),
        ],
        natural_key=("area", "title", "year", "person", "organisation"),
        form_class=HonourForm,
        perm_view=perms.HONOUR_VIEW,
        perm_edit=perms.HONOUR_EDIT,
        perm_delete=perms.HONOUR_DELETE,
        list_columns=[
            r.ListColumn("荣誉称号", lambda h: h.title, link=True),
            r.ListColumn("级别", lambda h: h.get_level_display()),
            r.ListColumn("年度", lambda h: h.year),
            r.ListColumn("获奖对象", lambda h: h.recipient_name),
            r.ListColumn("所在区划", lambda h: h.area.display_name),
        ],
        search_fields=("title", "area__name", "person__name", "organisation__name"),
        kind_field="level",
        select_related=("area", "person", "organisation"),
        ordering=("-year", "area__code", "title"),
        pii_columns=("person",),
        prepare=_honour_defaults,
        example=[
            "全国民主法治示范村",
            "国家级",
            2014,
            "司法部、民政部",
            "村(社区)",
            "330112115204",
            "",
            "",
            "",
        ],
    )
)

CASES = r.register(
    r.Registry(
        key="model-cases",
        model=ModelCase,
        title=_("典型案例"),
        section="members",
        columns=[
            r.AreaColumn("所在区划代码", "area", required=True, levels=PLACES),
            r.TextColumn("标题", "title", required=True, max_length=100),
            r.ChoiceColumn("类型", "kind", required=True, choices=ModelCase.Kind.choices),
            r.RefColumn(
                "人物身份证号",
                "person",
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.IntColumn("年度", "year", required=True, minimum=1949),
            r.TextColumn("摘要", "summary", required=True, max_length=300),
            r.TextColumn("正文", "text"),
        ],
        natural_key=("area", "title"),
        form_class=ModelCaseForm,
        perm_view=perms.HONOUR_VIEW,
        perm_edit=perms.HONOUR_EDIT,
        perm_delete=perms.HONOUR_DELETE,
        list_columns=[
            r.ListColumn("标题", lambda c: c.title, link=True),
            r.ListColumn("类型", lambda c: c.get_kind_display()),
            r.ListColumn("年度", lambda c: c.year),
            r.ListColumn("所在区划", lambda c: c.area.display_name),
        ],
        search_fields=("title", "summary", "area__name"),
        kind_field="kind",
        select_related=("area", "person"),
        ordering=("-year", "area__code"),
        pii_columns=("person",),
        detail_extra="honours/_photos.html",
    )
)

MEDIA = r.register(
    r.Registry(
        key="media-reports",
        model=MediaReport,
        title=_("媒体报道"),
        section="members",
        columns=[
            r.AreaColumn("报道对象区划代码", "area", required=True, levels=PLACES),
            r.TextColumn("媒体", "outlet", required=True, max_length=64),
            r.ChoiceColumn("媒体级别", "level", choices=Level.choices),
            r.DateColumn("刊发日期", "date", required=True),
            r.TextColumn("标题", "title", required=True, max_length=200),
            r.TextColumn("链接", "url", max_length=200),
        ],
        natural_key=("area", "outlet", "date", "title"),
        form_class=MediaReportForm,
        perm_view=perms.HONOUR_VIEW,
        perm_edit=perms.HONOUR_EDIT,
        perm_delete=perms.HONOUR_DELETE,
        list_columns=[
            r.ListColumn("标题", lambda m: m.title, link=True),
            r.ListColumn("媒体", lambda m: m.outlet),
            r.ListColumn("刊发日期", lambda m: m.date),
            r.ListColumn("报道对象", lambda m: m.area.display_name),
        ],
        search_fields=("title", "outlet", "area__name"),
        kind_field="level",
        ordering=("-date", "outlet"),
        example=["330112115204", "人民日报", "国家级", "2019-06-18", "好家风带出好村风", ""],
    )
)

MODEL_VILLAGES = r.register(
    r.Registry(
        key="model-villages",
        model=ModelVillage,
        title=_("示范村"),
        section="members",
        columns=[
            r.AreaColumn("村社代码", "area", required=True),
            r.TextColumn(
                "村社名称", "area_name", readonly=True, getter=lambda m: m.area.display_name
            ),
            r.TextColumn("示范称号", "title", max_length=100),
            r.IntColumn("命名年度", "since_year", required=True, minimum=2000),
            r.IntColumn("收入比较基期", "base_year", required=True, minimum=2000),
            r.TextColumn("说明", "note", max_length=200),
        ],
        natural_key=("area",),
        form_class=ModelVillageForm,
        perm_view=perms.HONOUR_VIEW,
        perm_edit=perms.HONOUR_EDIT,
        perm_delete=perms.HONOUR_DELETE,
        list_columns=[
            r.ListColumn("村社", lambda m: m.area.display_name, link=True),
            r.ListColumn("示范称号", lambda m: m.title),
            r.ListColumn("命名年度", lambda m: m.since_year),
            r.ListColumn("收入比较基期", lambda m: m.base_year),
        ],
        search_fields=("area__name", "title"),
        ordering=("area__code",),
        example=["330112111201", "", "市级美丽乡村精品村", 2015, 2010, ""],
    )
)
