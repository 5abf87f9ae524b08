"""Reads of 党建联盟: contiguity of members, each member village's income since joining, and the
figures of the alliance pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from xingcun.alliances.models import Alliance, AllianceMember, AllianceProject, TownTourism
from xingcun.core.models import Area
from xingcun.organisations.models import Organisation
from xingcun.pairing.selectors import are_neighbours
from xingcun.villages.models import VillageProfile

LANDED = ("building", "operating")


def alliance_list() -> QuerySet[Alliance]:
    return Alliance.objects.select_related("area", "lead")


def members_on(*, alliance: Alliance, on: dt.date) -> QuerySet[AllianceMember]:
    return (
        AllianceMember.objects.filter(alliance=alliance, joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .select_related("organisation__area")
    )


def contiguity_warnings(
    *, alliance: Alliance, organisation: Organisation | None = None
) -> list[str]:
    """Members lying neither in the alliance's town nor in a town next to another member's.

    With `organisation`, only that organisation is checked (a member just added). Read without the
    user's scope on purpose: contiguity concerns the whole alliance."""
    members = list(
        AllianceMember.objects.inherited()
        .filter(alliance=alliance, left_on__isnull=True)
        .select_related("organisation__area")
    )
    others = [m.organisation.area for m in members]
    checked = [organisation] if organisation is not None else [m.organisation for m in members]
    home = alliance.area if alliance.area.level == Area.Level.TOWN else None
    warnings = []
    for org in checked:
        near_home = home is not None and org.area.town_code() == home.town_code()
        near_member = any(
            are_neighbours(org.area, other)
            for other in others
            if other.pk != org.area_id
        )  # fmt: skip
        if not near_home and not near_member and (home is not None or len(others) > 1):
            warnings.append(f"“{org}”与联盟其他成员不在同一镇或相邻镇，请确认是否连片")
    return warnings


@dataclass(frozen=True)
class MemberIncome:
    member: AllianceMember
    base_year: int
    base: Decimal | None  # 万元: villagers' disposable income the year before joining
    now: Decimal | None  # 万元: the same in the chosen year

    @property
    def increase(self) -> Decimal | None:
        if self.base is None or self.now is None:
            return None
        return self.now - self.base


def _income(profile: VillageProfile | None) -> Decimal | None:
    if profile is None:
        return None
    return (profile.per_capita_income * profile.population / Decimal(10000)).quantize(
        Decimal("0.01")
    )


def member_incomes(*, alliance: Alliance, year: int) -> list[MemberIncome]:
    """Villagers' disposable income (per-capita income × population) of each current member
    village in `year`, against the year before it joined; in 万元."""
    members = list(members_on(alliance=alliance, on=dt.date(year, 12, 31)))
    areas = [m.organisation.area_id for m in members]
    profiles = {
        (p.area_id, p.year): p for p in VillageProfile.objects.filter(area_id__in=areas)
    }  # fmt: skip
    out = []
    for m in members:
        base_year = m.joined_on.year - 1
        out.append(
            MemberIncome(
                member=m,
                base_year=base_year,
                base=_income(profiles.get((m.organisation.area_id, base_year))),
                now=_income(profiles.get((m.organisation.area_id, year))),
            )
        )
    return out


def projects_of(*, alliance: Alliance) -> QuerySet[AllianceProject]:
    return AllianceProject.objects.filter(alliance=alliance).select_related("project__area")


def landed_investment(*, alliance: Alliance, on: dt.date) -> tuple[int, Decimal]:
    """Projects landed through the alliance by `on`, and their investment in 万元."""
    landed = [
        link.project
        for link in projects_of(alliance=alliance)
        if link.project.status in LANDED
        and link.project.landed_on is not None
        and link.project.landed_on <= on
    ]
    return len(landed), sum((p.investment for p in landed), Decimal(0))


def tourism_of(*, towns: list[Area], year: int) -> QuerySet[TownTourism]:
    return TownTourism.objects.filter(area__in=towns, year=year).select_related("area")
