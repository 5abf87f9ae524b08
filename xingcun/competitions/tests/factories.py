from __future__ import annotations

import datetime as dt

import factory

from xingcun.competitions.models import Competition, CompetitionEntry, CompetitionItem
from xingcun.core.tests.factories import ScopedFactory, same_area
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
    parent = same_area(TemporaryBranchFactory)
    founded_on = dt.date(2020, 5, 4)


class CompetitionFactory(ScopedFactory):
    class Meta:
        model = Competition

    branch = same_area(TemporaryBranchFactory)
    name = factory.Sequence(lambda n: f"建言献策比拼{n}")
    starts_on = dt.date(2020, 6, 1)
    ends_on = dt.date(2020, 12, 31)


class CompetitionItemFactory(ScopedFactory):
    class Meta:
        model = CompetitionItem

    competition = same_area(CompetitionFactory)
    name = factory.Sequence(lambda n: f"走访调研{n}")
    points = 5
    cap = 20


class CompetitionEntryFactory(ScopedFactory):
    class Meta:
        model = CompetitionEntry

    competition = same_area(CompetitionFactory)
    group = same_area(
        PartyGroupFactory,
        parent=factory.SelfAttribute("..competition.branch"),
    )
    item = same_area(
        CompetitionItemFactory,
        competition=factory.SelfAttribute("..competition"),
    )
    title = "走访农业园区"
    points = 5
    achieved_on = dt.date(2020, 7, 1)
    evidence = "调研报告一份"
