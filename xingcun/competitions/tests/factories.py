from __future__ import annotations

import datetime as dt

import factory

from xingcun.competitions.models import Competition, CompetitionEntry, CompetitionItem
from xingcun.core.tests.factories import ScopedFactory
from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory


class TemporaryBranchFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"后浪党支部{n}")
    category = Organisation.Category.TEMPORARY
    founded_on = dt.date(2020, 5, 4)


class PartyGroupFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"第{n}党小组")
    kind = Organisation.Kind.GROUP
    category = Organisation.Category.TEMPORARY
    parent = factory.SubFactory(TemporaryBranchFactory, area=factory.SelfAttribute("..area"))
    founded_on = dt.date(2020, 5, 4)


class CompetitionFactory(ScopedFactory):
    class Meta:
        model = Competition

    branch = factory.SubFactory(TemporaryBranchFactory, area=factory.SelfAttribute("..area"))
    name = factory.Sequence(lambda n: f"建言献策比拼{n}")
    starts_on = dt.date(2020, 6, 1)
    ends_on = dt.date(2020, 12, 31)


class CompetitionItemFactory(ScopedFactory):
    class Meta:
        model = CompetitionItem

    competition = factory.SubFactory(CompetitionFactory, area=factory.SelfAttribute("..area"))
    name = factory.Sequence(lambda n: f"走访调研{n}")
    points = 5
    cap = 20


class CompetitionEntryFactory(ScopedFactory):
    class Meta:
        model = CompetitionEntry

    competition = factory.SubFactory(CompetitionFactory, area=factory.SelfAttribute("..area"))
    group = factory.SubFactory(
        PartyGroupFactory,
        area=factory.SelfAttribute("..area"),
        parent=factory.SelfAttribute("..competition.branch"),
    )
    item = factory.SubFactory(
        CompetitionItemFactory,
        area=factory.SelfAttribute("..area"),
        competition=factory.SelfAttribute("..competition"),
    )
    title = "走访农业园区"
    points = 5
    achieved_on = dt.date(2020, 7, 1)
    evidence = "调研报告一份"
