from __future__ import annotations

import datetime as dt

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.projects.models import Project


class ProjectFactory(ScopedFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"XM-{n:05d}")
    name = factory.Sequence(lambda n: f"项目{n}")
    kind = Project.Kind.TOURISM
    investment = 1000
    status = Project.Status.OPERATING
    signed_on = dt.date(2019, 5, 1)
    landed_on = dt.date(2019, 9, 1)
