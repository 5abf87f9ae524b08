from __future__ import annotations

import datetime as dt

import factory

from xingcun.alliances.models import Alliance, AllianceMember, AllianceProject, TownTourism
from xingcun.core.tests.factories import ScopedFactory
from xingcun.pairing.tests.factories import VillageOrganisationFactory


class AllianceFactory(ScopedFactory):
    class Meta:
        model = Alliance

    code = factory.Sequence(lambda n: f"LM-{n:04d}")
    name = factory.Sequence(lambda n: f"第{n}党建联盟")
    lead = factory.SubFactory(VillageOrganisationFactory)
    founded_on = dt.date(2019, 1, 1)


class MemberFactory(ScopedFactory):
    class Meta:
        model = AllianceMember

    alliance = factory.SubFactory(AllianceFactory)
    organisation = factory.SubFactory(VillageOrganisationFactory)
    area = factory.SelfAttribute("organisation.area")
    joined_on = dt.date(2019, 3, 1)


class AllianceProjectFactory(ScopedFactory):
    class Meta:
        model = AllianceProject

    area = factory.SelfAttribute("alliance.area")


class TourismFactory(ScopedFactory):
    class Meta:
        model = TownTourism

    year = 2020
    visitors = 10
    revenue = 5000
