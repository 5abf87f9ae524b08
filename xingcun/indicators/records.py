"""How the records behind a value are listed on the drill-down page and in its export.

One `RecordView` per model: its columns, the relations to fetch with it and the page that shows one
record. Mechanism apps that add indicators over a new model register a view for it here; a model
without one is listed by its name and area.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django_stubs_ext import StrOrPromise

from xingcun.core.models import Area
from xingcun.organisations.models import Organisation
from xingcun.people.models import Household, PartyMember
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile


@dataclass(frozen=True)
class RecordColumn:
    header: StrOrPromise
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class RecordView:
    columns: tuple[RecordColumn, ...]
    select_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("pk",)
    url_name: str = ""  # the page of one record, reversed with its pk

    def headers(self) -> list[str]:
        return [gettext(str(c.header)) for c in self.columns]  # declared with gettext_noop

    def rows(self, objs: Iterable[Any]) -> Iterator[list[Any]]:
        for obj in objs:
            yield [c.value(obj) for c in self.columns]

    def url(self, obj: Any) -> str:
        if not self.url_name:
            return ""
        return reverse(self.url_name, args=[obj.code if isinstance(obj, Area) else obj.pk])


_views: dict[type[models.Model], RecordView] = {}


@dataclass(frozen=True)
class DrillColumns:
    """Columns one figure's drill-down adds to its records' view, with the annotations they read
    (e.g. the base-year income an increase is measured against)."""

    annotations: dict[str, Any]
    columns: tuple[RecordColumn, ...] = ()


_drill: dict[str, DrillColumns] = {}


def register_drill(code: str, columns: DrillColumns) -> None:
    _drill[code] = columns


def drill_columns(code: str) -> DrillColumns:
    return _drill.get(code, DrillColumns({}))


def register(model: type[models.Model], view: RecordView) -> None:
    _views[model] = view


def view_for(model: type[models.Model]) -> RecordView:
    return _views.get(
        model,
        RecordView(
            (
                RecordColumn(gettext_noop("记录"), str),
                RecordColumn(gettext_noop("所属区划"), lambda o: o.area.display_name),
            ),
            select_related=("area",),
        ),
    )


def yes_no(value: bool) -> str:
    return gettext("是") if value else gettext("否")


# The columns of a record that links a project (landed through an alliance, a 新农人 branch …).
LINKED_PROJECT: tuple[tuple[StrOrPromise, Callable[[Any], Any]], ...] = (
    (gettext_noop("项目编号"), lambda x: x.project.code),
    (gettext_noop("项目名称"), lambda x: x.project.name),
    (gettext_noop("投资额(万元)"), lambda x: x.project.investment),
    (gettext_noop("落地日期"), lambda x: x.project.landed_on),
)


def show(
    model: type[models.Model],
    *columns: tuple[StrOrPromise, Callable[[Any], Any]],
    select_related: tuple[str, ...] = (),
    ordering: tuple[str, ...] = ("pk",),
    url_name: str = "",
) -> None:
    """List `model`'s records with these (header, value) columns."""
    listed = tuple(RecordColumn(header, value) for header, value in columns)
    register(model, RecordView(listed, select_related, ordering, url_name))


show(
    Area,
    (gettext_noop("区划代码"), lambda a: a.code),
    (gettext_noop("名称"), lambda a: a.display_name),
    (gettext_noop("上级"), lambda a: a.parent.display_name if a.parent else ""),
    select_related=("parent",),
    ordering=("code",),
    url_name="core:area-detail",
)
show(
    Organisation,
    (gettext_noop("组织编号"), lambda o: o.code),
    (gettext_noop("名称"), lambda o: o.name),
    (gettext_noop("组织类型"), lambda o: o.get_kind_display()),
    (gettext_noop("所属区划"), lambda o: o.area.display_name),
    (gettext_noop("成立日期"), lambda o: o.founded_on),
    (gettext_noop("撤销日期"), lambda o: o.dissolved_on),
    select_related=("area",),
    ordering=("code",),
    url_name="core:organisations-detail",
)
show(
    PartyMember,
    (gettext_noop("姓名"), lambda m: m.person.name),
    (gettext_noop("所在村社"), lambda m: m.area.display_name),
    (gettext_noop("所属党组织"), lambda m: m.organisation.name),
    (gettext_noop("入党日期"), lambda m: m.joined_on),
    (gettext_noop("党员类型"), lambda m: m.get_status_display()),
    (gettext_noop("担任村(社区)职务"), lambda m: yes_no(m.holds_office)),
    (gettext_noop("返乡创业"), lambda m: yes_no(m.returned_entrepreneur)),
    (gettext_noop("离开日期"), lambda m: m.left_on),
    select_related=("person", "area", "organisation"),
    ordering=("area__code", "person__name", "pk"),
    url_name="core:members-detail",
)
show(
    Household,
    (gettext_noop("户编号"), lambda h: h.number),
    (gettext_noop("户主"), lambda h: h.head.name),
    (gettext_noop("所在村社"), lambda h: h.area.display_name),
    (gettext_noop("户人口数"), lambda h: h.size),
    (gettext_noop("示范户"), lambda h: yes_no(h.is_demonstration)),
    (gettext_noop("低收入户"), lambda h: yes_no(h.is_low_income)),
    select_related=("head", "area"),
    ordering=("number",),
    url_name="core:households-detail",
)
show(
    Project,
    (gettext_noop("项目编号"), lambda p: p.code),
    (gettext_noop("项目名称"), lambda p: p.name),
    (gettext_noop("项目类型"), lambda p: p.get_kind_display()),
    (gettext_noop("登记区划"), lambda p: p.area.display_name),
    (gettext_noop("投资额(万元)"), lambda p: p.investment),
    (gettext_noop("状态"), lambda p: p.get_status_display()),
    (gettext_noop("落地日期"), lambda p: p.landed_on),
    select_related=("area",),
    ordering=("-landed_on", "code"),
    url_name="core:projects-detail",
)
show(
    VillageProfile,
    (gettext_noop("村社"), lambda p: p.area.display_name),
    (gettext_noop("年度"), lambda p: p.year),
    (gettext_noop("户籍人口"), lambda p: p.population),
    (gettext_noop("人均可支配收入(元)"), lambda p: p.per_capita_income),
    (gettext_noop("集体经济收入(万元)"), lambda p: p.collective_income),
    (gettext_noop("经营性收入(万元)"), lambda p: p.operating_like_income),
    (gettext_noop("村级债务(万元)"), lambda p: p.debt),
    select_related=("area",),
    ordering=("area__code", "-year"),
    url_name="core:profiles-detail",
)
