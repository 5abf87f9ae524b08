from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.ecommerce import forms
from xingcun.ecommerce.models import (
    EcommerceRecord,
    NewFarmerBranch,
    NewFarmerProject,
    Replication,
    TaobaoRule,
)
from xingcun.organisations.registries import member_by_id_number, organisation_by_code

ORG: dict[str, Any] = {"lookup": organisation_by_code, "key_of": lambda o: o.code, "what": "党组织"}


def branch_by_code(code: str) -> NewFarmerBranch | None:
    return NewFarmerBranch.objects.filter(organisation__code=code).first()


def project_by_code(code: str) -> Any:
    from xingcun.projects.models import Project

    return Project.objects.filter(code=code).first()


def _area_of_organisation(values: dict[str, Any]) -> None:
    if values.get("organisation") is not None:
        values["area"] = values["organisation"].area


def _area_of_branch(values: dict[str, Any]) -> None:
    if values.get("branch") is not None:
        values["area"] = values["branch"].area


def _yes(value: bool) -> str:
    return "是" if value else ""


RECORDS = r.register(
    r.Registry(
        key="ecommerce",
        model=EcommerceRecord,
        title=_("农村电商年度情况"),
        section="organisation",
        columns=[
            r.AreaColumn("村社代码", "area", required=True),
            r.TextColumn(
                "村社名称", "area_name", readonly=True, getter=lambda x: x.area.display_name
            ),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.IntColumn("网店数", "online_shops", required=True),
            r.IntColumn("活跃网店数", "active_shops", required=True),
            r.DecimalColumn("网络零售额(万元)", "online_sales", required=True),
            r.IntColumn("从事电商户数", "ecommerce_households"),
            r.BoolColumn("有淘宝党支部(党小组)", "has_taobao_branch"),
            r.BoolColumn("有电商协会", "has_association"),
            r.BoolColumn("有合作组织", "has_cooperative"),
            r.TextColumn("备注", "note", max_length=200),
        ],
        natural_key=("area", "year"),
        form_class=forms.EcommerceRecordForm,
        perm_view=perms.ECOMMERCE_VIEW,
        perm_edit=perms.ECOMMERCE_EDIT,
        perm_delete=perms.ECOMMERCE_DELETE,
        list_columns=[
            r.ListColumn("村社", lambda x: x.area.display_name, link=True),
            r.ListColumn("年度", lambda x: x.year),
            r.ListColumn("网店数", lambda x: x.online_shops),
            r.ListColumn("活跃网店", lambda x: x.active_shops),
            r.ListColumn("网络零售额(万元)", lambda x: x.online_sales),
            r.ListColumn("党支部+协会+合作组织", lambda x: _yes(x.has_full_model)),
        ],
        search_fields=("area__name",),
        kind_field="year",
        ordering=("-year", "area__code"),
        example=[
            "330112108230",
            "",
            2020,
            260,
            180,
            "12500.00",
            320,
            "是",
            "是",
            "是",
            "",
        ],
    )
)

RULES = r.register(
    r.Registry(
        key="taobao-rules",
        model=TaobaoRule,
        title=_("淘宝村(镇)认定规则"),
        section="organisation",
        columns=[
            r.AreaColumn("区(县)代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("规则名称", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.DecimalColumn("淘宝村：网络零售额不低于(万元)", "village_min_sales"),
            r.IntColumn("淘宝村：活跃网店不少于(家)", "village_min_active_shops"),
            r.DecimalColumn(
                "淘宝村：或电商户占比不低于(%)", "village_min_household_share", places=1
            ),
            r.IntColumn("淘宝镇：淘宝村不少于(个)", "town_min_villages"),
            r.DecimalColumn("淘宝镇：或网络零售额超过(万元)", "town_min_sales"),
            r.IntColumn("淘宝镇：且活跃网店超过(家)", "town_min_shops"),
            r.TextColumn("依据", "basis", max_length=200),
        ],
        natural_key=("area", "valid_from"),
        form_class=forms.TaobaoRuleForm,
        perm_view=perms.ECOMMERCE_VIEW,
        perm_edit=perms.ECOMMERCE_CONFIGURE,
        perm_delete=perms.ECOMMERCE_CONFIGURE,
        list_columns=[
            r.ListColumn("规则名称", lambda x: x.name, link=True),
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
            r.ListColumn("内容", lambda x: x.describe()),
        ],
        search_fields=("name",),
        ordering=("area__code", "valid_from"),
    )
)

REPLICATIONS = r.register(
    r.Registry(
        key="replications",
        model=Replication,
        title=_("模式复制推广"),
        section="organisation",
        columns=[
            r.AreaColumn("登记区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("复制地区", "region", required=True, max_length=100),
            r.DateColumn("复制日期", "replicated_on", required=True),
            r.TextColumn("复制方式", "how", required=True, max_length=200),
            r.AreaColumn("模式来源村代码", "source"),
        ],
        natural_key=("area", "region"),
        form_class=forms.ReplicationForm,
        perm_view=perms.ECOMMERCE_VIEW,
        perm_edit=perms.ECOMMERCE_EDIT,
        perm_delete=perms.ECOMMERCE_DELETE,
        list_columns=[
            r.ListColumn("复制地区", lambda x: x.region, link=True),
            r.ListColumn("复制日期", lambda x: x.replicated_on),
            r.ListColumn("复制方式", lambda x: x.how),
            r.ListColumn("来源", lambda x: x.source.display_name if x.source else ""),
        ],
        search_fields=("region", "how"),
        select_related=("area", "source"),
        ordering=("-replicated_on", "region"),
    )
)

BRANCHES = r.register(
    r.Registry(
        key="newfarmer-branches",
        model=NewFarmerBranch,
        title=_("新农人党组织"),
        section="organisation",
        columns=[
            r.RefColumn("组织编号", "organisation", required=True, **ORG),
            r.TextColumn(
                "组织名称", "org_name", readonly=True, getter=lambda x: x.organisation.name
            ),
            r.ChoiceColumn(
                "组建单位", "sponsor", required=True, choices=NewFarmerBranch.Sponsor.choices
            ),
            r.TextColumn("服务方向", "focus", max_length=100),
        ],
        natural_key=("organisation",),
        form_class=forms.NewFarmerBranchForm,
        perm_view=perms.ECOMMERCE_VIEW,
        perm_edit=perms.ECOMMERCE_EDIT,
        perm_delete=perms.ECOMMERCE_DELETE,
        list_columns=[
            r.ListColumn("新农人党组织", lambda x: x.organisation.name, link=True),
            r.ListColumn("组建单位", lambda x: x.get_sponsor_display()),
            r.ListColumn("所属区划", lambda x: x.area.display_name),
            r.ListColumn("服务方向", lambda x: x.focus),
        ],
        search_fields=("organisation__name", "focus"),
        select_related=("area", "organisation"),
        ordering=("organisation__code",),
        prepare=_area_of_organisation,
        detail_extra="ecommerce/_branch_link.html",
    )
)

PROJECTS = r.register(
    r.Registry(
        key="newfarmer-projects",
        model=NewFarmerProject,
        title=_("新农人创业项目"),
        section="organisation",
        columns=[
            r.RefColumn(
                "新农人党组织编号",
                "branch",
                required=True,
                lookup=branch_by_code,
                key_of=lambda b: b.organisation.code,
                what="新农人党组织",
            ),
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
            r.RefColumn(
                "创业党员身份证号",
                "member",
                lookup=member_by_id_number,
                key_of=lambda m: m.person.id_number,
                what="党员",
            ),
        ],
        natural_key=("branch", "project"),
        form_class=forms.NewFarmerProjectForm,
        perm_view=perms.ECOMMERCE_VIEW,
        perm_edit=perms.ECOMMERCE_EDIT,
        perm_delete=perms.ECOMMERCE_DELETE,
        list_columns=[
            r.ListColumn("项目", lambda x: x.project.name, link=True),
            r.ListColumn("新农人党组织", lambda x: x.branch.organisation.name),
            r.ListColumn("投资额(万元)", lambda x: x.project.investment),
            r.ListColumn("状态", lambda x: x.project.get_status_display()),
        ],
        search_fields=("project__name", "project__code"),
        select_related=("area", "branch__organisation", "project"),
        ordering=("branch__organisation__code", "project__signed_on"),
        pii_columns=("member",),
        prepare=_area_of_branch,
    )
)
