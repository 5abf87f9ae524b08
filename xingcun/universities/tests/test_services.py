from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.tests.clients import assert_lists_only
from xingcun.indicators.tests.support import value
from xingcun.universities import services
from xingcun.universities.models import Dispatch
from xingcun.universities.tests.factories import DispatchFactory, ProgrammeFactory

D = dt.date


def record(programme, village, kind, **fields):
    """`programme` sends `kind` to `village`: one person from 2019 unless `fields` say more."""
    one = {"name": "王", "started_on": D(2019, 1, 1), "by": None}
    return services.dispatch_record(programme=programme, village=village, kind=kind, **one | fields)


def test_dispatch_is_recorded(tree):
    programme = ProgrammeFactory(area=tree.district)
    with scope(area=tree.district.path):
        d = record(
            programme,
            tree.village_a,
            "student",
            name="暑期实践团",
            headcount=12,
            started_on=D(2019, 7, 1),
        )
    assert d.headcount == 12


def test_dispatch_to_a_village_outside_the_district_is_refused(tree, foreign):
    programme = ProgrammeFactory(area=tree.district)
    far = foreign.village
    with scopes_disabled(), pytest.raises(ValidationError, match="不在临安区"):
        record(programme, far, "expert")
    with scopes_disabled():
        assert Dispatch.objects.count() == 0


def test_commissioner_record_is_one_person(tree):
    programme = ProgrammeFactory(area=tree.district)
    with scopes_disabled(), pytest.raises(ValidationError, match="每条记录为一人"):
        record(programme, tree.village_a, "commissioner", headcount=3)


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
    for village, kind, headcount, started_on in [
        (tree.village_a, "commissioner", 1, D(2018, 5, 1)),
        (tree.village_b, "commissioner", 1, D(2019, 5, 1)),
        (tree.village_a, "student", 30, D(2019, 7, 1)),
        (tree.village_b2, "student", 15, D(2020, 7, 1)),
        (tree.village_a2, "expert", 1, D(2020, 1, 1)),
    ]:
        DispatchFactory(
            area=village,
            programme=programme,
            kind=kind,
            headcount=headcount,
            started_on=started_on,
        )
    assert value(code, getattr(tree, node), year) == Decimal(expected)


def test_university_login_sees_only_its_dispatches(tree, partner_client):
    mine = DispatchFactory(area=tree.village_a)
    other = DispatchFactory(area=tree.village_a)
    client = partner_client(mine.programme.university.users)
    hidden = f"/universities/dispatches/{other.pk}/"
    assert_lists_only(client, "/universities/", mine, hidden_url=hidden)


def test_university_login_enters_a_dispatch_of_its_own_programme(tree, partner_client):
    mine = ProgrammeFactory(area=tree.district)
    other = ProgrammeFactory(area=tree.district)
    client = partner_client(mine.university.users)
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
