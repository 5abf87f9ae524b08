from __future__ import annotations

import datetime as dt

import factory

from xingcun.core import idcard
from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.models import Household, PartyMember, Person


def id_for(n: int, birth: dt.date = dt.date(1980, 5, 17)) -> str:
    return idcard.make("330112", birth + dt.timedelta(days=n // 500), 2 * (n % 500) + 1)


class PersonFactory(ScopedFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    id_number = factory.Sequence(id_for)
    gender = factory.LazyAttribute(lambda p: idcard.gender(p.id_number))
    birth_date = factory.LazyAttribute(lambda p: idcard.birth_date(p.id_number))
    phone = factory.Sequence(lambda n: f"138{n:08d}")


class PartyMemberFactory(ScopedFactory):
    class Meta:
        model = PartyMember

    person = same_area(PersonFactory)
    organisation = same_area(OrganisationFactory)
    joined_on = dt.date(2005, 7, 1)
    status = PartyMember.Status.FULL
    holds_office = False
    category = PartyMember.Category.B


class HouseholdFactory(ScopedFactory):
    class Meta:
        model = Household

    number = factory.Sequence(lambda n: f"HH-{n:05d}")
    head = same_area(PersonFactory)
    size = 3
