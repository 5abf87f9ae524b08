"""Star-rating figures, registered in the indicator engine. Only final stars count."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_noop

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
from xingcun.ratings.models import DimensionScore, Rating


def final_of(period: Period) -> Q:
    return Q(year=period.end.year, status=Rating.Status.FINAL)


indicator = family(section="members")
# The star ratings of the year, narrowed by each member.
rated = indicator.sharing(**COUNT_IN_YEAR, unit="个", model=Rating, where=final_of)

rated.table(
    ("narrow",),
    (
        "ratings.rated",
        "星级评定党组织数",
        "Organisations star-rated",
        "期间所在年度已定星（公示期满）的基层党组织个数，按党组织所在区划统计。",
        Q(),
    ),
    (
        "ratings.five_star",
        "五星级党组织数",
        "Five-star organisations",
        "期间所在年度定为五星的党组织个数（受全区比例上限约束）。",
        Q(star=5),
    ),
    (
        "ratings.four_star",
        "四星级党组织数",
        "Four-star organisations",
        "期间所在年度定为四星的党组织个数。",
        Q(star=4),
    ),
    (
        "ratings.starred",
        "星级党组织数",
        "Star-rated organisations (one star or more)",
        "期间所在年度定为一星及以上的党组织个数。",
        Q(star__gte=1),
    ),
    (
        "ratings.lagging",
        "未定星（相对后进）党组织数",
        "Organisations below one star",
        "期间所在年度评分低于一星分数线、未定星的党组织个数。",
        Q(star=0),
    ),
    (
        "ratings.raised",
        "升星党组织数",
        "Organisations raised a star",
        "期间所在年度定星高于上一年度的党组织个数。",
        Q(change=Rating.Change.RAISED),
    ),
    (
        "ratings.lowered",
        "降星党组织数",
        "Organisations lowered a star",
        "期间所在年度定星低于上一年度的党组织个数。",
        Q(change=Rating.Change.LOWERED),
    ),
)
indicator(
    "ratings.five_star_share",
    "五星级党组织占比",
    "Share of five-star organisations",
    "五星级党组织数占已定星党组织数的百分比。",
    **PERCENT,
    semantics=Semantics.WITHIN_YEAR,
    numerator="ratings.five_star",
    denominator="ratings.rated",
)


def family_scores_of(period: Period) -> Q:
    return Q(
        rating__year=period.end.year,
        rating__status=Rating.Status.FINAL,
        dimension__is_family=True,
        town_score__isnull=False,
    )


family_scores = indicator.sharing(
    semantics=Semantics.WITHIN_YEAR, model=DimensionScore, where=family_scores_of
)
family_scores(
    "ratings.family_score_total",
    "好家风维度得分合计",
    "Good-family-style dimension scores, total",
    "期间所在年度已定星党组织好家风维度的镇街评分之和，是平均分的分子。",
    kind=Kind.SUM,
    unit="分",
    value="town_score",
)
family_scores(
    "ratings.family_scored",
    "好家风维度参评党组织数",
    "Organisations scored on good family style",
    "期间所在年度已定星、好家风维度有镇街评分的党组织个数。",
    kind=Kind.COUNT,
    unit="个",
)
indicator(
    "ratings.family_score",
    "星级评定好家风维度平均分",
    "Average good-family-style score",
    "好家风维度镇街评分之和除以参评党组织数（百分制）。",
    **RATIO_IN_YEAR,
    unit="分",
    numerator="ratings.family_score_total",
    denominator="ratings.family_scored",
)

records.show(
    Rating,
    (gettext_noop("党组织"), lambda r: r.organisation.name),
    (gettext_noop("所在区划"), lambda r: r.area.display_name),
    (gettext_noop("年度"), lambda r: r.year),
    (gettext_noop("镇街评分"), lambda r: r.town_total),
    (gettext_noop("星级"), lambda r: r.star_label),
    (gettext_noop("升降"), lambda r: r.get_change_display()),
    select_related=("organisation", "area"),
    ordering=("area__code", "pk"),
    url_name="ratings:detail",
)
records.show(
    DimensionScore,
    (gettext_noop("党组织"), lambda s: s.rating.organisation.name),
    (gettext_noop("所在区划"), lambda s: s.area.display_name),
    (gettext_noop("维度"), lambda s: s.dimension.name),
    (gettext_noop("自评"), lambda s: s.self_score),
    (gettext_noop("镇街评分"), lambda s: s.town_score),
    select_related=("rating__organisation", "area", "dimension"),
    ordering=("area__code", "pk"),
)
