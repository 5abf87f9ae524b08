from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

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


def _yes(value: bool) -> str:
    return gettext("是") if value else ""


register = r.registrar(
    section="organisation",
    perms=(ECOMMERCE_VIEW, ECOMMERCE_EDIT, ECOMMERCE_DELETE),
)

r.reference(NewFarmerBranch, key="organisation__code")

RECORDS = register(
    EcommerceRecord,
    key="ecommerce",
    fields=[
        *r.VILLAGE,
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
        (gettext_lazy("村社"), "area"),
        "year",
        "online_shops",
        (gettext_lazy("活跃网店"), "active_shops"),
        "online_sales",
        r.ListColumn(gettext_lazy("党支部+协会+合作组织"), lambda x: _yes(x.has_full_model)),
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
        r.F("area", gettext_lazy("区(县)代码"), levels=frozenset({3})),
        "name",
        *r.VALIDITY,
        "village_min_sales",
        "village_min_active_shops",
        r.DecimalColumn(
            gettext_lazy("淘宝村：或电商户占比不低于(%)"), "village_min_household_share", places=1
        ),
        "town_min_villages",
        r.DecimalColumn(gettext_lazy("淘宝镇：或网络零售额超过(万元)"), "town_min_sales"),
        "town_min_shops",
        "basis",
    ],
    perms=(ECOMMERCE_VIEW, ECOMMERCE_CONFIGURE, ECOMMERCE_CONFIGURE),
    list_display=[
        "name",
        r.VALIDITY_COLUMN,
        r.ListColumn(gettext_lazy("内容"), lambda x: x.describe()),
    ],
    search_fields=("name",),
    ordering=("area__code", "valid_from"),
)

REPLICATIONS = register(
    Replication,
    key="replications",
    fields=[
        r.F("area", gettext_lazy("登记区划代码"), levels=frozenset({3, 4})),
        "region",
        "replicated_on",
        "how",
        r.F("source", gettext_lazy("模式来源村代码")),
    ],
    list_display=[
        "region",
        "replicated_on",
        "how",
        r.ListColumn(gettext_lazy("来源"), lambda x: x.source.display_name if x.source else ""),
    ],
    search_fields=("region", "how"),
)

BRANCHES = register(
    NewFarmerBranch,
    key="newfarmer-branches",
    fields=[
        *r.ORGANISATION,
        "sponsor",
        "focus",
    ],
    list_display=[(gettext_lazy("新农人党组织"), "organisation__name"), "sponsor", "area", "focus"],
    search_fields=("organisation__name", "focus"),
    prepare=r.area_of("organisation"),
    detail_extra="ecommerce/_branch_link.html",
)

PROJECTS = register(
    NewFarmerProject,
    key="newfarmer-projects",
    fields=[
        r.F("branch", gettext_lazy("新农人党组织编号")),
        *r.PROJECT,
        r.F("member", gettext_lazy("创业党员身份证号")),
    ],
    list_display=[
        (gettext_lazy("项目"), "project__name"),
        (gettext_lazy("新农人党组织"), "branch__organisation__name"),
        "project__investment",
        "project__status",
    ],
    search_fields=("project__name", "project__code"),
    ordering=("branch__organisation__code", "project__signed_on"),
    pii_columns=("member",),
    prepare=r.area_of("branch"),
)
