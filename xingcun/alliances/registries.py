from __future__ import annotations

from typing import Any

from xingcun.alliances.models import (
    Alliance,
    AllianceMember,
    AllianceProject,
    SharedResource,
    Steward,
    TownTourism,
)
from xingcun.alliances.permissions import ALLIANCE_DELETE, ALLIANCE_EDIT, ALLIANCE_VIEW
from xingcun.core import registry as r


def _area_of_organisation(values: dict[str, Any]) -> None:
    if values.get("organisation") is not None:
        values["area"] = values["organisation"].area


def _area_of_alliance(values: dict[str, Any]) -> None:
    if values.get("alliance") is not None:
        values["area"] = values["alliance"].area


register = r.registrar(
    section="organisation", perms=(ALLIANCE_VIEW, ALLIANCE_EDIT, ALLIANCE_DELETE)
)

ALLIANCES = register(
    Alliance,
    key="alliances",
    fields=[
        "code",
        "name",
        r.F("brand", help=""),
        r.F("area", "登记区划代码", levels=frozenset({3, 4})),
        r.F("lead", "牵头组织编号"),
        "founded_on",
        "dissolved_on",
        "uses_stewards",
        "purpose",
    ],
    list_display=[
        r.ListColumn("联盟编号", lambda a: a.code),
        r.ListColumn("联盟名称", lambda a: a.name, link=True),
        ("登记区划", "area"),
        ("牵头党组织", "lead__name"),
        "founded_on",
    ],
    search_fields=("name", "code", "brand"),
    detail_extra="alliances/_alliance_link.html",
    example=[
        "LM-330112102-01",
        "虹心党建联盟",
        "五彩管家",
        "330112102",
        "330112102222-00",
        "2019-05-01",
        "",
        "是",
        "资源共享、优势互补、合作共赢",
    ],
)

MEMBERS = register(
    AllianceMember,
    key="alliance-members",
    fields=[
        r.F("alliance", "联盟编号"),
        r.F("organisation", "成员组织编号"),
        r.F("organisation__name", "成员组织名称"),
        "joined_on",
        "left_on",
        "left_reason",
    ],
    list_display=[
        ("成员党组织", "organisation__name"),
        ("联盟", "alliance__name"),
        "joined_on",
        r.ListColumn("退出日期", lambda m: m.left_on or ""),
    ],
    search_fields=("organisation__name", "alliance__name"),
    ordering=("alliance__code", "joined_on"),
    prepare=_area_of_organisation,
)

RESOURCES = register(
    SharedResource,
    key="alliance-resources",
    fields=[
        r.F("alliance", "联盟编号"),
        "kind",
        "name",
        r.F("provider", "提供方组织编号"),
        "description",
    ],
    list_display=[
        "name",
        ("类型", "kind"),
        ("联盟", "alliance__name"),
        r.ListColumn("提供方", lambda x: x.provider.name if x.provider else ""),
    ],
    search_fields=("name", "alliance__name"),
    kind_field="kind",
    ordering=("alliance__code", "kind", "name"),
    prepare=_area_of_alliance,
)

STEWARDS = register(
    Steward,
    key="alliance-stewards",
    fields=[
        r.F("alliance", "联盟编号"),
        r.F("role", help=""),
        "name",
        r.F("person", "身份证号"),
        "duties",
    ],
    list_display=["name", "role", ("联盟", "alliance__name"), "duties"],
    search_fields=("name", "role", "alliance__name"),
    ordering=("alliance__code", "role", "name"),
    pii_columns=("person",),
    prepare=_area_of_alliance,
)

PROJECTS = register(
    AllianceProject,
    key="alliance-projects",
    fields=[
        r.F("alliance", "联盟编号"),
        r.F("project", "项目编号"),
        r.F("project__name", "项目名称"),
        "note",
    ],
    list_display=[
        ("项目", "project__name"),
        ("联盟", "alliance__name"),
        "project__investment",
        "project__status",
    ],
    search_fields=("project__name", "project__code", "alliance__name"),
    ordering=("alliance__code", "project__signed_on"),
    prepare=_area_of_alliance,
)

TOURISM = register(
    TownTourism,
    key="town-tourism",
    fields=[
        r.F("area", "镇街代码", levels=frozenset({4})),
        r.F("area__name", "镇街名称"),
        r.YEAR,
        "visitors",
        "revenue",
    ],
    list_display=[("镇(街道)", "area"), "year", "visitors", "revenue"],
    kind_field="year",
    example=["330112102", "", 2020, "52.36", "31250.0"],
)
