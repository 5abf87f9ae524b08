"""Reads for pairing: the district's configuration (deliberately read above the user's node), the
candidates of a recommendation, and the figures of the overview page."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Length

from xingcun.core.models import Area
from xingcun.organisations.models import Organisation
from xingcun.pairing.models import (
    Agreement,
    ChecklistItem,
    CooperationArea,
    OrganisationStanding,
    PairingRun,
    PairingTarget,
    PairingWeights,
    TownAdjacency,
)
from xingcun.pairing.solver import Side
from xingcun.villages import rules
from xingcun.villages.models import VillageProfile

STRONGEST_TITLE = "最强党支部"
VILLAGE_ORG_KINDS = (
    Organisation.Kind.COMMITTEE,
    Organisation.Kind.GENERAL_BRANCH,
    Organisation.Kind.BRANCH,
)
_TAG_SPLIT = re.compile(r"[、,，;；/\s]+")


def industry_tags(text: str) -> frozenset[str]:
    return frozenset(t for t in _TAG_SPLIT.split(text or "") if t)


# --- configuration (inherited: the district's rows apply to everyone under it) --------------------


def cooperation_areas_for(*, area: Area, year: int | None = None) -> QuerySet[CooperationArea]:
    qs = CooperationArea.objects.inherited().filter(area__path__in=area.lineage_paths())
    if year is not None:
        qs = qs.filter(valid_from__lte=year).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=year)
        )
    return qs.order_by("order", "name")


def weights_for(*, area: Area, year: int) -> PairingWeights | None:
    """The weights version governing `area` in `year` (the deepest node's wins)."""
    return PairingWeights.objects.effective(area=area, year=year)


def checklist_for(*, area: Area, year: int) -> QuerySet[ChecklistItem]:
    return (
        ChecklistItem.objects.inherited()
        .filter(area__path__in=area.lineage_paths(), valid_from__lte=year)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year))
        .order_by("order", "name")
    )


def neighbour_pairs(*, district: Area) -> set[tuple[str, str]]:
    """Town pairs (9-digit codes) that count as neighbours: the district's 相邻镇街 rows, or, when it
    has none, towns whose codes are next to each other."""
    rows = (
        TownAdjacency.objects.inherited().filter(area=district).select_related("town_a", "town_b")
    )
    pairs = {(r.town_a.code[:9], r.town_b.code[:9]) for r in rows}
    if pairs:
        return pairs
    towns = list(
        Area.tree.filter(parent=district, level=Area.Level.TOWN)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return {(a[:9], b[:9]) for a, b in itertools.pairwise(towns)}


def are_neighbours(a: Area, b: Area) -> bool:
    """Whether two areas lie in the same or neighbouring towns."""
    town_a, town_b = a.town_code(), b.town_code()
    if town_a == town_b:
        return True
    pairs = neighbour_pairs(district=a.district())
    return (town_a, town_b) in pairs or (town_b, town_a) in pairs


def target_for(*, area: Area, year: int) -> PairingTarget | None:
    """The target of `area` for `year`, else that of its nearest ancestor (widened on purpose)."""
    return (
        PairingTarget.objects.inherited()
        .select_related("area")
        .filter(area__path__in=area.lineage_paths(), year=year)
        .order_by(Length("area__path").desc())
        .first()
    )


# --- organisations --------------------------------------------------------------------------------


def village_organisations(*, on: dt.date) -> QuerySet[Organisation]:
    """Each village's own party organisation existing on `on` (scoped)."""
    return (
        Organisation.objects.filter(
            area__level=Area.Level.VILLAGE,
            category=Organisation.Category.REGULAR,
            kind__in=VILLAGE_ORG_KINDS,
        )
        .filter(Q(parent__isnull=True) | ~Q(parent__kind__in=VILLAGE_ORG_KINDS))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=on))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))
        .select_related("area")
    )


def standings(*, year: int) -> QuerySet[OrganisationStanding]:
    return OrganisationStanding.objects.filter(year=year).select_related("organisation__area")


def agreements_overlapping(*, start: dt.date, end: dt.date) -> QuerySet[Agreement]:
    """Agreements in force at some day of [start, end] (scoped, both sides)."""
    return (
        Agreement.objects.filter(start_on__lte=end)
        .filter(Q(ended_on__gte=start) | Q(ended_on__isnull=True, end_on__gte=start))
        .select_related("strong__area", "weak__area")
    )


def agreements_active(*, year: int) -> QuerySet[Agreement]:
    return agreements_overlapping(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def failed_pairs() -> set[tuple[int, int]]:
    """Pairs that were tried and failed: never proposed again (widened: any jurisdiction)."""
    rows = Agreement.objects.inherited().filter(outcome=Agreement.Outcome.FAILED)
    return set(rows.values_list("strong_id", "weak_id"))


# --- candidates of a recommendation ---------------------------------------------------------------


@dataclass
class Candidates:
    strong: list[Side] = field(default_factory=list)
    weak: list[Side] = field(default_factory=list)
    capacity: list[int] = field(default_factory=list)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)  # why a weak organisation is a candidate


def _industries_by_village(*, year: int) -> dict[int, frozenset[str]]:
    """Each village's industry tags from its latest profile up to `year`."""
    found: dict[int, frozenset[str]] = {}
    rows = (
        VillageProfile.objects.filter(year__lte=year)
        .order_by("area_id", "year")
        .values_list("area_id", "industries")
    )
    for area_id, text in rows:
        found[area_id] = industry_tags(text)
    return found


def candidates(*, run: PairingRun) -> Candidates:
    """Strong and weak organisations for `run` inside the current scope.

    Strong: a village organisation with at least `run.min_star` stars or the title 最强党支部 in the
    year, not 软弱后进 and not in a weak village. Weak: a village organisation of a 集体经济薄弱村
    (by the rule valid in the year) or designated 软弱后进 in the year. Weak organisations already
    paired during the run's period are left out; strong ones keep their remaining capacity."""
    year = run.year
    on = dt.date(year, 12, 31)
    orgs = {o.pk: o for o in village_organisations(on=on)}
    by_area = {o.area_id: o for o in orgs.values()}
    weak_villages = set(rules.weak_profiles(year=year).values_list("area_id", flat=True))
    year_standings = {s.organisation_id: s for s in standings(year=year)}
    tags = _industries_by_village(year=year)
    busy: dict[int, int] = defaultdict(int)
    paired_weak: set[int] = set()
    for agreement in agreements_overlapping(start=run.start_on, end=run.end_on):
        busy[agreement.strong_id] += 1
        paired_weak.add(agreement.weak_id)

    found = Candidates()
    for area_id, org in sorted(by_area.items(), key=lambda kv: kv[1].area.code):
        standing = year_standings.get(org.pk)
        star = standing.star_level if standing else 0
        lagging = bool(standing and standing.lagging)
        weak_village = area_id in weak_villages
        side = Side(org.pk, org.area.town_code(), tags.get(area_id, frozenset()), star)
        if weak_village or lagging:
            if org.pk in paired_weak or org.pk in busy:  # paired already, or helping another
                continue
            found.weak.append(side)
            found.reasons[org.pk] = "、".join(
                r for r, on_ in (("集体经济薄弱村", weak_village), ("软弱后进", lagging)) if on_
            )
            found.organisations[org.pk] = org
        elif standing is not None and (
            star >= run.min_star or STRONGEST_TITLE in standing.title_list
        ):
            free = run.capacity - busy.get(org.pk, 0)
            if free > 0:
                found.strong.append(side)
                found.capacity.append(free)
                found.organisations[org.pk] = org
    return found


# --- overview -------------------------------------------------------------------------------------


def unpaired_weak(*, year: int) -> list[tuple[Organisation, str]]:
    """Weak village organisations of `year` without an agreement in force during the year."""
    on = dt.date(year, 12, 31)
    weak_villages = set(rules.weak_profiles(year=year).values_list("area_id", flat=True))
    lagging = set(
        OrganisationStanding.objects.filter(year=year, lagging=True).values_list(
            "organisation_id", flat=True
        )
    )
    paired = set(agreements_active(year=year).values_list("weak_id", flat=True))
    out: list[tuple[Organisation, str]] = []
    for org in village_organisations(on=on).order_by("area__code"):
        why = [r for r, on_ in (("集体经济薄弱村", org.area_id in weak_villages),
                                ("软弱后进", org.pk in lagging)) if on_]  # fmt: skip
        if why and org.pk not in paired:
            out.append((org, "、".join(why)))
    return out


def run_list() -> QuerySet[PairingRun]:
    return PairingRun.objects.select_related("area", "created_by")


def organisations_by_pk(pks: Iterable[int]) -> dict[int, Organisation]:
    return {o.pk: o for o in Organisation.objects.filter(pk__in=list(pks)).select_related("area")}
