from __future__ import annotations

import datetime as dt

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.pairing.models import Agreement, OrganisationStanding, VillageAssessment
from xingcun.villages.tests.factories import VillageProfileFactory


class VillageOrganisationFactory(OrganisationFactory):
    kind = Organisation.Kind.COMMITTEE


class StandingFactory(ScopedFactory):
    class Meta:
        model = OrganisationStanding

    organisation = factory.SubFactory(VillageOrganisationFactory)
    area = factory.SelfAttribute("organisation.area")
    year = 2020
    star_level = 5


class AgreementFactory(ScopedFactory):
    class Meta:
        model = Agreement

    strong = factory.SubFactory(VillageOrganisationFactory)
    weak = factory.SubFactory(VillageOrganisationFactory)
    area = factory.SelfAttribute("weak.area")
    start_on = dt.date(2020, 1, 1)
    end_on = dt.date(2022, 12, 31)


class AssessmentFactory(ScopedFactory):
    class Meta:
        model = VillageAssessment

    year = 2020
    compliant = True
    evidence_note = "临组〔2020〕1号"


class ProfileFactory(VillageProfileFactory):
    """A strong village's 2020 profile: 40万元 of collective income, 20 of it operating."""

    population = 1000
    households = 300
    operating_income = 20
    contract_income = 10
    investment_income = 0
    subsidy_income = 10
    other_income = 0
    industries = "竹笋"


def weak_profile(area, year=2020, industries="竹笋"):
    """Collective income 4万元, operating 2万元: weak under the 10/5 line."""
    return ProfileFactory(
        area=area,
        year=year,
        operating_income=1,
        contract_income=1,
        subsidy_income=2,
        industries=industries,
    )
