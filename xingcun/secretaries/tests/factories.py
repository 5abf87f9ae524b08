from __future__ import annotations

import datetime as dt
from decimal import Decimal

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.people.tests.factories import PersonFactory
from xingcun.secretaries.models import FirstSecretary, SecretaryFund, WeakRemovalPlan


class FirstSecretaryFactory(ScopedFactory):
    class Meta:
        model = FirstSecretary

    person = same_area(PersonFactory)
    sending_unit = "区农业农村局"
    started_on = dt.date(2018, 3, 1)


class SecretaryFundFactory(ScopedFactory):
    class Meta:
        model = SecretaryFund

    secretary = same_area(FirstSecretaryFactory)
    received_on = dt.date(2019, 6, 1)
    amount = Decimal("100.00")
    source = "省级财政"


class WeakRemovalPlanFactory(ScopedFactory):
    class Meta:
        model = WeakRemovalPlan

    name = "消薄三年行动"
    baseline_year = 2017
    target_year = 2020
