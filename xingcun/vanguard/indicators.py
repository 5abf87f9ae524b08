"""Vanguard-index figures, registered in the indicator engine, and how their records are listed on
the drill-down page. Results count only once their round is final (frozen figures)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_noop

from xingcun.core.scoping import correlated
from xingcun.indicators import records
from xingcun.indicators.engine import (
    COUNT_IN_YEAR,
    PERCENT,
    RATIO_IN_YEAR,
    Kind,
    Period,
    Semantics,
    family,
)
from xingcun.vanguard.models import EventDecision, Grade, Item, Result, ScoreEvent


def final_of(period: Period) -> Q:
    """Final results of the period's year."""
    return Q(round__year=period.end.year, round__status="final")


def family_events_of(period: Period) -> Q:
    """Approved 好家风 bonus events dated in the period, not replaced by a correction."""
    replaced = correlated(EventDecision).filter(event__corrects=OuterRef("pk"), approved=True)
    return (
        Q(date__gte=period.start, date__lte=period.end)
        & Q(approval__approved=True, item__group=Item.Group.FAMILY, item__kind=Item.Kind.BONUS)
        & ~Q(Exists(replaced))
    )


indicator = family(section="members")
# The final results of the period's year.
results = indicator.sharing(semantics=Semantics.WITHIN_YEAR, model=Result, where=final_of)

results.sharing(kind=Kind.COUNT, unit="人").table(
    ("narrow",),
    (
        "vanguard.rated",
        "先锋指数参评党员数",
        "Members rated by the vanguard index",
        "期间所在年度先锋指数结果已确定（公示、异议处理完毕）的党员人数，按党员所在村统计。"
        "尚在测算或公示中的结果不计。",
        None,
    ),
    (
        "vanguard.excellent",
        "先锋指数优秀党员数",
        "Members graded excellent",
        "期间所在年度已确定结果中等次为“优秀”的党员人数（分数线按当年有效的方案）。",
        Q(grade=Grade.EXCELLENT),
    ),
    (
        "vanguard.follow_up",
        "先锋指数低分帮教党员数",
        "Members in follow-up after a low score",
        "期间所在年度已确定结果中低于帮教分数线、需要谈心谈话和帮教的党员人数。",
        Q(follow_up=True),
    ),
    (
        "vanguard.family_members",
        "好家风加分党员数",
        "Members scoring on good family style",
        "期间所在年度已确定结果中，好家风类项目净得分为正的党员人数。",
        Q(family_points__gt=0),
    ),
)
results(
    "vanguard.score_total",
    "先锋指数得分合计",
    "Vanguard scores, total",
    "期间所在年度已确定结果的先锋指数之和，是平均分的分子。",
    kind=Kind.SUM,
    unit="分",
    value="score",
)
indicator(
    "vanguard.excellent_share",
    "先锋指数优秀率",
    "Share graded excellent",
    "先锋指数优秀党员数占参评党员数的百分比。",
    **PERCENT,
    semantics=Semantics.WITHIN_YEAR,
    numerator="vanguard.excellent",
    denominator="vanguard.rated",
)
indicator(
    "vanguard.average_score",
    "党员先锋指数平均分",
    "Average vanguard score",
    "已确定结果的先锋指数之和除以参评党员数。",
    **RATIO_IN_YEAR,
    unit="分",
    numerator="vanguard.score_total",
    denominator="vanguard.rated",
)
indicator(
    "vanguard.family_events",
    "好家风加分事件数",
    "Good-family-style bonus events",
    "期间内发生、已审核通过的好家风类加分事件次数（如家庭获评好家风、立家训传家风），"
    "被更正替代的事件不计。按党员所在村统计。",
    **COUNT_IN_YEAR,
    unit="次",
    model=ScoreEvent,
    where=family_events_of,
)

records.show(
    Result,
    (gettext_noop("姓名"), lambda r: r.member.person.name),
    (gettext_noop("所在村社"), lambda r: r.area.display_name),
    (gettext_noop("支部"), lambda r: r.organisation.name),
    (gettext_noop("年度"), lambda r: r.round.year),
    (gettext_noop("先锋指数"), lambda r: r.score),
    (gettext_noop("等次"), lambda r: r.get_grade_display()),
    (gettext_noop("全镇排名"), lambda r: r.rank_town),
    (gettext_noop("需帮教"), lambda r: records.yes_no(r.follow_up)),
    select_related=("member__person", "area", "organisation", "round"),
    ordering=("area__code", "rank_town", "pk"),
    url_name="vanguard:result-detail",
)
records.show(
    ScoreEvent,
    (gettext_noop("日期"), lambda e: e.date),
    (gettext_noop("党员"), lambda e: e.member.person.name),
    (gettext_noop("所在村社"), lambda e: e.area.display_name),
    (gettext_noop("项目"), lambda e: e.item.name),
    (gettext_noop("分值"), lambda e: e.signed_points),
    (gettext_noop("事实与佐证"), lambda e: e.evidence),
    select_related=("member__person", "area", "item"),
    ordering=("-date", "pk"),
    url_name="vanguard:event-detail",
)
