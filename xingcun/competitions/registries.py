from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xingcun.competitions.forms import CompetitionForm, CompetitionItemForm
from xingcun.competitions.models import Competition, CompetitionItem
from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.registries import organisation_by_code


def _competition_defaults(values: dict[str, Any]) -> None:
    branch = values.get("branch")
    if branch is not None:
        values["area"] = branch.area


COMPETITIONS = r.register(
    r.Registry(
        key="competitions",
        model=Competition,
        title=_("党小组比拼"),
        section="members",
        columns=[
            r.RefColumn(
                "党支部编号",
                "branch",
                required=True,
                lookup=organisation_by_code,
                key_of=lambda o: o.code,
                what="党组织",
            ),
            r.TextColumn("比拼名称", "name", required=True, max_length=100),
            r.DateColumn("开始日期", "starts_on", required=True, not_future=False),
            r.DateColumn("结束日期", "ends_on", required=True, not_future=False),
            r.TextColumn("比拼规则", "rules", max_length=2000),
        ],
        natural_key=("branch", "name"),
        form_class=CompetitionForm,
        perm_view=perms.COMPETITION_EDIT,
        perm_edit=perms.COMPETITION_EDIT,
        perm_delete=perms.COMPETITION_DELETE,
        list_columns=[
            r.ListColumn("比拼", lambda c: c.name, link=True),
            r.ListColumn("党支部", lambda c: c.branch.name),
            r.ListColumn("开始", lambda c: c.starts_on),
            r.ListColumn("结束", lambda c: c.ends_on),
            r.ListColumn("状态", lambda c: "已结束评比" if c.is_closed else "进行中"),
        ],
        search_fields=("name", "branch__name"),
        select_related=("area", "branch"),
        ordering=("-starts_on", "-id"),
        prepare=_competition_defaults,
        detail_extra="competitions/_register_detail.html",
        example=["330112103000-F3", "“两园”创建建言献策比拼", "2020-06-01", "2020-12-31", ""],
    )
)


def competition_by_id(text: str) -> Competition | None:
    return Competition.objects.filter(pk=int(text)).first() if text.strip().isdigit() else None


def _item_defaults(values: dict[str, Any]) -> None:
    competition = values.get("competition")
    if competition is not None:
        if competition.is_closed:
            raise ValidationError({"competition": "比拼已结束评比，不能再修改项目"})
        values["area"] = competition.area


ITEMS = r.register(
    r.Registry(
        key="competition-items",
        model=CompetitionItem,
        title=_("比拼项目"),
        section="members",
        columns=[
            r.RefColumn(
                "比拼编号",
                "competition",
                required=True,
                lookup=competition_by_id,
                key_of=lambda c: str(c.pk),
                what="比拼",
            ),
            r.TextColumn("比拼项目", "name", required=True, max_length=60),
            r.DecimalColumn("每次得分", "points", required=True, places=1),
            r.DecimalColumn("每个党小组累计上限", "cap", places=1),
        ],
        natural_key=("competition", "name"),
        form_class=CompetitionItemForm,
        perm_view=perms.COMPETITION_EDIT,
        perm_edit=perms.COMPETITION_EDIT,
        perm_delete=perms.COMPETITION_DELETE,
        list_columns=[
            r.ListColumn("项目", lambda i: i.name, link=True),
            r.ListColumn("比拼", lambda i: i.competition.name),
            r.ListColumn("每次得分", lambda i: i.points),
            r.ListColumn("上限", lambda i: i.cap or ""),
        ],
        search_fields=("name", "competition__name"),
        select_related=("area", "competition"),
        ordering=("competition", "id"),
        prepare=_item_defaults,
    )
)
