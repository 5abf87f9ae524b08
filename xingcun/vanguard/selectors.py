from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from xingcun.core.models import Area
from xingcun.core.scoping import correlated
from xingcun.organisations.models import Organisation
from xingcun.people.models import PartyMember
from xingcun.vanguard import scoring
from xingcun.vanguard.models import (
    EventDecision,
    Item,
    Objection,
    Result,
    Round,
    Scheme,
    ScoreEvent,
)


def schemes_valid_in(*, year: int) -> list[Scheme]:
    """Published versions valid in `year` that the scope uses, deepest node first: schemes live at
    the district (or a town), above the village users and members whose scores they define."""
    return list(Scheme.objects.valid_in(year=year).filter(status=Scheme.Status.PUBLISHED))


def scheme_for(*, area: Area, year: int) -> Scheme | None:
    """The published version that scores members of `area` in `year` (a town's own beats the
    district's)."""
    return Scheme.objects.effective(area=area, year=year, status=Scheme.Status.PUBLISHED)


def scheme_items(scheme: Scheme) -> list[Item]:
    """A scheme's items, inherited like the scheme itself."""
    return list(Item.objects.inherited().filter(scheme=scheme).order_by("kind", "group", "code"))


def item_in_scheme(*, scheme: Scheme, code: str) -> Item | None:
    return Item.objects.inherited().filter(scheme=scheme, code=code).first()


def town_of(area: Area) -> Area:
    """The town (镇街) an area belongs to; a town is its own town."""
    if area.level <= Area.Level.TOWN:
        return area
    if area.parent_id is None:
        return area
    return town_of(Area.tree.get(pk=area.parent_id))


def branch_of(member: PartyMember) -> Organisation:
    """The branch a member is ranked in: the home organisation, or its parent for a 党小组."""
    org = member.organisation
    if org.kind == Organisation.Kind.GROUP and org.parent is not None:
        return org.parent
    return org


def member_of_user(user: Any) -> PartyMember | None:
    """The party member record of a logged-in user (through the person it is linked to)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        PartyMember.objects.select_related("person", "organisation__parent", "area")
        .filter(person__user=user)
        .first()
    )


def effective_events(
    *, year: int, members: Iterable[int] | None = None, area: Area | None = None
) -> dict[int, list[scoring.EventLine]]:
    """Approved events of `year` by member id, without those replaced by an approved correction,
    for the given members or the members of `area`."""
    approved = correlated(EventDecision).filter(event=OuterRef("pk"), approved=True)
    replaced = correlated(EventDecision).filter(event__corrects=OuterRef("pk"), approved=True)
    rows = ScoreEvent.objects.filter(date__year=year)
    if members is not None:
        rows = rows.filter(member_id__in=list(members))
    if area is not None:
        rows = rows.filter(member__area__path__startswith=area.path)
    rows = rows.filter(Exists(approved)).exclude(Exists(replaced))
    values = rows.values_list(
        "id", "member_id", "item_code", "date", "points", "evidence", "source"
    )
    found: dict[int, list[scoring.EventLine]] = defaultdict(list)
    for pk, member_id, code, date, points, evidence, source in values:
        found[member_id].append(scoring.EventLine(pk, code, date, points, evidence, source))
    return found


def live_score(*, member: PartyMember, year: int) -> tuple[Scheme, scoring.Score] | None:
    """The provisional score from today's events (not a result: nothing is stored)."""
    scheme = scheme_for(area=member.area, year=year)
    if scheme is None or not scheme.rates(member.category):
        return None
    events = effective_events(members=[member.pk], year=year).get(member.pk, [])
    score = scoring.compute(
        scheme=scheme, items=scheme_items(scheme), category=member.category, events=events
    )
    return scheme, score


def round_for(*, town: Area, year: int) -> Round | None:
    return (
        Round.objects.inherited()
        .filter(area=town, year=year)
        .select_related("scheme", "area")
        .first()
    )


def result_of(*, member: PartyMember, year: int) -> Result | None:
    return (
        Result.objects.filter(member=member, round__year=year)
        .select_related("round__area", "organisation")
        .first()
    )


def branch_ranking(*, result: Result) -> QuerySet[Result]:
    """The public ranking of a result's branch in its round (shown to members during 公示).

    Read past the scope on purpose: a member's scope is their village, and a branch (a
    functional one) may gather members of several villages."""
    return (
        Result.objects.inherited()
        .filter(round=result.round, organisation=result.organisation)
        .select_related("member__person")
        .order_by("rank_branch", "member__person__name")
    )


def event_list(
    *,
    year: int | None = None,
    query: str = "",
    status: str = "",
    item_code: str = "",
    member: PartyMember | None = None,
) -> QuerySet[ScoreEvent]:
    qs = ScoreEvent.objects.select_related(
        "member__person", "item", "area", "approval", "correction__approval", "recorded_by"
    )
    if year:
        qs = qs.filter(date__year=year)
    if query:
        qs = qs.filter(Q(member__person__name__contains=query) | Q(evidence__contains=query))
    if item_code:
        qs = qs.filter(item_code=item_code)
    if member is not None:
        qs = qs.filter(member=member)
    if status == "pending":
        qs = qs.filter(approval__isnull=True)
    elif status == "rejected":
        qs = qs.filter(approval__approved=False)
    elif status == "approved":
        qs = qs.filter(approval__approved=True)
    return qs.order_by("-date", "-id")


def round_list(*, year: int | None = None) -> QuerySet[Round]:
    qs = Round.objects.select_related("area", "scheme")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "area__code")


def round_results(*, round: Round, query: str = "") -> QuerySet[Result]:
    qs = Result.objects.filter(round=round).select_related("member__person", "organisation", "area")
    if query:
        qs = qs.filter(member__person__name__contains=query)
    return qs.order_by("rank_town", "member__person__name")


def open_objections(*, round: Round) -> QuerySet[Objection]:
    return Objection.objects.filter(result__round=round).select_related(
        "result__member__person", "raised_by"
    )


def towns_in_scope() -> QuerySet[Area]:
    return Area.objects.filter(level=Area.Level.TOWN).order_by("code")


def _related(round_area: Area, area: Area | None) -> bool:
    return (
        area is None
        or round_area.path.startswith(area.path)
        or area.path.startswith(round_area.path)
    )


def round_visible(*, pk: int, area: Area | None) -> Round | None:
    """A round seen from `area`: rounds of towns under it, and the round of its own town.

    Widened on purpose: a village's cadres and members see their town's round (only their own
    village's results inside it, through the scoped results manager)."""
    rnd = Round.objects.inherited().select_related("area", "scheme").filter(pk=pk).first()
    return rnd if rnd is not None and _related(rnd.area, area) else None


def rounds_visible(*, area: Area | None, year: int | None = None) -> list[Round]:
    rows = (
        Round.objects.inherited().select_related("area", "scheme").order_by("-year", "area__code")
    )
    if year:
        rows = rows.filter(year=year)
    if area is not None:
        rows = rows.filter(area.above_or_below_q())
    return list(rows)


def pending_count() -> int:
    return ScoreEvent.objects.filter(approval__isnull=True).count()


def explanation_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A stored explanation with display labels: the group's name and the sign of each item."""
    groups = dict(Item.Group.choices)
    shown = []
    for row in rows:
        kind = row.get("kind", "")
        shown.append(
            {
                **row,
                "group_label": str(groups.get(row.get("group", ""), "")),
                "sign": "+" if kind == "bonus" else ("−" if kind == "deduction" else ""),
                "capped": row.get("raw") != row.get("counted") and kind != "none",
            }
        )
    return shown


def latest_year(*, area: Area | None, member: PartyMember | None = None) -> int | None:
    """The latest year with something to show: a result of the member, else a round seen from
    `area` or a score event in scope (pages open on it instead of an empty current year)."""
    from django.db.models import Max

    if member is not None:
        year: int | None = (
            Result.objects.inherited().filter(member=member).aggregate(y=Max("round__year"))["y"]
        )
        if year is not None:
            return year
        last = ScoreEvent.objects.inherited().filter(member=member).aggregate(d=Max("date"))["d"]
        return last.year if last else None
    rounds = [r.year for r in rounds_visible(area=area)]
    last = ScoreEvent.objects.aggregate(d=Max("date"))["d"]
    years = rounds + ([last.year] if last else [])
    return max(years) if years else None
