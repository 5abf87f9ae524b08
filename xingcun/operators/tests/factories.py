from __future__ import annotations

import datetime as dt

import factory

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.operators.models import OperatorContract, OperatorTeam, TalentKind


class OperatorTeamFactory(ScopedFactory):
    class Meta:
        model = OperatorTeam

    name = factory.Sequence(lambda n: f"运营团队{n}")
    leader = "赵运营"
    applied_on = dt.date(2019, 3, 1)
    status = OperatorTeam.Status.SELECTED
    selected_on = dt.date(2019, 4, 1)


class OperatorContractFactory(ScopedFactory):
    class Meta:
        model = OperatorContract

    team = same_area(OperatorTeamFactory)
    scenic_name = factory.Sequence(lambda n: f"村落景区{n}")
    signed_on = dt.date(2019, 5, 1)
    ends_on = dt.date(2022, 4, 30)


class TalentKindFactory(ScopedFactory):
    class Meta:
        model = TalentKind

    name = factory.Sequence(lambda n: f"文创{n}")
