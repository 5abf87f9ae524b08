from __future__ import annotations

from django.utils.translation import gettext_lazy

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

register = r.registrar(
    section="organisation", perms=(ALLIANCE_VIEW, ALLIANCE_EDIT, ALLIANCE_DELETE)
)
# An alliance's records, filed where the alliance is registered.
of_alliance = r.registrar(
    section="organisation",
    perms=(ALLIANCE_VIEW, ALLIANCE_EDIT, ALLIANCE_DELETE),
    prepare=r.area_of("alliance"),
)
ALLIANCE = r.F("alliance", gettext_lazy("联盟编号"))
IN_ALLIANCE = (gettext_lazy("联盟"), "alliance__name")

ALLIANCES = register(
    Alliance,
    key="alliances",
    fields=[
        "code",
        "name",
        r.F("brand", help=""),
        r.F("area", gettext_lazy("登记区划代码"), levels=frozenset({3, 4})),
        r.F("lead", gettext_lazy("牵头组织编号")),
        "founded_on",
        "dissolved_on",
        "uses_stewards",
        "purpose",
    ],
    list_display=[
        r.ListColumn(gettext_lazy("联盟编号"), lambda a: a.code),
        r.ListColumn(gettext_lazy("联盟名称"), lambda a: a.name, link=True),
        (gettext_lazy("登记区划"), "area"),
        (gettext_lazy("牵头党组织"), "lead__name"),
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
        ALLIANCE,
        r.F("organisation", gettext_lazy("成员组织编号")),
        r.F("organisation__name", gettext_lazy("成员组织名称")),
        "joined_on",
        "left_on",
        "left_reason",
    ],
    list_display=[
        (gettext_lazy("成员党组织"), "organisation__name"),
        IN_ALLIANCE,
        "joined_on",
        r.ListColumn(gettext_lazy("退出日期"), lambda m: m.left_on or ""),
    ],
    search_fields=("organisation__name", "alliance__name"),
    ordering=("alliance__code", "joined_on"),
    prepare=r.area_of("organisation"),
)

RESOURCES = of_alliance(
    SharedResource,
    key="alliance-resources",
    fields=[
        ALLIANCE,
        "kind",
        "name",
        r.F("provider", gettext_lazy("提供方组织编号")),
        "description",
    ],
    list_display=[
        "name",
        (gettext_lazy("类型"), "kind"),
        IN_ALLIANCE,
        r.ListColumn(gettext_lazy("提供方"), lambda x: x.provider.name if x.provider else ""),
    ],
    search_fields=("name", "alliance__name"),
    kind_field="kind",
    ordering=("alliance__code", "kind", "name"),
)

STEWARDS = of_alliance(
    Steward,
    key="alliance-stewards",
    fields=[
        ALLIANCE,
        r.F("role", help=""),
        "name",
        r.F("person", gettext_lazy("身份证号")),
        "duties",
    ],
    list_display=["name", "role", IN_ALLIANCE, "duties"],
    search_fields=("name", "role", "alliance__name"),
    ordering=("alliance__code", "role", "name"),
    pii_columns=("person",),
)

PROJECTS = of_alliance(
    AllianceProject,
    key="alliance-projects",
    fields=[
        ALLIANCE,
        *r.PROJECT,
        "note",
    ],
    list_display=[
        (gettext_lazy("项目"), "project__name"),
        IN_ALLIANCE,
        "project__investment",
        "project__status",
    ],
    search_fields=("project__name", "project__code", "alliance__name"),
    ordering=("alliance__code", "project__signed_on"),
)

TOURISM = register(
    TownTourism,
    key="town-tourism",
    fields=[
        r.F("area", gettext_lazy("镇街代码"), levels=frozenset({4})),
        r.F("area__name", gettext_lazy("镇街名称")),
        r.YEAR,
        "visitors",
        "revenue",
    ],
    list_display=[(gettext_lazy("镇(街道)"), "area"), "year", "visitors", "revenue"],
    kind_field="year",
    example=["330112102", "", 2020, "52.36", "31250.0"],
)
