"""Demo data of 微心愿 and 走亲连心 visits for 2019–2020: the district's rule, wishes in every
state (most fulfilled by members of the wish's village, some by the village's organisation, a few
collected on the public page), their claims (with an expired one now and then), and cadres' visits
to villages, households and enterprises.

Rows are written in bulk but follow the services' rules: numbers per village and year, one live
claim per wish, dates in workflow order and not after the demo's day. The points of fulfilled
wishes stay on the wishes: the vanguard demo has already recorded its members' service events for
these years and made the results final."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from xingcun.accounts.models import User
from xingcun.core.models import Area
from xingcun.demo import bulk
from xingcun.organisations.models import Organisation
from xingcun.people.models import Household, PartyMember
from xingcun.wishes import selectors, services
from xingcun.wishes.models import Visit, Wish, WishClaim

YEARS = (2019, 2020)
AS_OF = dt.date(2020, 12, 31)
BATCH = 2000
BAINIU = "330112108230"
S, C = Wish.Status, WishClaim.Status

WISHES: tuple[tuple[str, str, str], ...] = (
    ("living", "想换一台冬天取暖的电暖器", "独居老人，家里取暖器坏了，冬天屋里很冷"),
    ("living", "希望有人帮忙修补漏雨的屋顶", "老房子一到下雨就漏，自己年纪大爬不上去"),
    ("study", "希望孩子暑假有人辅导功课", "父母在外务工，孩子读小学，暑假没人辅导"),
    ("study", "想要一张写字台", "孩子上初中了，家里没有像样的书桌"),
    ("care", "想学会用智能手机视频通话", "子女在外地，想学会视频聊天"),
    ("care", "希望有人陪同去区医院复查", "腿脚不便，每月要去医院复查一次"),
    ("production", "希望帮忙联系山核桃的销路", "今年山核桃丰收，担心卖不出去"),
    ("production", "想学竹笋保鲜加工技术", "想把春笋加工成笋干增加收入"),
    ("facility", "希望村口路段装一盏路灯", "晚上回家路黑，老人孩子容易摔倒"),
    ("facility", "希望文化礼堂添几把椅子", "看戏的人多，椅子不够坐"),
    ("other", "想要一套老年人用的大字版书", "喜欢读书，但眼睛不好看不清小字"),
    ("other", "希望有人帮忙写春联", "过年想贴上好看的手写春联"),
)
NOTES = (
    "已送货上门并帮助安装调试",
    "组织党员志愿者上门完成",
    "已联系相关单位解决，心愿人表示满意",
    "利用周末时间上门服务三次",
)
CADRES = ("区委组织部", "镇党委", "镇政府", "区农业农村局", "区民政局")
ENTERPRISES = ("竹笋加工厂", "山核桃合作社", "农家乐", "茶叶专业合作社", "民宿")


def _day(rng: random.Random, start: dt.date, last: dt.date) -> dt.date:
    if last <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((last - start).days + 1))


def _after(rng: random.Random, day: dt.date, low: int, high: int) -> dt.date:
    return min(day + dt.timedelta(days=rng.randint(low, high)), AS_OF)


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    services.rule_ensure_default(district=county)
    terms = selectors.rule_for(area=county, year=AS_OF.year)
    confirmer = User.objects.filter(username="village").first()
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    members: defaultdict[int, list[PartyMember]] = defaultdict(list)
    for member in PartyMember.objects.filter(
        area__path__startswith=county.path, left_on__isnull=True, holds_office=False
    ).order_by("pk"):
        members[member.area_id].append(member)
    organisations = {
        o.area_id: o
        for o in Organisation.objects.filter(
            area__level=Area.Level.VILLAGE, category=Organisation.Category.REGULAR
        )
        .exclude(kind=Organisation.Kind.GROUP)
        .order_by("-code")
    }
    # (key, head's name) of each household: the register holds some 200,000 of them.
    households: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    in_county = Household.objects.filter(area__path__startswith=county.path).order_by("pk")
    for pk, area_id, head_name in in_county.values_list("pk", "area_id", "head__name"):
        households[area_id].append((pk, head_name))

    wishes: list[Wish] = []
    plans: list[tuple[Wish, list[tuple[str, dt.date, dt.date | None]], PartyMember | None]] = []
    visits: list[Visit] = []
    for village in villages:
        serial: defaultdict[int, int] = defaultdict(int)
        for year in YEARS:
            for _ in range(max(1, round(rng.uniform(2, 6) * max(scale, 0.1) * 3))):
                wish, claims, claimer = _wish(
                    rng,
                    village,
                    year,
                    serial,
                    members[village.pk],
                    households[village.pk],
                    has_organisation=village.pk in organisations,
                )
                if claimer is not None and wish.status == S.FULFILLED:
                    wish.points = terms.points
                wishes.append(wish)
                plans.append((wish, claims, claimer))
            visits += _visits(rng, village, year, households[village.pk], scale)
    for wish in wishes:
        if wish.status == S.FULFILLED and wish.fulfilled_on:
            wish.days_to_fulfil = (wish.fulfilled_on - wish.submitted_on).days
    bulk.insert(wishes)
    made = _claims(rng, plans, organisations, confirmer)
    bulk.insert(made)
    bulk.insert(visits)
    return {
        "wishes": len(wishes),
        "wishes_fulfilled": sum(1 for w in wishes if w.status == S.FULFILLED),
        "wish_claims": len(made),
        "visits": len(visits),
    }


def _wish(
    rng: random.Random,
    village: Area,
    year: int,
    serial: defaultdict[int, int],
    members: list[PartyMember],
    households: list[tuple[int, str]],
    *,
    has_organisation: bool,
) -> tuple[Wish, list[tuple[str, dt.date, dt.date | None]], PartyMember | None]:
    category, title, content = rng.choice(WISHES)
    household = rng.choice(households) if households and rng.random() < 0.7 else None
    name = household[1] if household else rng.choice("王李张陈周吴徐孙朱胡") + "大妈"
    submitted = _day(rng, dt.date(year, 1, 5), dt.date(year, 11, 30))
    status = rng.choices(
        [S.FULFILLED, S.DELIVERED, S.CLAIMED, S.OPEN, S.VERIFIED, S.SUBMITTED, S.WITHDRAWN],
        weights=[62, 6, 10, 10, 3, 4, 5] if year == AS_OF.year else [86, 0, 0, 4, 0, 0, 10],
    )[0]
    claimer = rng.choice(members) if members and rng.random() < 0.8 else None
    if claimer is None and not has_organisation and status in (S.CLAIMED, S.DELIVERED, S.FULFILLED):
        status = S.OPEN  # nobody in the village could have claimed it
    wish = Wish(
        area=village,
        title=title,
        content=content,
        category=category,
        wisher_name=name,
        phone="",
        household_id=household[0] if household else None,
        source=rng.choices(list(Wish.Source.values), weights=[6, 3, 1])[0],
        status=status,
        submitted_on=submitted,
    )
    claims: list[tuple[str, dt.date, dt.date | None]] = []
    if status == S.WITHDRAWN:
        wish.withdraw_reason = rng.choice(
            ("核实后已由家人解决", "不属于微心愿范围，已转交有关部门")
        )
        return wish, claims, None
    if status == S.SUBMITTED:
        return wish, claims, None
    wish.verified_on = _after(rng, submitted, 1, 4)
    serial[year] += 1
    wish.number = f"WX-{village.code}-{wish.verified_on.year}-{serial[year]:03d}"
    if status == S.VERIFIED:
        return wish, claims, None
    wish.published_on = _after(rng, wish.verified_on, 0, 2)
    if status == S.OPEN:
        return wish, claims, None
    claimed = _after(rng, wish.published_on, 1, 10)
    if rng.random() < 0.08:  # an earlier claim ran out before this one
        claims.append((C.EXPIRED, claimed, None))
        claimed = _after(rng, claimed, 31, 40)
    wish.first_claimed_on = claims[0][1] if claims else claimed
    if status == S.CLAIMED:
        claims.append((C.ACTIVE, claimed, None))
    else:
        delivered = _after(rng, claimed, 3, 25)
        claims.append((C.DELIVERED if status == S.DELIVERED else C.DONE, claimed, delivered))
        if status == S.FULFILLED:
            wish.fulfilled_on = _after(rng, delivered, 1, 6)
    return wish, claims, claimer


def _claims(
    rng: random.Random,
    plans: list[tuple[Wish, list[tuple[str, dt.date, dt.date | None]], PartyMember | None]],
    organisations: dict[int, Organisation],
    confirmer: User | None,
) -> list[WishClaim]:
    made: list[WishClaim] = []
    for wish, claims, member in plans:
        organisation = organisations.get(wish.area_id) if member is None else None
        if member is None and organisation is None:
            continue
        for status, claimed, delivered in claims:
            at = timezone.make_aware(
                dt.datetime.combine(claimed, dt.time(rng.randint(8, 20), rng.randrange(60)))
            )
            claim = WishClaim(
                area_id=wish.area_id,
                wish=wish,
                member=member,
                organisation=organisation,
                claimed_by=None,
                claimed_at=at,
                due_on=claimed + dt.timedelta(days=30),
                status=status,
                delivered_on=delivered,
                note=rng.choice(NOTES) if delivered else "",
            )
            if status == C.EXPIRED:
                claim.closed_on = claim.due_on
            if status == C.DONE:
                claim.closed_on = wish.fulfilled_on
                claim.confirmed_by = confirmer if wish.area.code == BAINIU else None
            made.append(claim)
    return made


def _visits(
    rng: random.Random, village: Area, year: int, households: list[tuple[int, str]], scale: float
) -> list[Visit]:
    found = []
    for _ in range(max(1, round(rng.uniform(2, 6) * max(scale, 0.1) * 3))):
        target = rng.choices(list(Visit.Target.values), weights=[4, 5, 1])[0]
        household = rng.choice(households) if households else None
        if target == Visit.Target.HOUSEHOLD and household is None:
            target = Visit.Target.VILLAGE
        raised = rng.choices([0, 1, 2, 3, 4, 5], weights=[2, 4, 4, 3, 1, 1])[0]
        found.append(
            Visit(
                area=village,
                cadre_name=rng.choice("王李张陈周吴徐孙朱胡")
                + rng.choice("建国丽华志强海燕伟明晓东"),
                cadre_unit=rng.choice(CADRES),
                visited_on=_day(rng, dt.date(year, 1, 10), dt.date(year, 12, 20)),
                target=target,
                household_id=household[0]
                if household and target == Visit.Target.HOUSEHOLD
                else None,
                enterprise=rng.choice(ENTERPRISES) if target == Visit.Target.ENTERPRISE else "",
                issues_raised=raised,
                issues_resolved=max(0, rng.choices([raised, raised - 1, 0], [7, 2, 1])[0]),
                summary="了解生产生活情况，宣讲惠民政策，收集意见建议",
            )
        )
    return found
