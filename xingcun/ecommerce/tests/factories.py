from __future__ import annotations

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.ecommerce.models import EcommerceRecord, NewFarmerBranch, TaobaoRule
from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory


class RecordFactory(ScopedFactory):
    class Meta:
        model = EcommerceRecord

    year = 2020
    online_shops = 10
    active_shops = 5
    online_sales = 100


class RuleFactory(ScopedFactory):
    class Meta:
        model = TaobaoRule

    name = "规则"
    valid_from = 2014
    village_min_sales = 1000
    village_min_active_shops = 100
    village_min_household_share = 10
    town_min_villages = 3
    town_min_sales = 3000
    town_min_shops = 300


class BranchFactory(ScopedFactory):
    class Meta:
        model = NewFarmerBranch

    organisation = factory.SubFactory(OrganisationFactory, category=Organisation.Category.TEMPORARY)
    area = factory.SelfAttribute("organisation.area")
    sponsor = NewFarmerBranch.Sponsor.TOWN
