"""Honours, model cases, media reports and model villages' income, in the indicator engine.

The income of model villages comes from the village profiles: each model village's per-capita
income of the period's year is compared with that of its own base year."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_noop

from xingcun.core.scoping import correlated
from xingcun.honours.models import Honour, Level, MediaReport, ModelCase, ModelVillage
from xingcun.indicators import records
from xingcun.indicators.engine import (
    COUNT_TO_DATE,
    PERCENT,
    RATIO_IN_YEAR,
    SUM_IN_YEAR,
    Kind,
    Period,
    family,
)
from xingcun.villages.models import VillageProfile


def honours_by(period: Period) -> Q:
    return Q(year__lte=period.end.year)


indicator = family(section="members")
count_to_date = indicator.sharing(**COUNT_TO_DATE)
honour = count_to_date.sharing(unit="项", model=Honour, where=honours_by)

honour.table(
    ("narrow",),
    (
        "honours.total",
        "荣誉称号数",
        "Honours",
        "截至期末所在年度累计获得的各级荣誉称号项数（村、党组织和个人），按获奖对象所在区划统计。",
        Q(),
    ),
    (
        "honours.village",
        "村(社区)获得的荣誉称号数",
        "Honours won by villages",
        "截至期末所在年度累计授予村(社区)集体的各级荣誉称号项数（不含党组织和个人）。",
        Q(recipient=Honour.Recipient.VILLAGE),
    ),
    (
        "honours.national",
        "国家级荣誉称号数",
        "National honours",
        "截至期末所在年度累计获得的国家级荣誉称号项数。",
        Q(level=Level.NATIONAL),
    ),
    (
        "honours.provincial",
        "省级荣誉称号数",
        "Provincial honours",
        "截至期末所在年度累计获得的省级荣誉称号项数。",
        Q(level=Level.PROVINCIAL),
    ),
)
count_to_date.table(
    ("unit", "model", "where"),
    (
        "honours.cases",
        "典型案例数",
        "Model cases",
        "截至期末所在年度累计选树的典型案例个数（先进个人、先进村和先进党组织）。",
        "个",
        ModelCase,
        lambda p: Q(year__lte=p.end.year),
    ),
    (
        "honours.media",
        "媒体报道次数",
        "Media reports",
        "截至期末累计登记的媒体报道篇次，按报道对象所在区划统计。",
        "次",
        MediaReport,
        lambda p: Q(date__lte=p.end),
    ),
    (
        "honours.media_national",
        "中央媒体报道次数",
        "National media reports",
        "截至期末累计登记的国家级媒体（如《人民日报》《光明日报》）报道篇次。",
        "次",
        MediaReport,
        lambda p: Q(date__lte=p.end, level=Level.NATIONAL),
    ),
    (
        "honours.model_villages",
        "示范村数",
        "Model villages",
        "截至期末所在年度已命名的示范村个数。",
        "个",
        ModelVillage,
        lambda p: Q(since_year__lte=p.end.year),
    ),
)


def _model_village(period: Period, **match: object) -> Exists:
    return Exists(
        correlated(ModelVillage).filter(
            area=OuterRef("area"), since_year__lte=period.end.year, **match
        )
    )


def _profile_of_year(year: int) -> Exists:
    return Exists(correlated(VillageProfile).filter(area=OuterRef("area"), year=year))


def model_now(period: Period) -> Q:
    """Profiles of the period's year of model villages that also have a base-year profile."""
    base = Exists(
        correlated(VillageProfile).filter(
            area=OuterRef("area"),
            year=correlated(ModelVillage).filter(area=OuterRef("area")).values("base_year")[:1],
        )
    )
    return Q(year=period.end.year) & Q(_model_village(period)) & Q(base)


def model_base(period: Period) -> Q:
    """Base-year profiles of model villages that have a profile of the period's year."""
    return Q(_model_village(period, base_year=OuterRef("year"))) & Q(
        _profile_of_year(period.end.year)
    )


def model_profile_of(period: Period) -> Q:
    """Profiles of the period's year of model villages."""
    return Q(year=period.end.year) & Q(_model_village(period))


profile = indicator.sharing(**SUM_IN_YEAR, model=VillageProfile)
ratio = indicator.sharing(**RATIO_IN_YEAR)
profile.table(
    ("unit", "where", "value", "sum_places"),
    (
        "honours.model_income_now",
        "示范村人均可支配收入合计（本期）",
        "Model villages' per-capita income, this year (sum)",
        "期间所在年度各示范村村情档案中村民人均可支配收入之和，只计同时填报了基期档案的"
        "示范村；单个村即为该村的人均收入。",
        "元",
        model_now,
        "per_capita_income",
        2,
    ),
    (
        "honours.model_income_base",
        "示范村人均可支配收入合计（基期）",
        "Model villages' per-capita income, base year (sum)",
        "各示范村在其收入比较基期的村情档案中村民人均可支配收入之和，只计期间所在年度也"
        "填报了档案的示范村；单个村即为该村基期的人均收入。",
        "元",
        model_base,
        "per_capita_income",
        2,
    ),
    (
        "honours.model_disposable",
        "示范村村民可支配收入总额",
        "Model villages' disposable income",
        "期间所在年度各示范村“人均可支配收入 × 户籍人口”之和，是人均收入的分子。",
        "元",
        model_profile_of,
        F("per_capita_income") * F("population"),
        2,
    ),
    (
        "honours.model_population",
        "示范村户籍人口",
        "Model villages' population",
        "期间所在年度各示范村村情档案中的户籍人口之和。",
        "人",
        model_profile_of,
        "population",
        0,
    ),
)
ratio(
    "honours.model_income_index",
    "示范村人均收入为基期的百分比",
    "Model villages' per-capita income against the base year",
    "示范村本期人均可支配收入之和除以基期之和，以基期为100%；达到200%即比基期翻番。"
    "多个村合计时为各村人均收入的简单加总之比。",
    **PERCENT,
    numerator="honours.model_income_now",
    denominator="honours.model_income_base",
)
ratio(
    "honours.model_income",
    "示范村村民人均可支配收入",
    "Model villages' per-capita income",
    "示范村村民可支配收入总额除以户籍人口，按人口加权。",
    unit="元",
    numerator="honours.model_disposable",
    denominator="honours.model_population",
)
count_to_date(
    "honours.model_base_year",
    "示范村收入比较基期",
    "Model village's base year",
    "示范村登记的收入比较基期（年度）；用于单个示范村的报告，多个村时为其中最晚的基期。",
    unit="年",
    kind=Kind.MAX,
    model=ModelVillage,
    where=lambda p: Q(since_year__lte=p.end.year),
    value="base_year",
    sum_places=0,
)

records.show(
    Honour,
    (gettext_noop("荣誉称号"), lambda h: h.title),
    (gettext_noop("级别"), lambda h: h.get_level_display()),
    (gettext_noop("年度"), lambda h: h.year),
    (gettext_noop("获奖对象"), lambda h: h.recipient_name),
    (gettext_noop("所在区划"), lambda h: h.area.display_name),
    select_related=("area", "person", "organisation"),
    ordering=("-year", "pk"),
    url_name="core:honours-detail",
)
records.show(
    ModelCase,
    (gettext_noop("标题"), lambda c: c.title),
    (gettext_noop("类型"), lambda c: c.get_kind_display()),
    (gettext_noop("年度"), lambda c: c.year),
    (gettext_noop("所在区划"), lambda c: c.area.display_name),
    select_related=("area",),
    ordering=("-year", "pk"),
    url_name="core:model-cases-detail",
)
records.show(
    MediaReport,
    (gettext_noop("媒体"), lambda m: m.outlet),
    (gettext_noop("刊发日期"), lambda m: m.date),
    (gettext_noop("标题"), lambda m: m.title),
    (gettext_noop("报道对象"), lambda m: m.area.display_name),
    select_related=("area",),
    ordering=("-date", "pk"),
    url_name="core:media-reports-detail",
)
records.show(
    ModelVillage,
    (gettext_noop("村社"), lambda m: m.area.display_name),
    (gettext_noop("命名年度"), lambda m: m.since_year),
    (gettext_noop("收入比较基期"), lambda m: m.base_year),
    select_related=("area",),
    ordering=("area__code",),
    url_name="core:model-villages-detail",
)
