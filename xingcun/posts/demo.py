"""Demo data of 设岗定责 from 2018 to 2020: the district's catalogue of ten post types and its
publicity rule; posts opened by every village organisation; members without office applying,
assigned after publicity, on duty (a few declined, left or still in publicity at the year's end);
yearly reviews; and members paired with the village's demonstration and low-income households,
with visits and help logged.

Rows are written in bulk but follow the services' rules: only members without office take posts,
no post has more members than seats, duty starts after the publicity days, one review a year."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Q

from xingcun.core.models import Area
from xingcun.demo import bulk
from xingcun.organisations.models import Organisation
from xingcun.people.models import Household, PartyMember
from xingcun.posts import selectors, services
from xingcun.posts.models import (
    HelpLog,
    HouseholdPairing,
    Post,
    PostAssignment,
    PostReview,
)

AS_OF = dt.date(2020, 12, 31)
BATCH = 2000
S = PostAssignment.Status
G = PostReview.Grade

TITLES: dict[str, tuple[str, ...]] = {
    "tech_demo": ("竹笋种植示范岗", "山核桃科学管理示范岗", "茶叶提质示范岗"),
    "circulation": ("农产品销售服务岗", "电商代购代销岗"),
    "information": ("政策信息咨询岗", "就业信息服务岗"),
    "finance_watch": ("村务财务监督岗",),
    "major_matters": ("重大事项监督岗",),
    "public_order": ("平安巡防岗", "矛盾纠纷调解岗"),
    "facilities": ("道路路灯维护岗", "水利设施看护岗"),
    "sanitation": ("垃圾分类督导岗", "庭院整治示范岗", "河道保洁监督岗"),
    "policy": ("政策宣讲岗",),
    "civility": ("移风易俗倡导岗", "好家风宣传岗"),
}
HELP = {
    HelpLog.Kind.VISIT: ("上门走访，了解家庭生产生活情况", "节日走访慰问"),
    HelpLog.Kind.HELP: ("帮助申请临时救助", "帮助联系就业岗位", "帮忙采收农产品"),
    HelpLog.Kind.TECH: ("指导竹林施肥和病虫害防治", "指导山核桃林下管理"),
    HelpLog.Kind.ERRAND: ("代办医保缴费", "代办证件"),
}


def _day(rng: random.Random, start: dt.date, last: dt.date) -> dt.date:
    if last <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((last - start).days + 1))


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    types = {t.code: t for t in services.defaults_ensure(district=county)}
    publicity = selectors.publicity_days_for(area=county, year=AS_OF.year)
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    organisations = {
        o.area_id: o
        for o in Organisation.objects.filter(
            area__path__startswith=county.path,
            area__level=Area.Level.VILLAGE,
            category=Organisation.Category.REGULAR,
        )
        .exclude(kind=Organisation.Kind.GROUP)
        .order_by("-code")
    }
    members: defaultdict[int, list[PartyMember]] = defaultdict(list)
    for member in PartyMember.objects.filter(
        area__path__startswith=county.path, left_on__isnull=True
    ).order_by("pk"):
        members[member.area_id].append(member)
    flagged: defaultdict[int, list[Household]] = defaultdict(list)
    for household in (
        Household.objects.filter(area__path__startswith=county.path)
        .filter(Q(is_demonstration=True) | Q(is_low_income=True))
        .order_by("pk")
    ):
        flagged[household.area_id].append(household)

    posts: list[Post] = []
    plans: list[tuple[Post, list[PartyMember]]] = []
    for village in villages:
        organisation = organisations.get(village.pk)
        if organisation is None:
            continue
        free = [m for m in members[village.pk] if not m.holds_office]
        rng.shuffle(free)
        for code in rng.sample(sorted(types), rng.randint(3, 6)):
            seats = max(1, min(8, round(len(free) / 4) or 1, rng.randint(2, 8)))
            post = Post(
                area=village,
                organisation=organisation,
                post_type=types[code],
                title=rng.choice(TITLES[code]),
                duties=types[code].duties,
                seats=seats,
                opened_on=_day(rng, dt.date(2018, 3, 1), dt.date(2020, 9, 30)),
            )
            taking, free = free[:seats], free[seats:]
            posts.append(post)
            plans.append((post, taking))
    bulk.insert(posts)

    assignments = [
        _assignment(rng, post, member, publicity) for post, taking in plans for member in taking
    ]
    bulk.insert(assignments)
    reviews = _reviews(rng, assignments)
    bulk.insert(reviews)

    pairings, logs = _pairings(rng, villages, members, flagged, scale)
    bulk.insert(pairings)
    bulk.insert(logs)
    return {
        "post_types": len(types),
        "posts": len(posts),
        "post_assignments": len(assignments),
        "post_reviews": len(reviews),
        "household_pairings": len(pairings),
        "help_logs": len(logs),
    }


def _assignment(
    rng: random.Random, post: Post, member: PartyMember, publicity: int
) -> PostAssignment:
    applied = min(post.opened_on + dt.timedelta(days=rng.randint(3, 20)), AS_OF)
    status = rng.choices(
        [S.ON_DUTY, S.ENDED, S.DECLINED, S.PUBLICISED, S.APPLIED], [80, 5, 3, 6, 6]
    )[0]
    assignment = PostAssignment(
        area=post.area, post=post, member=member, status=status, applied_on=applied
    )
    if status == S.APPLIED:
        return assignment
    assigned = min(applied + dt.timedelta(days=rng.randint(2, 10)), AS_OF)
    if status == S.PUBLICISED:
        assigned = max(assigned, AS_OF - dt.timedelta(days=publicity - 1))
        assigned = max(assigned, applied)
    assignment.assigned_on = assigned
    assignment.publicity_ends_on = assigned + dt.timedelta(days=publicity)
    if status == S.DECLINED:
        assignment.note = "公示期间群众反映长期在外，不便履职"
        return assignment
    if status == S.PUBLICISED:
        return assignment
    starts = assignment.publicity_ends_on + dt.timedelta(days=1)
    if starts > AS_OF:  # publicity not over by the demo's day
        assignment.status = S.PUBLICISED
        return assignment
    assignment.starts_on = starts
    if status == S.ENDED:
        assignment.ended_on = _day(rng, starts, AS_OF)
        assignment.note = "外出务工，申请离岗"
    return assignment


def _reviews(rng: random.Random, assignments: list[PostAssignment]) -> list[PostReview]:
    found = []
    for assignment in assignments:
        if assignment.starts_on is None:
            continue
        for year in (2018, 2019, 2020):
            if assignment.starts_on > dt.date(year, 9, 30):
                continue
            if assignment.ended_on is not None and assignment.ended_on.year < year:
                continue
            if year == AS_OF.year and assignment.ended_on is not None:
                continue
            found.append(
                PostReview(
                    area=assignment.area,
                    assignment=assignment,
                    year=year,
                    grade=rng.choices(list(G.values), weights=[30, 60, 8, 2])[0],
                    summary="履职情况良好，按要求完成岗位任务",
                    reviewed_on=dt.date(year, 12, rng.randint(15, 28)),
                )
            )
    return found


def _pairings(
    rng: random.Random,
    villages: list[Area],
    members: defaultdict[int, list[PartyMember]],
    flagged: defaultdict[int, list[Household]],
    scale: float,
) -> tuple[list[HouseholdPairing], list[HelpLog]]:
    pairings: list[HouseholdPairing] = []
    logs: list[HelpLog] = []
    for village in villages:
        helpers = members[village.pk]
        if not helpers:
            continue
        for household in flagged[village.pk]:
            if rng.random() > 0.75:
                continue
            kind = (
                HouseholdPairing.Kind.LOW_INCOME
                if household.is_low_income
                else HouseholdPairing.Kind.DEMONSTRATION
            )
            started = _day(rng, dt.date(2018, 3, 1), dt.date(2020, 10, 31))
            pairing = HouseholdPairing(
                area=village,
                member=rng.choice(helpers),
                household=household,
                kind=kind,
                started_on=started,
                goal="稳定增收、生活改善"
                if kind == HouseholdPairing.Kind.LOW_INCOME
                else "带头示范、带动周边",
            )
            pairings.append(pairing)
            for _ in range(rng.randint(1, 4)):
                help_kind = rng.choice(list(HELP))
                logs.append(
                    HelpLog(
                        area=village,
                        pairing=pairing,
                        helped_on=_day(rng, started, AS_OF),
                        kind=help_kind,
                        content=rng.choice(HELP[help_kind]),
                    )
                )
    return pairings, logs
