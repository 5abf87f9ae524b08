from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from xingcun.competitions.models import AUXILIARY, Competition, CompetitionItem
from xingcun.competitions.permissions import COMPETITION_DELETE, COMPETITION_EDIT
from xingcun.core import registry as r
from xingcun.organisations.models import Organisation


def auxiliary_branches() -> Any:
    """Competitions are held by temporary or functional branches, never by a party group."""
    return (
        Organisation.objects.filter(category__in=AUXILIARY)
        .exclude(kind=Organisation.Kind.GROUP)
        .order_by("code")
    )


register = r.registrar(
    section="members",
    perms=(COMPETITION_EDIT, COMPETITION_EDIT, COMPETITION_DELETE),
)

r.reference(Competition, key="pk")

COMPETITIONS = register(
    Competition,
    key="competitions",
    fields=[
        r.F("branch", gettext_lazy("党支部编号")),
        "name",
        r.F("starts_on", not_future=False),
        r.F("ends_on", not_future=False),
        "rules",
    ],
    list_display=[
        (gettext_lazy("比拼"), "name"),
        (gettext_lazy("党支部"), "branch__name"),
        (gettext_lazy("开始"), "starts_on"),
        (gettext_lazy("结束"), "ends_on"),
        r.ListColumn(
            gettext_lazy("状态"),
            lambda c: gettext("已结束评比") if c.is_closed else gettext("进行中"),
        ),
    ],
    targets={"branch": auxiliary_branches},
    search_fields=("name", "branch__name"),
    prepare=r.area_of("branch"),
    detail_extra="competitions/_register_detail.html",
    example=["330112103000-F3", "“两园”创建建言献策比拼", "2020-06-01", "2020-12-31", ""],
)


def _item_defaults(values: dict[str, Any]) -> None:
    competition = values.get("competition")
    if competition is not None:
        if competition.is_closed:
            raise ValidationError({"competition": gettext("比拼已结束评比，不能再修改项目")})
        values["area"] = competition.area


ITEMS = register(
    CompetitionItem,
    key="competition-items",
    fields=[
        r.F("competition", gettext_lazy("比拼编号"), what=gettext_lazy("比拼")),
        "name",
        "points",
        r.DecimalColumn(gettext_lazy("每个党小组累计上限"), "cap", places=1),
    ],
    list_display=[
        (gettext_lazy("项目"), "name"),
        (gettext_lazy("比拼"), "competition__name"),
        "points",
        r.ListColumn(gettext_lazy("上限"), lambda i: i.cap or ""),
    ],
    search_fields=("name", "competition__name"),
    prepare=_item_defaults,
)
