"""What villages report from this app: the yearly village profile (村情年度档案)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from xingcun.core.datasets import DataSet, register
from xingcun.core.models import Area
from xingcun.core.periods import Frequency
from xingcun.people.models import PartyMember
from xingcun.villages.models import ProfileEvidence, VillageProfile

FIELDS = (
    "population",
    "households",
    "per_capita_income",
    "operating_income",
    "contract_income",
    "investment_income",
    "subsidy_income",
    "other_income",
    "debt",
)


def figures(area: Area, records: QuerySet[Any]) -> dict[str, Decimal]:
    profile = records.first()
    if profile is None:
        return {}
    values = {name: Decimal(getattr(profile, name)) for name in FIELDS}
    values["collective_income"] = profile.collective_income
    values["operating_like_income"] = profile.operating_like_income
    values["party_members"] = Decimal(PartyMember.objects.filter(area=area).count())
    return values


LABELS = {
    **{
        name: str(getattr(VillageProfile._meta.get_field(name), "verbose_name", name))
        for name in FIELDS
    },
    "collective_income": "集体经济总收入(万元)",
    "operating_like_income": "经营性收入(万元)",
    "party_members": "党员数",
}

PROFILE = register(
    DataSet(
        key="villages.profile",
        title="村情年度档案",
        model=VillageProfile,
        frequency=Frequency.YEARLY,
        year_field="year",
        entry_url="core:profiles-list",
        figures=figures,
        labels=LABELS,
        also_locks=((ProfileEvidence, "profile"),),
    )
)
