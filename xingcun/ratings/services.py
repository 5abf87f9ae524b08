"""Every write of the star rating: the scheme, self-score, town score, district confirmation with
quotas, 公示 and the final star, which is handed to the pairing module when it is installed."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from xingcun.core import audit, registry
from xingcun.core.models import Area
from xingcun.core.permissions import require_at
from xingcun.core.scoping import lock
from xingcun.core.seeding import system_create
from xingcun.core.writes import publish_version, save_audited, save_fields
from xingcun.organisations.models import Organisation
from xingcun.ratings import selectors
from xingcun.ratings.models import Dimension, DimensionScore, Rating, StarScheme, star_label
from xingcun.ratings.permissions import RATING_CONFIG, RATING_CONFIRM, RATING_SELF, RATING_TOWN

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


# --- schemes --------------------------------------------------------------------------------------

DEFAULT_DIMENSIONS = (
    ("team", "班子建设坚强有力", "20", False),
    ("members", "党员队伍先锋模范", "15", False),
    ("life", "组织生活规范落实", "15", False),
    ("development", "发展成效群众认可", "20", False),
    ("service", "为民服务便捷高效", "15", False),
    ("family", "好家风建设与乡风文明", "15", True),
)


@transaction.atomic
def ensure_defaults(*, district: Area) -> StarScheme:
    """DOMAIN.md's defaults (cut-offs 95/85/75/65/60, 五星 ≤ 10%, 四星 ≤ 20%, 5-day 公示), with
    好家风 as one weighted dimension; published, created once per district."""
    existing = StarScheme.objects.inherited().filter(area=district).order_by("valid_from").first()
    if existing is not None:
        return existing
    scheme = StarScheme(
        area=district,
        code="XJ-2019",
        name="星级基层党组织评定办法",
        valid_from=2019,
        five_from=Decimal(95),
        four_from=Decimal(85),
        three_from=Decimal(75),
        two_from=Decimal(65),
        one_from=Decimal(60),
        five_quota_pct=Decimal(10),
        four_quota_pct=Decimal(20),
        publicity_days=5,
        status=StarScheme.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    system_create(
        scheme,
        action="star_scheme.created",
        changes={"code": [None, scheme.code], "dimensions": len(DEFAULT_DIMENSIONS)},
    )
    for code, name, weight, family in DEFAULT_DIMENSIONS:
        Dimension.objects.create(
            area=district,
            scheme=scheme,
            code=code,
            name=name,
            weight=Decimal(weight),
            is_family=family,
        )
    return scheme


@transaction.atomic
def scheme_publish(*, scheme: StarScheme, actor: Any) -> StarScheme:
    """Publish a draft whose weights add up to 100; an earlier open version is closed the year
    before. Ratings already final keep their stars."""
    require_at(actor, RATING_CONFIG, scheme.area, gettext("您无权发布星级评定方案"))
    scheme = lock(scheme)
    if scheme.is_published:
        raise ValidationError(gettext("方案“%(code)s”已经发布") % {"code": scheme.code})
    dims = selectors.dimensions(scheme)
    if not dims:
        raise ValidationError(gettext("方案至少需要一个评定维度才能发布"))
    total = sum((d.weight for d in dims), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            gettext("各维度权重之和应为100%%，现为%(normalize)s%%")
            % {"normalize": format(total.normalize(), "f")}
        )
    return publish_version(scheme, actor=actor, action="star_scheme.published")


# --- scoring --------------------------------------------------------------------------------------


def _clean_scores(dims: list[Dimension], scores: dict[str, Any]) -> dict[str, Decimal]:
    cleaned: dict[str, Decimal] = {}
    for dim in dims:
        raw = scores.get(dim.code)
        if raw is None or raw == "":
            raise ValidationError(gettext("请填写“%(name)s”的得分") % {"name": dim.name})
        try:
            value = Decimal(str(raw)).quantize(TWO_PLACES)
        except (InvalidOperation, ValueError) as e:
            raise ValidationError(gettext("“%(name)s”的得分应为数字") % {"name": dim.name}) from e
        if not Decimal(0) <= value <= HUNDRED:
            raise ValidationError(gettext("“%(name)s”的得分应在0到100之间") % {"name": dim.name})
        cleaned[dim.code] = value
    unknown = set(scores) - {d.code for d in dims}
    if unknown:
        raise ValidationError(
            gettext("“%(join)s”不是本方案的评定维度") % {"join": "、".join(sorted(unknown))}
        )
    return cleaned


def weighted_total(dims: list[Dimension], scores: dict[str, Decimal]) -> Decimal:
    total = sum((scores[d.code] * d.weight / HUNDRED for d in dims), Decimal(0))
    return total.quantize(TWO_PLACES)


@transaction.atomic
def rating_self_score(
    *, organisation: Organisation, year: int, scores: dict[str, Any], note: str, actor: Any
) -> Rating:
    """The organisation scores itself on every dimension (again, until the town has scored)."""
    require_at(actor, RATING_SELF, organisation.area, gettext("您无权为该党组织自评"))
    if organisation.kind not in selectors.RATED_KINDS:
        raise ValidationError(gettext("星级评定的对象是党委、党总支和党支部"))
    if year > timezone.localdate().year:
        raise ValidationError(gettext("不能评定未来年度"))
    scheme = selectors.scheme_for(area=organisation.area, year=year)
    if scheme is None:
        raise ValidationError(gettext("%(year)s年度没有已发布的星级评定方案") % {"year": year})
    dims = selectors.dimensions(scheme)
    cleaned = _clean_scores(dims, scores)
    rating = (
        Rating.objects.inherited()
        .select_for_update(of=("self",))
        .filter(organisation=organisation, year=year)
        .first()
    )
    if rating is not None and rating.status != Rating.Status.SELF_SCORED:
        raise ValidationError(
            gettext("该年度评定已进入“%(get_status_display)s”，不能再修改自评")
            % {"get_status_display": rating.get_status_display()}
        )
    if rating is None:
        rating = Rating(organisation=organisation, year=year, status=Rating.Status.SELF_SCORED)
    rating.area = organisation.area
    rating.scheme = scheme
    rating.self_total = weighted_total(dims, cleaned)
    rating.self_note = (note or "").strip()[:500]
    registry.check_writable(rating)  # accepted self-assessments are locked (reporting)
    rating.full_clean()
    rating.save()
    DimensionScore.objects.inherited().filter(rating=rating).delete()
    DimensionScore.objects.bulk_create(
        DimensionScore(area=rating.area, rating=rating, dimension=d, self_score=cleaned[d.code])
        for d in dims
    )
    audit.log(
        actor=actor,
        action="star_rating.self_scored",
        obj=rating,
        changes={
            "self_total": str(rating.self_total),
            "scores": {k: str(v) for k, v in cleaned.items()},
        },
    )
    return rating


def _locked(rating: Rating) -> Rating:
    """`rating` read again with its scheme, its row locked until the transaction ends."""
    return (
        Rating.objects.inherited()
        .select_for_update(of=("self",))
        .select_related("scheme")
        .get(pk=rating.pk)
    )


def _district_ratings(district: Area, year: int, status: str) -> QuerySet[Rating]:
    """The ratings of `year` in `district` that are in `status`, locked until the transaction
    ends."""
    return (
        Rating.objects.inherited()
        .select_for_update(of=("self",))
        .filter(area__path__startswith=district.path, year=year, status=status)
    )


@transaction.atomic
def rating_town_score(*, rating: Rating, scores: dict[str, Any], note: str, actor: Any) -> Rating:
    """The town scores every dimension; the weighted total gives the star the score deserves."""
    require_at(actor, RATING_TOWN, rating.area, gettext("您无权为该党组织评分"))
    rating = _locked(rating)
    if rating.status not in (Rating.Status.SELF_SCORED, Rating.Status.TOWN_SCORED):
        raise ValidationError(
            gettext("该评定已进入“%(get_status_display)s”，镇街不能再评分")
            % {"get_status_display": rating.get_status_display()}
        )
    dims = selectors.dimensions(rating.scheme)
    cleaned = _clean_scores(dims, scores)
    rows = {s.dimension_id: s for s in DimensionScore.objects.inherited().filter(rating=rating)}
    for dim in dims:
        row = rows.get(dim.pk)
        if row is None:
            raise ValidationError(gettext("自评不完整，请先由村党组织重新自评"))
        row.town_score = cleaned[dim.code]
    DimensionScore.objects.bulk_update(list(rows.values()), ["town_score", "updated_at"])
    rating.town_total = weighted_total(dims, cleaned)
    rating.proposed_star = rating.scheme.star_for(rating.town_total)
    rating.town_note = (note or "").strip()[:500]
    rating.status = Rating.Status.TOWN_SCORED
    return save_audited(
        rating,
        actor=actor,
        action="star_rating.town_scored",
        changes={
            "town_total": str(rating.town_total),
            "proposed_star": rating.proposed_star,
            "scores": {k: str(v) for k, v in cleaned.items()},
        },
    )


def _check_quota(*, rating: Rating, star: int) -> None:
    pct = rating.scheme.quota_pct(star)
    if pct is None:
        return
    total, quotas = selectors.quota_status(scheme=rating.scheme, year=rating.year)
    quota = next(q for q in quotas if q.star == star)
    if quota.used + 1 > quota.limit:
        raise ValidationError(
            gettext(
                "%(star_label)s名额已满：%(year)s年度全区参评%(total)s个党组织，%(star_label)s不超过%(normalize)s%%（%(limit)s个），已确认%(used)s个；请确认为较低星级"
            )
            % {
                "star_label": star_label(star),
                "year": rating.year,
                "total": total,
                "normalize": format(pct.normalize(), "f"),
                "limit": quota.limit,
                "used": quota.used,
            }
        )


@transaction.atomic
def rating_confirm(*, rating: Rating, star: int, note: str, actor: Any) -> Rating:
    """The district confirms a star not above the score's, within the year's quotas."""
    require_at(actor, RATING_CONFIRM, rating.area, gettext("您无权确认星级"))
    rating = _locked(rating)
    StarScheme.objects.inherited().select_for_update(of=("self",)).get(
        pk=rating.scheme_id
    )  # serialise the quota
    if rating.status == Rating.Status.CONFIRMED:  # a concurrent confirmation won
        raise ValidationError(
            gettext("该评定已被确认为%(star_label)s，无需再次确认")
            % {"star_label": star_label(rating.star or 0)}
        )
    if rating.status != Rating.Status.TOWN_SCORED:
        raise ValidationError(
            gettext("当前状态为“%(get_status_display)s”，镇街评分后才能确认")
            % {"get_status_display": rating.get_status_display()}
        )
    if not 0 <= star <= 5:
        raise ValidationError(gettext("星级应在0到5之间"))
    proposed = rating.proposed_star or 0
    if star > proposed:
        raise ValidationError(
            gettext("确认星级不能高于按得分评定的%(star_label)s（%(town_total)s分）")
            % {"star_label": star_label(proposed), "town_total": rating.town_total}
        )
    _check_quota(rating=rating, star=star)
    return save_fields(
        rating,
        actor=actor,
        action="star_rating.confirmed",
        changes={"star": [None, star], "proposed_star": proposed},
        star=star,
        confirm_note=(note or "").strip()[:500],
        status=Rating.Status.CONFIRMED,
    )


@transaction.atomic
def rating_confirm_all(*, district: Area, year: int, actor: Any) -> int:
    """Confirm every rating the towns have scored, best score first, each at the star its score
    deserves or, when that star's quota is full, the highest star still available. One pass over
    the year's ratings; one audit entry linked to every rating it confirmed."""
    require_at(actor, RATING_CONFIRM, district, gettext("您无权确认星级"))
    pending = list(
        _district_ratings(district, year, Rating.Status.TOWN_SCORED)
        .select_related("scheme")
        .order_by("-town_total", "pk")
    )
    left: dict[int, dict[int, int]] = {}
    for scheme in {r.scheme for r in pending}:
        lock(scheme)  # serialise the quota
        _total, quotas = selectors.quota_status(scheme=scheme, year=year)
        left[scheme.pk] = {q.star: q.left for q in quotas}
    stars: dict[str, int] = {}
    for rating in pending:
        places = left[rating.scheme_id]
        star = rating.proposed_star or 0
        while star in places and places[star] <= 0:
            star -= 1
        if star in places:
            places[star] -= 1
        rating.star = star
        rating.status = Rating.Status.CONFIRMED
        rating.confirm_note = "" if star == rating.proposed_star else gettext("受星级比例限制调整")
        stars[str(rating.pk)] = star
    Rating.objects.bulk_update(
        pending, ["star", "status", "confirm_note", "updated_at"], batch_size=200
    )
    if pending:
        entry = audit.log(
            actor=actor,
            action="star_rating.confirmed",
            area=district,
            changes={"year": year, "ratings": len(pending), "stars": stars},
        )
        audit.link(entry, list(pending))
    return len(pending)


@transaction.atomic
def rating_publicise(*, district: Area, year: int, actor: Any, start: dt.date | None = None) -> int:
    """Publicise every confirmed rating of the year for the scheme's number of days."""
    require_at(actor, RATING_CONFIRM, district, gettext("您无权公示星级评定结果"))
    ratings = list(
        _district_ratings(district, year, Rating.Status.CONFIRMED).select_related("scheme")
    )
    if not ratings:
        raise ValidationError(gettext("%(year)s年度没有已确认、待公示的星级评定") % {"year": year})
    start = start or timezone.localdate()
    for rating in ratings:
        rating.status = Rating.Status.PUBLICISED
        rating.publicised_on = start
        rating.publicity_days = rating.scheme.publicity_days
    Rating.objects.bulk_update(ratings, ["status", "publicised_on", "publicity_days", "updated_at"])
    entry = audit.log(
        actor=actor,
        action="star_rating.publicised",
        area=district,
        changes={"year": year, "ratings": len(ratings), "publicised_on": start.isoformat()},
    )
    audit.link(entry, list(ratings))
    return len(ratings)


def _change(previous: int | None, star: int) -> str:
    if previous is None:
        return Rating.Change.NEW
    if star > previous:
        return Rating.Change.RAISED
    if star < previous:
        return Rating.Change.LOWERED
    return Rating.Change.KEPT


def _feed_pairing(rating: Rating, actor: Any) -> None:
    """Final stars feed the pairing module's notion of a strong organisation."""
    if not apps.is_installed("xingcun.pairing"):
        return
    pairing = importlib.import_module("xingcun.pairing.services")
    pairing.standing_set_star(
        organisation=rating.organisation,
        year=rating.year,
        star=rating.star,
        source="rating",
        actor=actor,
    )


@transaction.atomic
def rating_finalise(*, district: Area, year: int, actor: Any, today: dt.date | None = None) -> int:
    """After 公示 the stars are set, each compared with the organisation's star of last year."""
    require_at(actor, RATING_CONFIRM, district, gettext("您无权确定星级"))
    today = today or timezone.localdate()
    ratings = list(
        _district_ratings(district, year, Rating.Status.PUBLICISED).select_related("organisation")
    )
    if not ratings:
        raise ValidationError(gettext("%(year)s年度没有公示中的星级评定") % {"year": year})
    unfinished = [r for r in ratings if r.publicity_ends is not None and today <= r.publicity_ends]
    if unfinished:
        ends = max(r.publicity_ends for r in unfinished if r.publicity_ends)
        raise ValidationError(
            gettext("公示期至%(ends)s，公示期满后才能定星")
            % {"ends": format(ends, gettext("%Y年%m月%d日"))}
        )
    now = timezone.now()
    previous = dict(
        Rating.objects.inherited()
        .filter(
            organisation__in=[r.organisation_id for r in ratings],
            year=year - 1,
            status=Rating.Status.FINAL,
        )
        .values_list("organisation_id", "star")
    )
    for rating in ratings:
        rating.previous_star = previous.get(rating.organisation_id)
        rating.change = _change(rating.previous_star, rating.star or 0)
        rating.status = Rating.Status.FINAL
        rating.finalised_at = now
    Rating.objects.bulk_update(
        ratings, ["previous_star", "change", "status", "finalised_at", "updated_at"]
    )
    entry = audit.log(
        actor=actor,
        action="star_rating.finalised",
        area=district,
        changes={"year": year, "ratings": len(ratings)},
    )
    audit.link(entry, list(ratings))
    for rating in ratings:
        _feed_pairing(rating, actor)
    return len(ratings)
