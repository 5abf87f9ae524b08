"""Honours, model cases, media reports and model villages: registries (list, detail, forms,
import and export), edited by village, town and district staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from xingcun.core import registry as r
from xingcun.honours.forms import MediaReportForm
from xingcun.honours.models import Honour, MediaReport, ModelCase, ModelVillage
from xingcun.honours.permissions import HONOUR_DELETE, HONOUR_EDIT, HONOUR_VIEW

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


register = r.registrar(section="members", perms=(HONOUR_VIEW, HONOUR_EDIT, HONOUR_DELETE))

HONOURS = register(
    Honour,
    key="honours",
    fields=[
        "title",
        "level",
        r.F("year", minimum=1949),
        "awarded_by",
        "recipient",
        r.F(
            "area",
            gettext_lazy("获奖村社代码"),
            required=False,
            help=gettext_lazy("授予村(社区)时必填；个人、党组织可不填"),
            levels=PLACES,
        ),
        r.F("organisation", gettext_lazy("获奖党组织编号")),
        r.F("person", gettext_lazy("获奖人身份证号")),
        "note",
    ],
    list_display=[
        "title",
        "level",
        "year",
        r.ListColumn(gettext_lazy("获奖对象"), lambda h: h.recipient_name),
        (gettext_lazy("所在区划"), "area"),
    ],
    help_texts={
        "area": gettext_lazy("授予村(社区)时选择该村；授予党组织或个人时按其所在区划自动填写")
    },
    search_fields=("title", "area__name", "person__name", "organisation__name"),
    kind_field="level",
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

CASES = register(
    ModelCase,
    key="model-cases",
    fields=[
        r.F("area", gettext_lazy("所在区划代码"), levels=PLACES),
        "title",
        "kind",
        r.F("person", gettext_lazy("人物身份证号")),
        r.F("year", minimum=1949),
        "summary",
        "text",
    ],
    list_display=["title", "kind", "year", (gettext_lazy("所在区划"), "area")],
    search_fields=("title", "summary", "area__name"),
    kind_field="kind",
    ordering=("-year", "area__code"),
    pii_columns=("person",),
    detail_extra="honours/_photos.html",
)

MEDIA = register(
    MediaReport,
    key="media-reports",
    fields=[
        r.F("area", gettext_lazy("报道对象区划代码"), levels=PLACES),
        "outlet",
        "level",
        "date",
        "title",
        "url",
    ],
    list_display=["title", "outlet", "date", (gettext_lazy("报道对象"), "area")],
    form=MediaReportForm,
    form_extra=["case"],
    search_fields=("title", "outlet", "area__name"),
    kind_field="level",
    example=["330112115204", "人民日报", "国家级", "2019-06-18", "好家风带出好村风", ""],
)

MODEL_VILLAGES = register(
    ModelVillage,
    key="model-villages",
    fields=[
        *r.VILLAGE,
        "title",
        r.F("since_year", minimum=2000),
        r.F("base_year", help="", minimum=2000),
        "note",
    ],
    list_display=[(gettext_lazy("村社"), "area"), "title", "since_year", "base_year"],
    search_fields=("area__name", "title"),
    ordering=("area__code",),
    example=["330112111201", "", "市级美丽乡村精品村", 2015, 2010, ""],
)
