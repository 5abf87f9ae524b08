"""Figures of 村社结对共建 (report section 一.1, 二): pairs formed, 双整 compliance and 示范村
against their targets."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_noop

from xingcun.core.models import Area
from xingcun.indicators import records
from xingcun.indicators.engine import Indicator, Kind, Period, Semantics, register
from xingcun.pairing.models import Agreement, PairingTarget, VillageAssessment


def in_force_during(period: Period) -> Q:
    """Agreements in force on some day of the period (started by its end, not ended before it)."""
    return Q(start_on__lte=period.end) & (
        Q(ended_on__gte=period.start) | Q(ended_on__isnull=True, end_on__gte=period.start)
    )


def assessed_in(period: Period) -> Q:
    return Q(year=period.end.year)


def district_target(period: Period) -> Q:
    return Q(year=period.end.year, area__level=Area.Level.COUNTY)


register(
    Indicator(
        code="pairing.active",
        name="结对共建村社党组织对数",
        name_en="Pairs in force",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description=(
            "期间内处于结对期的结对共建协议数（每份协议为一对村社党组织）：开始日期不晚于期末，"
            "且实际结束日期（未提前结束的取约定结束日期）不早于期初。按受援方所在区划统计。"
        ),
        model=Agreement,
        where=in_force_during,
    )
)
register(
    Indicator(
        code="pairing.formed",
        name="累计结对共建对数",
        name_en="Pairs formed (cumulative)",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="organisation",
        description="截至期末累计签订的结对共建协议数（含已结束的；续签不另计）。按受援方所在区划统计。",
        model=Agreement,
        where=lambda p: Q(start_on__lte=p.end),
    )
)
register(
    Indicator(
        code="pairing.compliant",
        name="“双整”达标村数",
        name_en="Villages meeting the double-whole standard",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="期间所在年度经认定达到“双整”标准（整镇推进、整区提升）的村(社区)数，须有佐证材料。",
        model=VillageAssessment,
        where=lambda p: assessed_in(p) & Q(compliant=True),
    )
)
register(
    Indicator(
        code="pairing.compliance_rate",
        name="“双整”达标村占比",
        name_en="Share of villages meeting the double-whole standard",
        unit="%",
        kind=Kind.RATIO,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="“双整”达标村数占村(社区)总数的百分比（未认定的村按未达标计）。",
        numerator="pairing.compliant",
        denominator="villages.count",
        scale=Decimal(100),
    )
)
register(
    Indicator(
        code="pairing.demonstration",
        name="示范村数",
        name_en="Demonstration villages",
        unit="个",
        kind=Kind.COUNT,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="期间所在年度认定为示范村的村(社区)数。",
        model=VillageAssessment,
        where=lambda p: assessed_in(p) & Q(demonstration=True),
    )
)
register(
    Indicator(
        code="pairing.demonstration_share",
        name="示范村占比",
        name_en="Share of demonstration villages",
        unit="%",
        kind=Kind.RATIO,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description="示范村数占村(社区)总数的百分比。",
        numerator="pairing.demonstration",
        denominator="villages.count",
        scale=Decimal(100),
    )
)
register(
    Indicator(
        code="pairing.compliance_target",
        name="“双整”达标村占比年度目标",
        name_en="Target share of villages meeting the double-whole standard",
        unit="%",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description=(
            "区(县)为期间所在年度设定的“双整”达标村占比目标。只有区(县)一级取值；"
            "镇(街道)的目标见结对共建页面。"
        ),
        model=PairingTarget,
        where=district_target,
        value="compliance_target",
        sum_places=1,
    )
)
register(
    Indicator(
        code="pairing.demonstration_target",
        name="示范村占比年度目标",
        name_en="Target share of demonstration villages",
        unit="%",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        section="organisation",
        description=(
            "区(县)为期间所在年度设定的示范村占比目标。只有区(县)一级取值；"
            "镇(街道)的目标见结对共建页面。"
        ),
        model=PairingTarget,
        where=district_target,
        value="demonstration_target",
        sum_places=1,
    )
)

records.register(
    Agreement,
    records.RecordView(
        (
            records.column(gettext_noop("帮扶方党组织"), lambda a: a.strong.name),
            records.column(gettext_noop("受援方党组织"), lambda a: a.weak.name),
            records.column(gettext_noop("受援方区划"), lambda a: a.area.display_name),
            records.column(gettext_noop("开始日期"), lambda a: a.start_on),
            records.column(gettext_noop("结束日期"), lambda a: a.effective_end),
            records.column(gettext_noop("状态"), lambda a: a.get_status_display()),
        ),
        select_related=("strong", "weak", "area"),
        ordering=("start_on", "pk"),
        url_name="pairing:agreement-detail",
    ),
)
records.register(
    VillageAssessment,
    records.RecordView(
        (
            records.column(gettext_noop("村(社区)"), lambda a: a.area.display_name),
            records.column(gettext_noop("区划代码"), lambda a: a.area.code),
            records.column(gettext_noop("年度"), lambda a: a.year),
            records.column(gettext_noop("双整达标"), lambda a: records.yes_no(a.compliant)),
            records.column(gettext_noop("示范村"), lambda a: records.yes_no(a.demonstration)),
            records.column(gettext_noop("佐证说明"), lambda a: a.evidence_note),
        ),
        select_related=("area",),
        ordering=("area__code",),
        url_name="core:assessments-detail",
    ),
)
records.register(
    PairingTarget,
    records.RecordView(
        (
            records.column(gettext_noop("区划"), lambda t: t.area.display_name),
            records.column(gettext_noop("年度"), lambda t: t.year),
            records.column(gettext_noop("双整达标村占比目标(%)"), lambda t: t.compliance_target),
            records.column(gettext_noop("示范村占比目标(%)"), lambda t: t.demonstration_target),
        ),
        select_related=("area",),
        url_name="core:pairing-targets-detail",
    ),
)
