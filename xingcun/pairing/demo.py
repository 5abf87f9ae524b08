"""Demo data of 村社结对共建 for 临安区: yearly standing of every village organisation (stronger in the
east and centre), the report's two pairs (三联村–桃源村, 白牛村–玉屏村), a 2018 recommendation whose
pairs ended in 2019 (most succeeded, some failed), an accepted 2020 recommendation, activity logs,
and 双整/示范村 assessments against the yearly targets. Run by the demo generator under
scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.db.models import Q

from xingcun.core.models import Area
from xingcun.organisations.models import Organisation
from xingcun.pairing import selectors, services
from xingcun.pairing.models import (
    Activity,
    Agreement,
    ChecklistItem,
    CooperationArea,
    OrganisationStanding,
    Proposal,
    VillageAssessment,
)
from xingcun.villages.models import VillageProfile

# The report's pairs: (strong village, weak village).
SEED_PAIRS = (("330112111232", "330112115207"), ("330112108230", "330112112238"))
# Towns of the stronger east and centre of the district (streets, 高虹镇, 太湖源镇, 板桥镇).
EAST = ("330112002", "330112005", "330112006", "330112007", "330112008", "330112102", "330112103")
STARS = ((0, 3), (1, 8), (2, 20), (3, 34), (4, 24), (5, 11))
STARS_EAST = ((1, 3), (2, 12), (3, 30), (4, 33), (5, 22))
ACTIVITY_TEXT = {
    "visit": "两村书记互访，交流集体经济发展思路",
    "training": "组织电商带头人参加直播带货培训",
    "market": "帮扶村对接采购商，推介受援村农产品",
    "platform": "共建村级电商服务站，统一上架农产品",
    "joint": "两村党员开展主题党日联建活动",
}


def _weighted(rng: random.Random, options: Sequence[tuple[int, int]]) -> int:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _village_organisations(county: Area) -> list[Organisation]:
    return list(
        selectors.village_organisations(on=dt.date(2020, 12, 31))
        .filter(area__path__startswith=county.path)
        .order_by("area__code")
    )


def _standings(rng: random.Random, orgs: list[Organisation], years: range) -> int:
    """Titles and 软弱后进 for every village organisation and year; star levels where the star
    rating (which runs first when installed) has not set them."""
    seed_strong = {s for s, _ in SEED_PAIRS}
    seed_weak = {w for _, w in SEED_PAIRS}
    existing = {
        (s.organisation_id, s.year): s
        for s in OrganisationStanding.objects.filter(organisation__in=orgs, year__in=years)
    }
    new, changed = [], []
    for org in orgs:
        code = org.area.code
        star = _weighted(rng, STARS_EAST if code[:9] in EAST else STARS)
        if code in seed_strong:
            star = 5
        elif code in seed_weak:
            star = 1
        for year in years:
            if year != years[0] and rng.random() < 0.15:
                star = max(0, min(5, star + rng.choice((-1, 1))))
            if code in seed_strong:
                star = 5
            standing = existing.get((org.pk, year))
            if standing is None:
                standing = OrganisationStanding(
                    area=org.area,
                    organisation=org,
                    year=year,
                    star_level=star,
                    source=OrganisationStanding.Source.MANUAL,
                )
                new.append(standing)
            else:
                changed.append(standing)
            rated = standing.star_level
            strongest = rated == 5 and (code in seed_strong or rng.random() < 0.3)
            standing.titles = "最强党支部" if strongest else ""
            standing.lagging = rated <= 3 and (
                code in seed_weak or (rated <= 1 and rng.random() < 0.6)
            )
    OrganisationStanding.objects.bulk_create(new)
    OrganisationStanding.objects.bulk_update(changed, ["titles", "lagging"])
    return len(new) + len(changed)


def _agreement(
    strong: Organisation,
    weak: Organisation,
    start: dt.date,
    end: dt.date,
    areas: list[CooperationArea],
) -> Agreement:
    return services.agreement_create(
        strong=strong,
        weak=weak,
        start_on=start,
        end_on=end,
        cooperation_areas=areas,
        targets="共建电商服务站，带动受援村集体经济增收",
        actor=None,
    )


def _activities(rng: random.Random, agreements: list[Agreement], until: dt.date) -> int:
    rows = []
    kinds = list(ACTIVITY_TEXT)
    for agreement in agreements:
        last = min(agreement.effective_end, until)
        days = (last - agreement.start_on).days
        if days < 0:
            continue
        for _ in range(rng.randint(2, 5)):
            kind = rng.choice(kinds)
            rows.append(
                Activity(
                    area=agreement.area,
                    agreement=agreement,
                    held_on=agreement.start_on + dt.timedelta(days=rng.randint(0, days)),
                    kind=kind,
                    participants="两村党组织书记、党员代表",
                    participant_count=rng.randint(6, 30),
                    summary=ACTIVITY_TEXT[kind],
                )
            )
    Activity.objects.bulk_create(rows)
    return len(rows)


def _assessments(rng: random.Random, county: Area, years: range) -> int:
    villages = list(Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE))
    items = list(ChecklistItem.objects.filter(area=county).order_by("order"))
    count = 0
    for i, year in enumerate(years):
        compliant_share = 0.6 + 0.09 * i
        demonstration_share = 0.2 + 0.05 * i
        rows = []
        for village in villages:
            compliant = rng.random() < compliant_share
            demonstration = compliant and rng.random() < demonstration_share / compliant_share
            rows.append(
                VillageAssessment(
                    area=village,
                    year=year,
                    compliant=compliant,
                    demonstration=demonstration,
                    evidence_note=f"临组〔{year}〕{rng.randint(10, 60)}号" if compliant else "",
                )
            )
        VillageAssessment.objects.bulk_create(rows)
        through = VillageAssessment.items_met.through
        links = [
            through(villageassessment_id=row.pk, checklistitem_id=item.pk)
            for row in rows
            for item in (items if row.compliant else items[: rng.randint(1, len(items) - 1)])
        ]
        through.objects.bulk_create(links)
        count += len(rows)
    return count


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    found = sorted(
        set(
            VillageProfile.objects.filter(area__path__startswith=county.path).values_list(
                "year", flat=True
            )
        )
    )
    last = found[-1] if found else 2020
    years = range(max(last - 3, found[0] if found else last, services.DEFAULT_FROM), last + 1)
    defaults = services.ensure_defaults(district=county, years=years)
    orgs = _village_organisations(county)
    by_code = {o.area.code: o for o in orgs}
    standings = _standings(rng, orgs, years)
    areas = list(selectors.cooperation_areas_for(area=county))

    agreements = []
    for strong_code, weak_code in SEED_PAIRS:
        if strong_code in by_code and weak_code in by_code:
            agreements.append(
                _agreement(
                    by_code[strong_code],
                    by_code[weak_code],
                    dt.date(2019, 3, 1),
                    dt.date(2021, 12, 31),
                    areas,
                )
            )

    runs = 0
    first = years[0] + 1 if len(years) > 2 else None
    if first is not None:  # an earlier round, ended at its term
        run = services.run_create(
            area=county,
            year=first,
            actor=None,
            start_on=dt.date(first, 1, 1),
            end_on=dt.date(first + 1, 12, 31),
        )
        services.run_solve(run=run, actor=None)
        proposals = list(Proposal.objects.filter(run=run).select_related("strong", "weak"))
        if proposals:
            for made in services.run_accept(run=run, proposals=proposals, actor=None):
                services.agreement_end(
                    agreement=made,
                    ended_on=made.end_on,
                    reason="三年行动阶段结束" if rng.random() < 0.8 else "受援村班子调整",
                    outcome="succeeded" if rng.random() < 0.8 else "failed",
                    actor=None,
                )
                agreements.append(made)
        runs += 1
    run = services.run_create(area=county, year=last, actor=None)
    services.run_solve(run=run, actor=None)
    proposals = list(Proposal.objects.filter(run=run).select_related("strong", "weak"))
    if proposals:
        agreements += services.run_accept(run=run, proposals=proposals, actor=None)
    runs += 1

    for agreement in agreements[:1]:  # the report's first pair renews for another round
        services.agreement_renew(
            agreement=agreement,
            new_end_on=dt.date(2023, 12, 31),
            reason="结对成效明显，续签一轮",
            actor=None,
            renewed_on=dt.date(last, 12, 1),
        )
    activities = _activities(rng, agreements, dt.date(last, 12, 31))
    assessments = _assessments(rng, county, years)
    weak_orgs = Agreement.objects.filter(Q(status="active")).count()
    return {
        "standings": standings,
        "cooperation_areas": defaults["cooperation_areas"],
        "checklist_items": defaults["checklist"],
        "town_adjacency": defaults["adjacency"],
        "targets": defaults["targets"],
        "recommendation_runs": runs,
        "agreements": len(agreements),
        "agreements_active": weak_orgs,
        "activities": activities,
        "assessments": assessments,
    }
