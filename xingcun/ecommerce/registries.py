from __future__ import annotations

from typing import Any

from xingcun.core import registry as r
from xingcun.ecommerce.models import (
    EcommerceRecord,
    NewFarmerBranch,
    NewFarmerProject,
    Replication,
    TaobaoRule,
)
from xingcun.ecommerce.permissions import (
    ECOMMERCE_CONFIGURE,
    ECOMMERCE_DELETE,
    ECOMMERCE_EDIT,
    ECOMMERCE_VIEW,
)


def _area_of_organisation(values: dict[str, Any]) -> None:
    if values.get("organisation") is not None:
        values["area"] = values["organisation"].area


def _area_of_branch(values: dict[str, Any]) -> None:
    if values.get("branch") is not None:
        values["area"] = values["branch"].area


def _yes(value: bool) -> str:
    return "是" if value else ""


register = r.registrar(
    section="organisation",
    perms=(ECOMMERCE_VIEW, ECOMMERCE_EDIT, ECOMMERCE_DELETE),
)

r.reference(NewFarmerBranch, key="organisation__code")

RECORDS = register(
    EcommerceRecord,
    key="ecommerce",
    fields=[
        r.F("area", "村社代码"),
        r.F("area__display_name", "村社名称"),
        r.YEAR,
        "online_shops",
        "active_shops",
        "online_sales",
        "ecommerce_households",
        "has_taobao_branch",
        "has_association",
        "has_cooperative",
        "note",
    ],
    list_display=[
        ("村社", "area"),
        "year",
        "online_shops",
        ("活跃网店", "active_shops"),
        "online_sales",
        r.ListColumn("党支部+协会+合作组织", lambda x: _yes(x.has_full_model)),
    ],
    search_fields=("area__name",),
    kind_field="year",
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

RULES = register(
    TaobaoRule,
    key="taobao-rules",
    fields=[
        r.F("area", "区(县)代码", levels=frozenset({3})),
        "name",
        *r.VALIDITY,
        "village_min_sales",
        "village_min_active_shops",
        r.DecimalColumn("淘宝村：或电商户占比不低于(%)", "village_min_household_share", places=1),
        "town_min_villages",
        r.DecimalColumn("淘宝镇：或网络零售额超过(万元)", "town_min_sales"),
        "town_min_shops",
        "basis",
    ],
    perms=(ECOMMERCE_VIEW, ECOMMERCE_CONFIGURE, ECOMMERCE_CONFIGURE),
    list_display=[
        "name",
        r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
        r.ListColumn("内容", lambda x: x.describe()),
    ],
    search_fields=("name",),
    ordering=("area__code", "valid_from"),
)

REPLICATIONS = register(
    Replication,
    key="replications",
    fields=[
        r.F("area", "登记区划代码", levels=frozenset({3, 4})),
        "region",
        "replicated_on",
        "how",
        r.F("source", "模式来源村代码"),
    ],
    list_display=[
        "region",
        "replicated_on",
        "how",
        r.ListColumn("来源", lambda x: x.source.display_name if x.source else ""),
    ],
    search_fields=("region", "how"),
)

BRANCHES = register(
    NewFarmerBranch,
    key="newfarmer-branches",
    fields=[
        r.F("organisation", "组织编号"),
        r.F("organisation__name", "组织名称"),
        "sponsor",
        "focus",
    ],
    list_display=[("新农人党组织", "organisation__name"), "sponsor", "area", "focus"],
    search_fields=("organisation__name", "focus"),
    prepare=_area_of_organisation,
    detail_extra="ecommerce/_branch_link.html",
)

PROJECTS = register(
    NewFarmerProject,
    key="newfarmer-projects",
    fields=[
        r.F("branch", "新农人党组织编号"),
        r.F("project", "项目编号"),
        r.F("project__name", "项目名称"),
        r.F("member", "创业党员身份证号"),
    ],
    list_display=[
        ("项目", "project__name"),
        ("新农人党组织", "branch__organisation__name"),
        "project__investment",
        "project__status",
    ],
    search_fields=("project__name", "project__code"),
    ordering=("branch__organisation__code", "project__signed_on"),
    pii_columns=("member",),
    prepare=_area_of_branch,
)
