from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from xingcun.core.tests.factories import ScopedFactory, same_area
from xingcun.orders.models import (
    DemonstrationProject,
    Expert,
    ServiceCategory,
    ServiceOrder,
    ServiceTeam,
)


class ServiceCategoryFactory(ScopedFactory):
    class Meta:
        model = ServiceCategory

    name = factory.Sequence(lambda n: f"类别{n}")
    keywords = ""
    valid_from = 2017


class ServiceTeamFactory(ScopedFactory):
    class Meta:
        model = ServiceTeam

    name = factory.Sequence(lambda n: f"服务队{n}")
    category = same_area(ServiceCategoryFactory)
    formed_on = dt.date(2018, 3, 1)


class ExpertFactory(ScopedFactory):
    class Meta:
        model = Expert

    name = factory.Sequence(lambda n: f"专家{n}")
    code = factory.Sequence(lambda n: f"ZJ{n:04d}")
    unit = "区农业农村局"
    specialty = "水果、病虫害防治"


class ServiceOrderFactory(ScopedFactory):
    class Meta:
        model = ServiceOrder

    number = factory.Sequence(lambda n: f"DD{n:08d}")
    category = same_area(ServiceCategoryFactory)
    need = "樱桃裂果问题"
    ordered_on = dt.date(2020, 3, 2)
    status = ServiceOrder.Status.ORDERED


class DemonstrationProjectFactory(ScopedFactory):
    class Meta:
        model = DemonstrationProject

    name = factory.Sequence(lambda n: f"示范项目{n}")
    expert = same_area(ExpertFactory)
    crop = "甜樱桃"
    year = 2020
    area_mu = Decimal("50.0")
    yield_per_mu = Decimal("500.0")
    output_value = Decimal("60.00")
    income_increase = Decimal("30.0")
