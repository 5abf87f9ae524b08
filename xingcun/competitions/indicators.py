"""Figures of temporary branches and their party groups (report section 二, part one)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_noop

from xingcun.competitions.models import CompetitionEntry
from xingcun.indicators import records
from xingcun.indicators.engine import COUNT_AT_END, COUNT_IN_YEAR, Period, family
from xingcun.organisations.models import Organisation

TEMPORARY = Organisation.Category.TEMPORARY
GROUP = Organisation.Kind.GROUP


def existing_on(period: Period) -> Q:
    end = period.end
    return (Q(founded_on__isnull=True) | Q(founded_on__lte=end)) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end)
    )


def temporary_branch_on(period: Period) -> Q:
    return Q(category=TEMPORARY) & ~Q(kind=GROUP) & existing_on(period)


def temporary_group_on(period: Period) -> Q:
    return Q(kind=GROUP, parent__category=TEMPORARY) & ~Q(parent__kind=GROUP) & existing_on(period)


def recorded_in(period: Period) -> Q:
    return Q(voided_at__isnull=True, achieved_on__gte=period.start, achieved_on__lte=period.end)


indicator = family(section="members")
count_at_end = indicator.sharing(**COUNT_AT_END, unit="个", model=Organisation)

count_at_end.table(
    ("where",),
    (
        "competitions.temporary_branches",
        "临时党支部数",
        "Temporary party branches",
        "期末存在的临时党支部（如青年干部组成的“后浪党支部”、新农人临时党支部）个数，"
        "不含其下设的党小组。党支部计入其登记的区划（通常是镇）。",
        temporary_branch_on,
    ),
    (
        "competitions.temporary_groups",
        "临时党支部党小组数",
        "Party groups in temporary branches",
        "期末临时党支部下设的党小组个数：成立日期不晚于期末、期末前未撤销。"
        "党小组开展比拼的积分见“党小组比拼”。",
        temporary_group_on,
    ),
)
indicator(
    "competitions.entries",
    "党小组比拼完成事项数",
    "Tasks and achievements recorded in competitions",
    "期间内党小组比拼中登记的完成事项（按完成日期，不含作废的）项数。",
    **COUNT_IN_YEAR,
    unit="项",
    model=CompetitionEntry,
    where=recorded_in,
)

records.show(
    CompetitionEntry,
    (gettext_noop("完成日期"), lambda e: e.achieved_on),
    (gettext_noop("比拼"), lambda e: e.competition.name),
    (gettext_noop("党小组"), lambda e: e.group.name),
    (gettext_noop("项目"), lambda e: e.item.name),
    (gettext_noop("完成事项"), lambda e: e.title),
    (gettext_noop("得分"), lambda e: e.points),
    select_related=("competition", "group", "item"),
    ordering=("-achieved_on", "pk"),
)
