from __future__ import annotations

import datetime as dt

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.organisations.models import Organisation


class OrganisationFactory(ScopedFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"ORG-{n:05d}")
    name = factory.Sequence(lambda n: f"第{n}党支部")
    kind = Organisation.Kind.BRANCH
    category = Organisation.Category.REGULAR
    founded_on = dt.date(1990, 7, 1)
