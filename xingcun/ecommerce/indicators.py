"""Figures of the industry organisations (report section 一.1, 三): 淘宝镇 and 淘宝村, e-commerce
coverage of administrative villages, online shops, regions the model was copied to, and the
returned entrepreneurs, projects and investment of 新农人 branches."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy, gettext_noop

from xingcun.core.models import Area
from xingcun.core.scoping import correlated
from xingcun.ecommerce import rules
from xingcun.ecommerce.models import EcommerceRecord, NewFarmerBranch, NewFarmerProject, Replication
from xingcun.indicators import records
from xingcun.indicators.engine import (
    COUNT_AT_END,
    COUNT_IN_YEAR,
    COUNT_TO_DATE,
    PERCENT,
    SUM_IN_YEAR,
    Kind,
    Period,
    Semantics,
    family,
)
from xingcun.organisations.models import BranchMembership

LANDED = ["building", "operating"]
COMMUNITY = gettext_lazy("社区")


def record_of(period: Period) -> Q:
    return Q(year=period.end.year)


def covered_in(period: Period) -> Q:
    return (
        record_of(period)
        & (Q(online_shops__gt=0) | Q(ecommerce_households__gt=0))
        & ~Q(area__name__contains=COMMUNITY)
    )


def absorbed_by(period: Period) -> Q:
    """Memberships of returned entrepreneurs in a 新农人 branch, in force at the period's end."""
    end = period.end
    branch = correlated(NewFarmerBranch).filter(organisation=OuterRef("organisation"))
    return (
        Q(Exists(branch))
        & Q(member__returned_entrepreneur=True)
        & Q(joined_on__lte=end)
        & (Q(left_on__isnull=True) | Q(left_on__gt=end))
    )


def newfarmer_landed(period: Period) -> Q:
    return Q(project__status__in=LANDED, project__landed_on__lte=period.end)


indicator = family(section="organisation")
count_in_year = indicator.sharing(**COUNT_IN_YEAR, unit="个")
village_total = indicator.sharing(**SUM_IN_YEAR, model=EcommerceRecord, where=record_of)
newfarmer_projects = indicator.sharing(
    semantics=Semantics.CUMULATIVE, model=NewFarmerProject, where=newfarmer_landed
)

# Villages by their year's e-commerce record.
count_in_year.sharing(model=EcommerceRecord).table(
    ("where",),
    (
        "ecommerce.taobao_villages",
        "淘宝村数",
        "Taobao villages",
        "期间所在年度达到淘宝村标准的村数，按当年有效的淘宝村(镇)认定规则计算（默认：年网络零售额"
        "1000万元以上，且活跃网店100家以上或电商户占当年户数10%以上）。",
        lambda p: rules.village_condition(year=p.end.year),
    ),
    (
        "ecommerce.covered_villages",
        "农村电商覆盖行政村数",
        "Administrative villages with rural e-commerce",
        "期间所在年度有网店或从事电商农户的行政村数（不含社区）。",
        covered_in,
    ),
    (
        "ecommerce.model_villages",
        "“村党支部+电商协会+合作组织”村数",
        "Villages with branch, association and cooperative",
        "期间所在年度同时有淘宝党支部(党小组)、电商协会和合作组织的村数。",
        lambda p: (
            record_of(p) & Q(has_taobao_branch=True, has_association=True, has_cooperative=True)
        ),
    ),
)
count_in_year(
    "ecommerce.taobao_towns",
    "淘宝镇数",
    "Taobao towns",
    "期间所在年度达到淘宝镇标准的镇(街道)数，按当年有效规则计算（默认：有淘宝村3个以上，"
    "或全镇网络零售额超过3000万元且活跃网店超过300家）。",
    model=Area,
    path="path",
    where=lambda p: rules.town_condition(year=p.end.year),
)
indicator(
    "ecommerce.administrative_villages",
    "行政村数",
    "Administrative villages",
    "区划库中现有的行政村个数（村(社区)中名称不含“社区”的）。区划库不记历史。",
    kind=Kind.COUNT,
    semantics=Semantics.CURRENT,
    unit="个",
    model=Area,
    path="path",
    where=lambda p: Q(level=Area.Level.VILLAGE) & ~Q(name__contains=COMMUNITY),
)
indicator(
    "ecommerce.coverage",
    "行政村农村电商覆盖率",
    "E-commerce coverage of administrative villages",
    "农村电商覆盖行政村数占行政村数的百分比。",
    **PERCENT,
    semantics=Semantics.WITHIN_YEAR,
    numerator="ecommerce.covered_villages",
    denominator="ecommerce.administrative_villages",
)
village_total.table(
    ("unit", "value", "base_unit", "sum_places"),
    (
        "ecommerce.shops",
        "农村网店数",
        "Rural online shops",
        "期间所在年度各村登记的网店数合计。",
        "家",
        "online_shops",
        "",
        0,
    ),
    (
        "ecommerce.sales",
        "农村网络零售额",
        "Rural online retail sales",
        "期间所在年度各村登记的网络零售额合计。",
        "亿元",
        "online_sales",
        "万元",
        2,
    ),
)
indicator(
    "ecommerce.replications",
    "模式复制推广地区数",
    "Regions that copied the model",
    "截至期末累计复制“村党支部+电商协会+合作组织”模式的地区数，按登记区划统计。",
    **COUNT_TO_DATE,
    unit="个",
    model=Replication,
    where=lambda p: Q(replicated_on__lte=p.end),
)
indicator(
    "newfarmer.members",
    "新农人党组织吸收返乡创业党员数",
    "Returned entrepreneurs in New Farmer branches",
    "期末在新农人党组织中的返乡创业党员人数（按加入、退出日期；其所属党组织不变）。"
    "按新农人党组织所在区划统计。",
    **COUNT_AT_END,
    unit="名",
    model=BranchMembership,
    where=absorbed_by,
)
newfarmer_projects(
    "newfarmer.projects",
    "新农人创业项目落地数",
    "Projects landed by New Farmer branches",
    "截至期末新农人党组织帮助落地的创业项目个数：状态为在建或投产、落地日期不晚于期末。",
    kind=Kind.COUNT,
    unit="个",
)
newfarmer_projects(
    "newfarmer.investment",
    "新农人创业项目总投资",
    "Investment of New Farmer projects",
    "截至期末新农人党组织落地创业项目（同“新农人创业项目落地数”）的投资额合计。",
    kind=Kind.SUM,
    unit="万元",
    value="project__investment",
)

records.show(
    EcommerceRecord,
    (gettext_noop("村(社区)"), lambda x: x.area.display_name),
    (gettext_noop("区划代码"), lambda x: x.area.code),
    (gettext_noop("年度"), lambda x: x.year),
    (gettext_noop("网店数"), lambda x: x.online_shops),
    (gettext_noop("活跃网店数"), lambda x: x.active_shops),
    (gettext_noop("网络零售额(万元)"), lambda x: x.online_sales),
    (gettext_noop("从事电商户数"), lambda x: x.ecommerce_households),
    select_related=("area",),
    ordering=("area__code",),
    url_name="core:ecommerce-detail",
)
records.show(
    Replication,
    (gettext_noop("复制地区"), lambda x: x.region),
    (gettext_noop("复制日期"), lambda x: x.replicated_on),
    (gettext_noop("复制方式"), lambda x: x.how),
    ordering=("replicated_on", "pk"),
    url_name="core:replications-detail",
)
records.show(
    NewFarmerProject,
    (gettext_noop("新农人党组织"), lambda x: x.branch.organisation.name),
    *records.LINKED_PROJECT,
    select_related=("branch__organisation", "project"),
    ordering=("project__landed_on", "pk"),
    url_name="core:newfarmer-projects-detail",
)
records.show(
    BranchMembership,
    (gettext_noop("党员"), lambda x: x.member.person.name),
    (gettext_noop("功能型/临时党组织"), lambda x: x.organisation.name),
    (gettext_noop("所属党组织"), lambda x: x.member.organisation.name),
    (gettext_noop("加入日期"), lambda x: x.joined_on),
    (gettext_noop("退出日期"), lambda x: x.left_on),
    select_related=("member__person", "member__organisation", "organisation"),
    ordering=("joined_on", "pk"),
    url_name="core:branch-members-detail",
)
