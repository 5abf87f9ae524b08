"""Figures of the industry organisations (report section 一.1, 三): 淘宝镇 and 淘宝村, e-commerce
coverage of administrative villages, online shops, regions the model was copied to, and the
returned entrepreneurs, projects and investment of 新农人 branches."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_noop

from xingcun.core.models import Area
from xingcun.core.scoping import correlated
from xingcun.ecommerce import rules
from xingcun.ecommerce.models import EcommerceRecord, NewFarmerBranch, NewFarmerProject, Replication
from xingcun.indicators import records
from xingcun.indicators.engine import Indicator, Kind, Period, Semantics, register
from xingcun.organisations.models import BranchMembership

LANDED = ["building", "operating"]
COMMUNITY = "社区"


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


register(
    Indicator(
        code="ecommerce.taobao_villages",
        name="淘宝村数",
        name_en="Taobao villages",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description=(
            "期间所在年度达到淘宝村标准的村数，按当年有效的淘宝村(镇)认定规则计算（默认：年网络零售额"
            "1000万元以上，且活跃网店100家以上或电商户占当年户数10%以上）。"
        ),
        model=EcommerceRecord,
        where=lambda p: rules.village_condition(year=p.end.year),
    )
)
register(
    Indicator(
        code="ecommerce.taobao_towns",
        name="淘宝镇数",
        name_en="Taobao towns",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description=(
            "期间所在年度达到淘宝镇标准的镇(街道)数，按当年有效规则计算（默认：有淘宝村3个以上，"
            "或全镇网络零售额超过3000万元且活跃网店超过300家）。"
        ),
        model=Area,
        path="path",
        where=lambda p: rules.town_condition(year=p.end.year),
    )
)
register(
    Indicator(
        code="ecommerce.covered_villages",
        name="农村电商覆盖行政村数",
        name_en="Administrative villages with rural e-commerce",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="期间所在年度有网店或从事电商农户的行政村数（不含社区）。",
        model=EcommerceRecord,
        where=covered_in,
    )
)
register(
    Indicator(
        code="ecommerce.administrative_villages",
        name="行政村数",
        name_en="Administrative villages",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CURRENT,
        section="organisation",
        description="区划库中现有的行政村个数（村(社区)中名称不含“社区”的）。区划库不记历史。",
        model=Area,
        path="path",
        where=lambda p: Q(level=Area.Level.VILLAGE) & ~Q(name__contains=COMMUNITY),
    )
)
register(
    Indicator(
        code="ecommerce.coverage",
        name="行政村农村电商覆盖率",
        name_en="E-commerce coverage of administrative villages",
        unit="%",
        kind=Kind.RATIO,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="农村电商覆盖行政村数占行政村数的百分比。",
        numerator="ecommerce.covered_villages",
        denominator="ecommerce.administrative_villages",
        scale=Decimal(100),
    )
)
register(
    Indicator(
        code="ecommerce.shops",
        name="农村网店数",
        name_en="Rural online shops",
        unit="家",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="期间所在年度各村登记的网店数合计。",
        model=EcommerceRecord,
        where=record_of,
        value="online_shops",
        sum_places=0,
    )
)
register(
    Indicator(
        code="ecommerce.sales",
        name="农村网络零售额",
        name_en="Rural online retail sales",
        unit="亿元",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="期间所在年度各村登记的网络零售额合计。",
        model=EcommerceRecord,
        where=record_of,
        value="online_sales",
        base_unit="万元",
    )
)
register(
    Indicator(
        code="ecommerce.model_villages",
        name="“村党支部+电商协会+合作组织”村数",
        name_en="Villages with branch, association and cooperative",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="期间所在年度同时有淘宝党支部(党小组)、电商协会和合作组织的村数。",
        model=EcommerceRecord,
        where=lambda p: (
            record_of(p) & Q(has_taobao_branch=True, has_association=True, has_cooperative=True)
        ),
    )
)
register(
    Indicator(
        code="ecommerce.replications",
        name="模式复制推广地区数",
        name_en="Regions that copied the model",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="organisation",
        description="截至期末累计复制“村党支部+电商协会+合作组织”模式的地区数，按登记区划统计。",
        model=Replication,
        where=lambda p: Q(replicated_on__lte=p.end),
    )
)
register(
    Indicator(
        code="newfarmer.members",
        name="新农人党组织吸收返乡创业党员数",
        name_en="Returned entrepreneurs in 新农人 branches",
        unit="名",
        kind=Kind.COUNT,
        semantics=Semantics.AS_OF,
        section="organisation",
        description=(
            "期末在新农人党组织中的返乡创业党员人数（按加入、退出日期；其所属党组织不变）。"
            "按新农人党组织所在区划统计。"
        ),
        model=BranchMembership,
        where=absorbed_by,
    )
)
register(
    Indicator(
        code="newfarmer.projects",
        name="新农人创业项目落地数",
        name_en="Projects landed by 新农人 branches",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="organisation",
        description="截至期末新农人党组织帮助落地的创业项目个数：状态为在建或投产、落地日期不晚于期末。",
        model=NewFarmerProject,
        where=newfarmer_landed,
    )
)
register(
    Indicator(
        code="newfarmer.investment",
        name="新农人创业项目总投资",
        name_en="Investment of 新农人 projects",
        unit="万元",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="organisation",
        description="截至期末新农人党组织落地创业项目（同“新农人创业项目落地数”）的投资额合计。",
        model=NewFarmerProject,
        where=newfarmer_landed,
        value="project__investment",
    )
)

records.register(
    EcommerceRecord,
    records.RecordView(
        (
            records.column(gettext_noop("村(社区)"), lambda x: x.area.display_name),
            records.column(gettext_noop("区划代码"), lambda x: x.area.code),
            records.column(gettext_noop("年度"), lambda x: x.year),
            records.column(gettext_noop("网店数"), lambda x: x.online_shops),
            records.column(gettext_noop("活跃网店数"), lambda x: x.active_shops),
            records.column(gettext_noop("网络零售额(万元)"), lambda x: x.online_sales),
            records.column(gettext_noop("从事电商户数"), lambda x: x.ecommerce_households),
        ),
        select_related=("area",),
        ordering=("area__code",),
        url_name="core:ecommerce-detail",
    ),
)
records.register(
    Replication,
    records.RecordView(
        (
            records.column(gettext_noop("复制地区"), lambda x: x.region),
            records.column(gettext_noop("复制日期"), lambda x: x.replicated_on),
            records.column(gettext_noop("复制方式"), lambda x: x.how),
        ),
        ordering=("replicated_on", "pk"),
        url_name="core:replications-detail",
    ),
)
records.register(
    NewFarmerProject,
    records.RecordView(
        (
            records.column(gettext_noop("新农人党组织"), lambda x: x.branch.organisation.name),
            records.column(gettext_noop("项目编号"), lambda x: x.project.code),
            records.column(gettext_noop("项目名称"), lambda x: x.project.name),
            records.column(gettext_noop("投资额(万元)"), lambda x: x.project.investment),
            records.column(gettext_noop("落地日期"), lambda x: x.project.landed_on),
        ),
        select_related=("branch__organisation", "project"),
        ordering=("project__landed_on", "pk"),
        url_name="core:newfarmer-projects-detail",
    ),
)
records.register(
    BranchMembership,
    records.RecordView(
        (
            records.column(gettext_noop("党员"), lambda x: x.member.person.name),
            records.column(gettext_noop("功能型/临时党组织"), lambda x: x.organisation.name),
            records.column(gettext_noop("所属党组织"), lambda x: x.member.organisation.name),
            records.column(gettext_noop("加入日期"), lambda x: x.joined_on),
            records.column(gettext_noop("退出日期"), lambda x: x.left_on),
        ),
        select_related=("member__person", "member__organisation", "organisation"),
        ordering=("joined_on", "pk"),
        url_name="core:branch-members-detail",
    ),
)
