from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xingcun.alliances import forms
from xingcun.alliances.models import (
    Alliance,
    AllianceMember,
    AllianceProject,
    SharedResource,
    Steward,
    TownTourism,
)
from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.organisations.registries import organisation_by_code, person_by_id_number

ORG: dict[str, Any] = {"lookup": organisation_by_code, "key_of": lambda o: o.code, "what": "党组织"}


def alliance_by_code(code: str) -> Alliance | None:
    return Alliance.objects.filter(code=code).first()


def project_by_code(code: str) -> Any:
    from xingcun.projects.models import Project

    return Project.objects.filter(code=code).first()


ALLIANCE: dict[str, Any] = {
    "lookup": alliance_by_code,
    "key_of": lambda a: a.code,
    "what": "党建联盟",
}


def _area_of_organisation(values: dict[str, Any]) -> None:
    if values.get("organisation") is not None:
        values["area"] = values["organisation"].area


def _area_of_alliance(values: dict[str, Any]) -> None:
    if values.get("alliance") is not None:
        values["area"] = values["alliance"].area


ALLIANCES = r.register(
    r.Registry(
        key="alliances",
        model=Alliance,
        title=_("党建联盟"),
        section="organisation",
        columns=[
            r.TextColumn("联盟编号", "code", required=True, max_length=32),
            r.TextColumn("联盟名称", "name", required=True, max_length=100),
            r.TextColumn("品牌", "brand", max_length=100),
            r.AreaColumn("登记区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.RefColumn("牵头组织编号", "lead", required=True, **ORG),
            r.DateColumn("成立日期", "founded_on", required=True),
            r.DateColumn("解散日期", "dissolved_on"),
            r.BoolColumn("设立管家", "uses_stewards"),
            r.TextColumn("联建目标", "purpose"),
        ],
        natural_key=("code",),
        form_class=forms.AllianceForm,
        perm_view=perms.ALLIANCE_VIEW,
        perm_edit=perms.ALLIANCE_EDIT,
        perm_delete=perms.ALLIANCE_DELETE,
        list_columns=[
            r.ListColumn("联盟编号", lambda a: a.code),
            r.ListColumn("联盟名称", lambda a: a.name, link=True),
            r.ListColumn("登记区划", lambda a: a.area.display_name),
            r.ListColumn("牵头党组织", lambda a: a.lead.name),
            r.ListColumn("成立日期", lambda a: a.founded_on),
        ],
        search_fields=("name", "code", "brand"),
        select_related=("area", "lead"),
        ordering=("code",),
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
)

MEMBERS = r.register(
    r.Registry(
        key="alliance-members",
        model=AllianceMember,
        title=_("联盟成员"),
        section="organisation",
        columns=[
            r.RefColumn("联盟编号", "alliance", required=True, **ALLIANCE),
            r.RefColumn("成员组织编号", "organisation", required=True, **ORG),
            r.TextColumn(
                "成员组织名称", "org_name", readonly=True, getter=lambda m: m.organisation.name
            ),
            r.DateColumn("加入日期", "joined_on", required=True),
            r.DateColumn("退出日期", "left_on"),
            r.TextColumn("退出原因", "left_reason", max_length=200),
        ],
        natural_key=("alliance", "organisation", "joined_on"),
        form_class=forms.AllianceMemberForm,
        perm_view=perms.ALLIANCE_VIEW,
        perm_edit=perms.ALLIANCE_EDIT,
        perm_delete=perms.ALLIANCE_DELETE,
        list_columns=[
            r.ListColumn("成员党组织", lambda m: m.organisation.name, link=True),
            r.ListColumn("联盟", lambda m: m.alliance.name),
            r.ListColumn("加入日期", lambda m: m.joined_on),
            r.ListColumn("退出日期", lambda m: m.left_on or ""),
        ],
        search_fields=("organisation__name", "alliance__name"),
        select_related=("area", "alliance", "organisation"),
        ordering=("alliance__code", "joined_on"),
        prepare=_area_of_organisation,
    )
)

RESOURCES = r.register(
    r.Registry(
        key="alliance-resources",
        model=SharedResource,
        title=_("联盟共享资源"),
        section="organisation",
        columns=[
            r.RefColumn("联盟编号", "alliance", required=True, **ALLIANCE),
            r.ChoiceColumn("资源类型", "kind", required=True, choices=SharedResource.Kind.choices),
            r.TextColumn("名称", "name", required=True, max_length=100),
            r.RefColumn("提供方组织编号", "provider", **ORG),
            r.TextColumn("说明", "description", max_length=200),
        ],
        natural_key=("alliance", "name"),
        form_class=forms.SharedResourceForm,
        perm_view=perms.ALLIANCE_VIEW,
        perm_edit=perms.ALLIANCE_EDIT,
        perm_delete=perms.ALLIANCE_DELETE,
        list_columns=[
            r.ListColumn("名称", lambda x: x.name, link=True),
            r.ListColumn("类型", lambda x: x.get_kind_display()),
            r.ListColumn("联盟", lambda x: x.alliance.name),
            r.ListColumn("提供方", lambda x: x.provider.name if x.provider else ""),
        ],
        search_fields=("name", "alliance__name"),
        kind_field="kind",
        select_related=("area", "alliance", "provider"),
        ordering=("alliance__code", "kind", "name"),
        prepare=_area_of_alliance,
    )
)

STEWARDS = r.register(
    r.Registry(
        key="alliance-stewards",
        model=Steward,
        title=_("联盟管家"),
        section="organisation",
        columns=[
            r.RefColumn("联盟编号", "alliance", required=True, **ALLIANCE),
            r.TextColumn("管家类别", "role", required=True, max_length=32),
            r.TextColumn("姓名", "name", required=True, max_length=32),
            r.RefColumn(
                "身份证号",
                "person",
                lookup=person_by_id_number,
                key_of=lambda p: p.id_number,
                what="人员",
            ),
            r.TextColumn("职责", "duties", max_length=200),
        ],
        natural_key=("alliance", "role", "name"),
        form_class=forms.StewardForm,
        perm_view=perms.ALLIANCE_VIEW,
        perm_edit=perms.ALLIANCE_EDIT,
        perm_delete=perms.ALLIANCE_DELETE,
        list_columns=[
            r.ListColumn("姓名", lambda x: x.name, link=True),
            r.ListColumn("管家类别", lambda x: x.role),
            r.ListColumn("联盟", lambda x: x.alliance.name),
            r.ListColumn("职责", lambda x: x.duties),
        ],
        search_fields=("name", "role", "alliance__name"),
        select_related=("area", "alliance", "person"),
        ordering=("alliance__code", "role", "name"),
        pii_columns=("person",),
        prepare=_area_of_alliance,
    )
)

PROJECTS = r.register(
    r.Registry(
        key="alliance-projects",
        model=AllianceProject,
        title=_("联盟项目"),
        section="organisation",
        columns=[
            r.RefColumn("联盟编号", "alliance", required=True, **ALLIANCE),
            r.RefColumn(
                "项目编号",
                "project",
                required=True,
                lookup=project_by_code,
                key_of=lambda p: p.code,
                what="投资项目",
            ),
            r.TextColumn(
                "项目名称", "project_name", readonly=True, getter=lambda x: x.project.name
            ),
            r.TextColumn("说明", "note", max_length=200),
        ],
        natural_key=("alliance", "project"),
        form_class=forms.AllianceProjectForm,
        perm_view=perms.ALLIANCE_VIEW,
        perm_edit=perms.ALLIANCE_EDIT,
        perm_delete=perms.ALLIANCE_DELETE,
        list_columns=[
            r.ListColumn("项目", lambda x: x.project.name, link=True),
            r.ListColumn("联盟", lambda x: x.alliance.name),
            r.ListColumn("投资额(万元)", lambda x: x.project.investment),
            r.ListColumn("状态", lambda x: x.project.get_status_display()),
        ],
        search_fields=("project__name", "project__code", "alliance__name"),
        select_related=("area", "alliance", "project"),
        ordering=("alliance__code", "project__signed_on"),
        prepare=_area_of_alliance,
    )
)

TOURISM = r.register(
    r.Registry(
        key="town-tourism",
        model=TownTourism,
        title=_("镇街旅游接待"),
        section="organisation",
        columns=[
            r.AreaColumn("镇街代码", "area", required=True, levels=frozenset({4})),
            r.TextColumn("镇街名称", "area_name", readonly=True, getter=lambda t: t.area.name),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.DecimalColumn("接待游客(万人次)", "visitors", required=True),
            r.DecimalColumn("旅游总收入(万元)", "revenue", required=True),
        ],
        natural_key=("area", "year"),
        form_class=forms.TownTourismForm,
        perm_view=perms.ALLIANCE_VIEW,
        perm_edit=perms.ALLIANCE_EDIT,
        perm_delete=perms.ALLIANCE_DELETE,
        list_columns=[
            r.ListColumn("镇(街道)", lambda t: t.area.display_name, link=True),
            r.ListColumn("年度", lambda t: t.year),
            r.ListColumn("接待游客(万人次)", lambda t: t.visitors),
            r.ListColumn("旅游总收入(万元)", lambda t: t.revenue),
        ],
        kind_field="year",
        ordering=("-year", "area__code"),
        example=["330112102", "", 2020, "52.36", "31250.0"],
    )
)
