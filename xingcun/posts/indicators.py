"""Figures of 设岗定责 (report section 二, part one): cumulative up to the period's end, as the
report states them ("截至x月底，累计设立…")."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_noop

from xingcun.core.scoping import correlated
from xingcun.indicators import records
from xingcun.indicators.engine import COUNT_TO_DATE, Period, family
from xingcun.people.models import Household, PartyMember
from xingcun.posts.models import HouseholdPairing, Post, PostAssignment

ASSIGNED = [
    PostAssignment.Status.PUBLICISED,
    PostAssignment.Status.ON_DUTY,
    PostAssignment.Status.ENDED,
]


def opened_by(period: Period) -> Q:
    return Q(opened_on__lte=period.end)


def assigned_by(period: Period) -> Q:
    """Members assigned to at least one post (定岗) by the end of the period."""
    assigned = correlated(PostAssignment).filter(
        member=OuterRef("pk"), status__in=ASSIGNED, assigned_on__lte=period.end
    )
    return Q(Exists(assigned))


def paired_by(kind: str) -> Callable[[Period], Q]:
    def where(period: Period) -> Q:
        paired = correlated(HouseholdPairing).filter(
            household=OuterRef("pk"), kind=kind, started_on__lte=period.end
        )
        return Q(Exists(paired))

    return where


count_to_date = family(section="members", **COUNT_TO_DATE)

count_to_date.table(
    ("unit", "model", "where"),
    (
        "posts.set_up",
        "党员先锋岗位数",
        "Pioneer posts set up",
        "截至期末累计设立的党员先锋岗位个数（按设岗日期），含期末前已撤销的岗位。"
        "岗位计入设岗党组织所在的区划；一个岗位设多人的仍计一个。",
        "个",
        Post,
        opened_by,
    ),
    (
        "posts.members_assigned",
        "定岗党员人数",
        "Members assigned to posts",
        "截至期末累计经党组织定岗（含公示中、在岗和已离岗）的党员人数，一人定多个岗位的计一人；"
        "只选岗未定岗或未通过公示的不计。党员计入其登记的村(社区)。",
        "人",
        PartyMember,
        assigned_by,
    ),
    (
        "posts.demonstration_households",
        "结对扶持示范户数",
        "Demonstration households supported",
        "截至期末累计与党员结对、作为示范户扶持的农户户数（按结对日期），"
        "一户与多名党员结对的计一户，结对结束的仍计入。",
        "户",
        Household,
        paired_by(HouseholdPairing.Kind.DEMONSTRATION),
    ),
    (
        "posts.low_income_households",
        "结对帮扶贫困户数",
        "Low-income households supported",
        "截至期末累计与党员结对、作为低收入(贫困)户帮扶的农户户数（按结对日期），"
        "一户与多名党员结对的计一户，结对结束的仍计入。",
        "户",
        Household,
        paired_by(HouseholdPairing.Kind.LOW_INCOME),
    ),
)

records.show(
    Post,
    (gettext_noop("岗位"), lambda p: p.title),
    (gettext_noop("类别"), lambda p: p.post_type.name),
    (gettext_noop("设岗党组织"), lambda p: p.organisation.name),
    (gettext_noop("所在区划"), lambda p: p.area.display_name),
    (gettext_noop("设岗人数"), lambda p: p.seats),
    (gettext_noop("设岗日期"), lambda p: p.opened_on),
    (gettext_noop("撤岗日期"), lambda p: p.closed_on),
    select_related=("post_type", "organisation", "area"),
    ordering=("area__code", "opened_on", "pk"),
    url_name="posts:detail",
)
