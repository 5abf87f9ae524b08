from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from xingcun.core.models import Area
from xingcun.core.scoping import scopes_disabled
from xingcun.organisations.models import Organisation
from xingcun.ratings.models import Dimension, Rating, StarScheme

RATED_KINDS = (
    Organisation.Kind.COMMITTEE,
    Organisation.Kind.GENERAL_BRANCH,
    Organisation.Kind.BRANCH,
)
COUNTED = ("confirmed", "publicised", "final")  # statuses that hold a confirmed star


def schemes_valid_in(*, year: int) -> list[StarScheme]:
    """Published versions valid in `year` that the scope uses (its own and inherited ones: the
    district's scheme rates the villages below it), deepest node first."""
    return list(StarScheme.objects.valid_in(year=year).filter(status=StarScheme.Status.PUBLISHED))


def scheme_for(*, area: Area, year: int) -> StarScheme | None:
    return StarScheme.objects.effective(area=area, year=year, status=StarScheme.Status.PUBLISHED)


def dimensions(scheme: StarScheme) -> list[Dimension]:
    return list(Dimension.objects.inherited().filter(scheme=scheme).order_by("code"))


def rateable_organisations(*, year: int) -> QuerySet[Organisation]:
    """Party organisations (党委, 党总支, 党支部; not 党小组) existing at the end of `year`."""
    import datetime as dt

    end = dt.date(year, 12, 31)
    return (
        Organisation.objects.filter(kind__in=RATED_KINDS)
        .exclude(category=Organisation.Category.ORGAN)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=end))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))
        .select_related("area")
        .order_by("area__code", "code")
    )


def rating_list(*, year: int, status: str = "", query: str = "") -> QuerySet[Rating]:
    qs = Rating.objects.filter(year=year).select_related("organisation", "area", "scheme")
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(organisation__name__contains=query)
    return qs.order_by("-town_total", "area__code")


@dataclass(frozen=True)
class Quota:
    star: int
    pct: Decimal
    limit: int
    used: int

    @property
    def left(self) -> int:
        return max(self.limit - self.used, 0)


def quota_status(*, scheme: StarScheme, year: int) -> tuple[int, list[Quota]]:
    """How many organisations of the scheme's jurisdiction are rated in `year`, and for each
    limited star its limit and how many confirmed stars use it. Counted past the scope on
    purpose: the quota is the district's, whoever asks (only counts leave this function)."""
    # Bypass: district-wide counts for the quota; no row of another town is returned.
    with scopes_disabled():
        rated = Rating.objects.filter(area__path__startswith=scheme.area.path, year=year)
        total = rated.count()
        stars = list(rated.filter(status__in=COUNTED).values_list("star", flat=True))
    used = Counter(star for star in stars if star)
    quotas = []
    for star in (5, 4):
        pct = scheme.quota_pct(star)
        if pct is None:
            continue
        quotas.append(Quota(star, pct, int(total * pct / 100), used.get(star, 0)))
    return total, quotas


def star_counts(*, year: int) -> dict[int, int]:
    rows = Rating.objects.filter(year=year, status="final").values_list("star", flat=True)
    return dict(sorted(Counter(s for s in rows if s is not None).items(), reverse=True))


def previous_final(*, organisation: Organisation, year: int) -> Rating | None:
    return (
        Rating.objects.inherited()
        .filter(organisation=organisation, year=year - 1, status="final")
        .first()
    )
