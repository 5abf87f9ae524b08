"""Figures of 村社结对共建 (report section 一.1, 二): pairs formed, 双整 compliance and 示范村
against their targets."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_noop

from xingcun.core.models import Area
from xingcun.indicators import records
from xingcun.indicators.engine import (
    COUNT_IN_YEAR,
    COUNT_TO_DATE,
    PERCENT,
    SUM_IN_YEAR,
    Period,
    Semantics,
    family,
)
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


indicator = family(section="organisation")
count_in_year = indicator.sharing(**COUNT_IN_YEAR, unit="个")
# The year's assessments of villages, narrowed by each member.
assessed = count_in_year.sharing(model=VillageAssessment, where=assessed_in)
share_in_year = indicator.sharing(semantics=Semantics.WITHIN_YEAR, **PERCENT)
# The district's yearly targets (percentages), compared with the shares above.
target = indicator.sharing(
    **SUM_IN_YEAR, unit="%", model=PairingTarget, where=district_target, sum_places=1
)

count_in_year(
    "pairing.active",
    "结对共建村社党组织对数",
    "Pairs in force",
    "期间内处于结对期的结对共建协议数（每份协议为一对村社党组织）：开始日期不晚于期末，"
    "且实际结束日期（未提前结束的取约定结束日期）不早于期初。按受援方所在区划统计。",
    model=Agreement,
    where=in_force_during,
)
indicator(
    "pairing.formed",
    "累计结对共建对数",
    "Pairs formed (cumulative)",
    "截至期末累计签订的结对共建协议数（含已结束的；续签不另计）。按受援方所在区划统计。",
    **COUNT_TO_DATE,
    unit="个",
    model=Agreement,
    where=lambda p: Q(start_on__lte=p.end),
)
assessed(
    "pairing.compliant",
    "“双整”达标村数",
    "Villages meeting the double-whole standard",
    "期间所在年度经认定达到“双整”标准（整镇推进、整区提升）的村(社区)数，须有佐证材料。",
    Q(compliant=True),
)
share_in_year(
    "pairing.compliance_rate",
    "“双整”达标村占比",
    "Share of villages meeting the double-whole standard",
    "“双整”达标村数占村(社区)总数的百分比（未认定的村按未达标计）。",
    numerator="pairing.compliant",
    denominator="villages.count",
)
assessed(
    "pairing.demonstration",
    "示范村数",
    "Demonstration villages",
    "期间所在年度认定为示范村的村(社区)数。",
    Q(demonstration=True),
)
share_in_year(
    "pairing.demonstration_share",
    "示范村占比",
    "Share of demonstration villages",
    "示范村数占村(社区)总数的百分比。",
    numerator="pairing.demonstration",
    denominator="villages.count",
)
target.table(
    ("value",),
    (
        "pairing.compliance_target",
        "“双整”达标村占比年度目标",
        "Target share of villages meeting the double-whole standard",
        "区(县)为期间所在年度设定的“双整”达标村占比目标。只有区(县)一级取值；"
        "镇(街道)的目标见结对共建页面。",
        "compliance_target",
    ),
    (
        "pairing.demonstration_target",
        "示范村占比年度目标",
        "Target share of demonstration villages",
        "区(县)为期间所在年度设定的示范村占比目标。只有区(县)一级取值；镇(街道)的目标见结对共建页面。",
        "demonstration_target",
    ),
)

records.show(
    Agreement,
    (gettext_noop("帮扶方党组织"), lambda a: a.strong.name),
    (gettext_noop("受援方党组织"), lambda a: a.weak.name),
    (gettext_noop("受援方区划"), lambda a: a.area.display_name),
    (gettext_noop("开始日期"), lambda a: a.start_on),
    (gettext_noop("结束日期"), lambda a: a.effective_end),
    (gettext_noop("状态"), lambda a: a.get_status_display()),
    select_related=("strong", "weak", "area"),
    ordering=("start_on", "pk"),
    url_name="pairing:agreement-detail",
)
records.show(
    VillageAssessment,
    (gettext_noop("村(社区)"), lambda a: a.area.display_name),
    (gettext_noop("区划代码"), lambda a: a.area.code),
    (gettext_noop("年度"), lambda a: a.year),
    (gettext_noop("双整达标"), lambda a: records.yes_no(a.compliant)),
    (gettext_noop("示范村"), lambda a: records.yes_no(a.demonstration)),
    (gettext_noop("佐证说明"), lambda a: a.evidence_note),
    select_related=("area",),
    ordering=("area__code",),
    url_name="core:assessments-detail",
)
records.show(
    PairingTarget,
    (gettext_noop("区划"), lambda t: t.area.display_name),
    (gettext_noop("年度"), lambda t: t.year),
    (gettext_noop("双整达标村占比目标(%)"), lambda t: t.compliance_target),
    (gettext_noop("示范村占比目标(%)"), lambda t: t.demonstration_target),
    select_related=("area",),
    url_name="core:pairing-targets-detail",
)
