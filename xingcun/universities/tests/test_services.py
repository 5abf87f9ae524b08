from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scope, scopes_disabled

from xingcun.core.permissions import Role
from xingcun.indicators.engine import Period, evaluate
from xingcun.universities import services
from xingcun.universities.models import Dispatch
from xingcun.universities.tests.factories import DispatchFactory, ProgrammeFactory

D = dt.date


def test_dispatch_is_recorded(tree):
    programme = ProgrammeFactory(area=tree.district)
    with scope(area=tree.district.path):
        d = services.dispatch_record(
            programme=programme,
            village=tree.village_a,
            kind="student",
            name="暑期实践团",
            headcount=12,
            started_on=D(2019, 7, 1),
            by=None,
        )
    assert d.headcount == 12


def test_dispatch_to_a_village_outside_the_district_is_refused(tree, foreign):
    programme = ProgrammeFactory(area=tree.district)
    far = foreign.village
    with scopes_disabled(), pytest.raises(ValidationError, match="不在临安区"):
        services.dispatch_record(
            programme=programme,
            village=far,
            kind="expert",
            name="王",
            started_on=D(2019, 1, 1),
            by=None,
        )
    with scopes_disabled():
        assert Dispatch.objects.count() == 0


def test_commissioner_record_is_one_person(tree):
    programme = ProgrammeFactory(area=tree.district)
    with scopes_disabled(), pytest.raises(ValidationError, match="每条记录为一人"):
        services.dispatch_record(
            programme=programme,
            village=tree.village_a,
            kind="commissioner",
            name="李",
            headcount=3,
            started_on=D(2019, 1, 1),
            by=None,
        )


@pytest.mark.parametrize(
    ("code", "node", "year", "expected"),
    [
        ("universities.commissioners", "district", 2019, 2),
        ("universities.commissioners", "district", 2018, 1),
        ("universities.commissioners", "town_b", 2019, 1),
        ("universities.students", "district", 2020, 45),
        ("universities.students", "town_a", 2019, 30),
        ("universities.experts", "district", 2020, 1),
    ],
)
def test_figures(tree, code, node, year, expected):
    programme = ProgrammeFactory(area=tree.district)
    DispatchFactory(area=tree.village_a, programme=programme, started_on=D(2018, 5, 1))
    DispatchFactory(area=tree.village_b, programme=programme, started_on=D(2019, 5, 1))
    DispatchFactory(
        area=tree.village_a,
        programme=programme,
        kind="student",
        headcount=30,
        started_on=D(2019, 7, 1),
    )
    DispatchFactory(
        area=tree.village_b2,
        programme=programme,
        kind="student",
        headcount=15,
        started_on=D(2020, 7, 1),
    )
    DispatchFactory(
        area=tree.village_a2, programme=programme, kind="expert", started_on=D(2020, 1, 1)
    )
    area = getattr(tree, node)
    with scope(area=area.path):
        assert evaluate(code, area=area, period=Period.year(year)).value == Decimal(expected)


def test_university_login_sees_only_its_dispatches(tree, make_user):
    user = make_user(Role.PARTNER, tree.district)
    mine = DispatchFactory(area=tree.village_a)
    with scopes_disabled():
        mine.programme.university.users.add(user)
    other = DispatchFactory(area=tree.village_a)
    client = Client()
    client.force_login(user)
    assert list(client.get("/universities/").context["page"].object_list) == [mine]
    assert client.get(f"/universities/dispatches/{other.pk}/").status_code == 404


def test_university_login_enters_a_dispatch_of_its_own_programme(tree, make_user):
    user = make_user(Role.PARTNER, tree.district)
    mine = ProgrammeFactory(area=tree.district)
    other = ProgrammeFactory(area=tree.district)
    with scopes_disabled():
        mine.university.users.add(user)
    client = Client()
    client.force_login(user)
    data = {
        "programme": mine.pk,
        "village": tree.village_b.pk,
        "kind": "student",
        "name": "实践团",
        "headcount": 20,
        "started_on": "2020-07-01",
    }
    assert (
        client.post("/universities/dispatches/new/", data | {"programme": other.pk}).status_code
        == 200
    )
    assert client.post("/universities/dispatches/new/", data).status_code == 302
    with scopes_disabled():
        assert Dispatch.objects.get().headcount == 20
