"""Demo data of the star rating: the default scheme, and for 2019 and 2020 every village party
organisation and functional branch self-scored and scored by its town (each organisation keeps a
level of its own from year to year; 上田村 excels at 好家风), then confirmed by the district within
the quotas, publicised for five days and given its star, which also goes to the pairing module."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.accounts.models import User
from xingcun.core.models import Area
from xingcun.ratings import selectors, services
from xingcun.ratings.models import DimensionScore, Rating

YEARS = (2019, 2020)
STRONG = {"330112115204": 96.0, "330112108230": 95.0, "330112111201": 94.0}  # 上田, 白牛, 迎丰
SHANGTIAN = "330112115204"


def _clip(value: float, low: float = 40, high: float = 100) -> Decimal:
    return Decimal(str(round(min(max(value, low), high), 1)))


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    scheme = services.ensure_defaults(district=county)
    dims = selectors.dimensions(scheme)
    district = User.objects.filter(username="district").first()
    organisations = [
        o
        for o in selectors.rateable_organisations(year=YEARS[-1])
        if o.area.path.startswith(county.path)
    ]
    level = {o.pk: STRONG.get(o.area.code, rng.gauss(79, 8)) for o in organisations}
    counts = {"ratings": 0, "final": 0, "raised": 0, "lowered": 0}
    for year in YEARS:
        ratings, scores = [], []
        for org in organisations:
            if org.founded_on and org.founded_on.year > year:
                continue
            base = level[org.pk] + (year - YEARS[0]) * 1.5 + rng.gauss(0, 3)
            town = {d.code: _clip(base + rng.gauss(0, 4)) for d in dims}
            if org.area.code == SHANGTIAN:
                town["family"] = Decimal(99)
            own = {
                code: min(Decimal(100), v + Decimal(rng.choice((0, 1, 2, 3))))
                for code, v in town.items()
            }
            town_total = services.weighted_total(dims, town)
            rating = Rating(
                area=org.area,
                organisation=org,
                year=year,
                scheme=scheme,
                status=Rating.Status.TOWN_SCORED,
                self_total=services.weighted_total(dims, own),
                town_total=town_total,
                proposed_star=scheme.star_for(town_total),
                self_note="对照六个维度逐项自评",
                town_note="经实地查看、群众测评后评分",
            )
            ratings.append(rating)
            scores += [
                DimensionScore(
                    area=org.area,
                    rating=rating,
                    dimension=d,
                    self_score=own[d.code],
                    town_score=town[d.code],
                )
                for d in dims
            ]
        Rating.objects.bulk_create(ratings, batch_size=1000)
        DimensionScore.objects.bulk_create(scores, batch_size=2000)
        services.rating_confirm_all(district=county, year=year, actor=district)
        services.rating_publicise(
            district=county, year=year, actor=district, start=dt.date(year + 1, 1, 10)
        )
        counts["final"] += services.rating_finalise(
            district=county, year=year, actor=district, today=dt.date(year + 1, 1, 20)
        )
        counts["ratings"] += len(ratings)
    final = Rating.objects.filter(year=YEARS[-1], area__path__startswith=county.path)
    counts["raised"] = final.filter(change=Rating.Change.RAISED).count()
    counts["lowered"] = final.filter(change=Rating.Change.LOWERED).count()
    counts["five_star"] = final.filter(star=5).count()
    return counts
