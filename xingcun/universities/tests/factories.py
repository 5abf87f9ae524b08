from __future__ import annotations

import datetime as dt

import factory

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.universities.models import Dispatch, Programme, University


class UniversityFactory(ScopedFactory):
    class Meta:
        model = University

    name = factory.Sequence(lambda n: f"农林大学{n}")


class ProgrammeFactory(ScopedFactory):
    class Meta:
        model = Programme

    university = same_area(UniversityFactory)
    name = factory.Sequence(lambda n: f"十百千{n}")
    start_year = 2018


class DispatchFactory(ScopedFactory):
    class Meta:
        model = Dispatch

    programme = same_area(ProgrammeFactory)
    kind = Dispatch.Kind.COMMISSIONER
    name = factory.Sequence(lambda n: f"特派员{n}")
    headcount = 1
    started_on = dt.date(2019, 3, 1)
