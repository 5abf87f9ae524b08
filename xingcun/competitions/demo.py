"""Demo data of the party-group competition: 太湖源镇's 后浪党支部 (found by name; the foundation
demo gives it three party groups of young members) competes over the second half of 2020 on
suggestions for the town's two parks. Everything goes through the services, so caps, dates and
group membership follow the rules. (天目山镇's 新农人临时党支部 is left as the foundation demo made
it: its members are exactly the town's returned entrepreneurs.)"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.competitions import selectors, services
from xingcun.competitions.models import Competition, CompetitionItem
from xingcun.core.models import Area
from xingcun.organisations.models import BranchMembership, Organisation

AS_OF = dt.date(2020, 12, 31)

HOULANG_ITEMS = (
    ("走访调研", "5", "40", ("走访农业园区企业", "走访家庭农场", "入户调研农户意愿", "调研民宿经营情况")),
    ("主题论证", "10", "40", ("形成专题调研报告", "组织“两园”创建主题论证会", "完成产业融合课题")),
    ("建言献策被采纳", "15", "45", ("园区规划建议被镇党委采纳", "品牌推广建议被采纳", "招商建议被采纳")),
    ("志愿服务", "3", "30", ("参加园区环境整治", "参加防汛值守", "服务农产品展销会")),
)  # fmt: skip


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    found = {"competitions": 0, "competition_entries": 0, "party_groups_added": 0}
    houlang = _branch(county, "后浪党支部")
    if houlang is not None:
        found["party_groups_added"] += _ensure_groups(houlang, 3)
        _competition(
            rng,
            houlang,
            "“两园”创建建言献策比拼",
            dt.date(2020, 6, 1),
            AS_OF,
            HOULANG_ITEMS,
            found,
            rules="各党小组围绕省级现代农业园区和产业融合示范园创建走访调研、主题论证、建言献策，"
            "按项目计分，每月公布积分榜。",
        )
    return found


def _branch(county: Area, name: str) -> Organisation | None:
    return (
        Organisation.objects.filter(
            area__path__startswith=county.path,
            name__endswith=name,
            category=Organisation.Category.TEMPORARY,
        )
        .exclude(kind=Organisation.Kind.GROUP)
        .order_by("code")
        .first()
    )


def _ensure_groups(branch: Organisation, wanted: int) -> int:
    """Give the branch `wanted` groups and put its members who are in none into one of them."""
    start = branch.founded_on or dt.date(2020, 1, 1)
    added = 0
    while len(selectors.groups_of(branch)) < wanted:
        services.party_group_create(branch=branch, name="", by=None, on=start)
        added += 1
    groups = selectors.groups_of(branch)
    grouped = set(
        BranchMembership.objects.filter(
            organisation__parent=branch, left_on__isnull=True
        ).values_list("member_id", flat=True)
    )
    members = [m for m in selectors.branch_members(branch, on=AS_OF) if m.pk not in grouped]
    for index, member in enumerate(members):
        joined = BranchMembership.objects.filter(member=member, organisation=branch).first()
        day = max(start, joined.joined_on if joined else start)
        services.group_member_add(group=groups[index % len(groups)], member=member, by=None, on=day)
    return added


def _competition(
    rng: random.Random,
    branch: Organisation,
    name: str,
    starts: dt.date,
    ends: dt.date,
    items: tuple[tuple[str, str, str, tuple[str, ...]], ...],
    found: dict[str, int],
    *,
    rules: str,
) -> None:
    competition = Competition(
        area=branch.area, branch=branch, name=name, starts_on=starts, ends_on=ends, rules=rules
    )
    competition.full_clean()
    competition.save()
    found["competitions"] += 1
    made = []
    for item_name, points, cap, _titles in items:
        item = CompetitionItem(
            area=branch.area,
            competition=competition,
            name=item_name,
            points=Decimal(points),
            cap=Decimal(cap),
        )
        item.full_clean()
        item.save()
        made.append(item)
    titles = {item.name: spec[3] for item, spec in zip(made, items, strict=True)}
    last = min(ends, AS_OF)
    for group in selectors.groups_of(branch):
        zeal = rng.uniform(0.5, 1.0)  # some groups work harder than others
        for item in made:
            limit, total = item.cap or Decimal(0), Decimal(0)
            while total + item.points <= limit and rng.random() < zeal:
                day = starts + dt.timedelta(days=rng.randrange((last - starts).days + 1))
                services.entry_record(
                    competition=competition,
                    group=group,
                    item=item,
                    title=rng.choice(titles[item.name]),
                    achieved_on=day,
                    evidence="活动照片和工作记录已存档",
                    by=None,
                )
                total += item.points
                found["competition_entries"] += 1
