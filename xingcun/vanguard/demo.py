"""Demo data of the vanguard index: the default scheme, two years (2019, 2020) of score events of
every member (more 好家风 events in 板桥镇上田村), a few pending, rejected and corrected events, and
each town's rounds computed, publicised and made final; in 昌化镇 the demo member objects to the 2020
result, the branch answers and the town decides before the result is final.

Events are written in bulk (tens of thousands at scale 1) but follow the services' rules: items of
the scheme, dates within each member's membership, and no item above its yearly cap. Rounds go
through the services, with the demo's district login as the actor."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone

from xingcun.accounts.models import User
from xingcun.core.models import Area
from xingcun.demo import bulk
from xingcun.people.models import PartyMember
from xingcun.vanguard import selectors, services
from xingcun.vanguard.models import EventDecision, Item, Objection, Round, ScoreEvent

YEARS = (2019, 2020)
SHANGTIAN = "330112115204"  # 板桥镇上田村: 好家风
CHANGHUA = "330112108000"  # 昌化镇: the demo member's town
BATCH = 2000

DETAILS: dict[str, tuple[str, ...]] = {
    "study": ("参加支部主题党日", "参加党员冬训", "参加“三会一课”", "参加学习强国知识竞赛"),
    "vanguard": ("参加防汛防台值守", "参加疫情防控卡口值守", "参加垃圾分类督导", "带头参与村庄环境整治"),
    "service": ("走访结对低收入户", "帮助结对示范户销售农产品", "为独居老人代办事务", "帮助群众实现微心愿"),
    "family": ("家庭获评村级好家风家庭", "在好家风家庭褒奖礼上分享家训", "立家训、写家规并上墙", "参加好家风宣讲"),
    "discipline": ("无故缺席组织生活", "未按时交纳党费", "违反村规民约被劝导"),
}  # fmt: skip


def _actor(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    scheme = services.ensure_defaults(district=county)
    district = _actor("district")
    items = selectors.scheme_items(scheme)
    bonus = [i for i in items if i.kind == Item.Kind.BONUS and not i.categories]
    deductions = [i for i in items if i.kind == Item.Kind.DEDUCTION]
    floating_report = next((i for i in items if i.categories == "D"), None)
    members = list(
        PartyMember.objects.filter(area__path__startswith=county.path)
        .select_related("area")
        .order_by("pk")
    )
    events: list[dict[str, Any]] = []  # rows rather than instances: 150,000 of them
    for year in YEARS:
        end = dt.date(year, 12, 31)
        for member in members:
            if member.joined_on > end or (member.left_on and member.left_on < dt.date(year, 1, 1)):
                continue
            if not scheme.rates(member.category):
                continue
            events += _member_year(rng, member, year, bonus, deductions, floating_report)
    for event in events:
        event["recorded_by_id"] = district.pk if district else None
    keys = bulk.insert_values(ScoreEvent, events)
    decisions, pending, rejected = _decisions(rng, events, keys, district)
    bulk.insert_values(EventDecision, decisions)
    kinds = {item.pk: item.kind for item in items}
    corrections = _corrections(rng, events, keys, decisions, kinds, district, scale)

    rounds = results = objections = 0
    towns = Area.tree.filter(parent=county, level=Area.Level.TOWN).order_by("code")
    for year in YEARS:
        for town in towns:
            rnd = _computed_round(town, year)
            rnd = services.round_publicise(round=rnd, actor=district, start=dt.date(year + 1, 1, 8))
            if year == YEARS[-1] and town.code == CHANGHUA:
                objections += _objection(rnd)
            services.round_finalise(round=rnd, actor=district, today=dt.date(year + 1, 2, 1))
            rounds += 1
            results += rnd.results.count()
    return {
        "events": len(events) + corrections,
        "pending": pending,
        "rejected": rejected,
        "corrections": corrections,
        "rounds": rounds,
        "results": results,
        "objections": objections,
    }


def _computed_round(town: Area, year: int) -> Round:
    """A round ready for 公示. `round_publicise` computes every result from the events itself, so
    the demo does not compute them a first time through `round_compute` (which would double the
    longest step of the demo)."""
    scheme = selectors.scheme_for(area=town, year=year)
    if scheme is None:
        raise ValueError(f"{year}年度没有已发布的先锋指数方案")
    return Round.objects.create(
        area=town,
        year=year,
        scheme=scheme,
        status=Round.Status.COMPUTED,
        computed_at=timezone.now(),
    )


def _member_year(
    rng: random.Random,
    member: PartyMember,
    year: int,
    bonus: list[Item],
    deductions: list[Item],
    floating_report: Item | None,
) -> list[dict[str, Any]]:
    start = max(member.joined_on, dt.date(year, 1, 1))
    days = (dt.date(year, 12, 31) - start).days
    family_village = member.area.code == SHANGTIAN
    weights = [(5 if family_village else 0.35) if i.group == "family" else 1 for i in bonus]
    count = rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 8))
    chosen = rng.choices(bonus, weights=weights, k=count)
    if member.category == "D" and floating_report is not None:
        chosen += [floating_report] * rng.randint(1, 4)
    if rng.random() < 0.08:
        chosen += rng.choices(deductions, k=rng.choice((1, 1, 2, 3)))
    if family_village and rng.random() < 0.6:
        chosen.append(next(i for i in bonus if i.code == "family_tradition"))
    used: defaultdict[str, Decimal] = defaultdict(Decimal)
    rows = []
    for item in chosen:
        if item.cap is not None and used[item.code] + item.points > item.cap:
            continue
        used[item.code] += item.points
        day = start + dt.timedelta(days=rng.randint(0, max(days, 0)))
        detail = rng.choice(DETAILS[item.group])
        rows.append(
            {
                "area_id": member.area_id,
                "member_id": member.pk,
                "item_id": item.pk,
                "item_code": item.code,
                "date": day,
                "points": item.points,
                "evidence": f"{day.month}月{day.day}日{detail}",
                "source": "manual",
            }
        )
    return rows


def _decisions(
    rng: random.Random, events: list[dict[str, Any]], keys: list[int], actor: User | None
) -> tuple[list[dict[str, Any]], int, int]:
    """Almost all approved; some late 2020 events still pending, a few rejected."""
    decisions, pending, rejected = [], 0, 0
    for event, key in zip(events, keys, strict=True):
        if event["date"] >= dt.date(2020, 12, 1) and rng.random() < 0.3:
            pending += 1
            continue
        approved = rng.random() > 0.01
        rejected += not approved
        decisions.append(
            {
                "area_id": event["area_id"],
                "event_id": key,
                "approved": approved,
                "decided_by_id": actor.pk if actor else None,
                "note": "" if approved else "佐证材料不足",
            }
        )
    return decisions, pending, rejected


def _corrections(
    rng: random.Random,
    events: list[dict[str, Any]],
    keys: list[int],
    decisions: list[dict[str, Any]],
    kinds: dict[int, str],
    actor: User | None,
    scale: float,
) -> int:
    """Corrections of some approved events: a duplicate cancelled, or the points lowered."""
    by_key = dict(zip(keys, events, strict=True))
    approved = [
        (d["event_id"], by_key[d["event_id"]])
        for d in decisions
        if d["approved"] and kinds[by_key[d["event_id"]]["item_id"]] == "bonus"
    ]
    picked = rng.sample(approved, min(len(approved), max(2, round(40 * scale))))
    fixes = []
    for key, event in picked:
        cancel = rng.random() < 0.5
        fixes.append(
            ScoreEvent(
                area_id=event["area_id"],
                member_id=event["member_id"],
                item_id=event["item_id"],
                item_code=event["item_code"],
                date=event["date"],
                points=Decimal(0) if cancel else event["points"] / 2,
                evidence=event["evidence"],
                source="manual",
                recorded_by=actor,
                corrects_id=key,
                reason="重复登记" if cancel else "分值登记有误",
            )
        )
    bulk.insert(fixes)
    EventDecision.objects.bulk_create(
        EventDecision(
            area_id=f.area_id, event=f, approved=True, decided_by=actor, note="登记时通过"
        )
        for f in fixes
    )
    return len(fixes)


def _objection(rnd: Round) -> int:
    """The demo member objects during 公示, the branch answers, the town rejects."""
    member_user, village, district = _actor("member"), _actor("village"), _actor("district")
    if member_user is None or village is None:
        return 0
    result = rnd.results.filter(member__person__user=member_user).first()
    if result is None:
        return 0
    objection = services.objection_raise(
        result=result,
        by=member_user,
        reason="6月参加防汛值守两次，只登记了一次，请核实",
        today=rnd.publicised_on or timezone.localdate(),
    )
    services.objection_answer(
        objection=objection, by=village, answer="经核对值班表，第二次值守已按规定计入志愿服务"
    )
    services.objection_decide(
        objection=objection, by=district, upheld=False, note="支部答复属实，维持原结果"
    )
    return Objection.objects.filter(pk=objection.pk).count()
