"""The overview and detail pages of the 组织振兴 apps read a fixed number of queries, whatever the
number of records they list."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from xingcun.alliances.models import Alliance
from xingcun.alliances.tests.factories import (
    AllianceFactory,
    AllianceProjectFactory,
    MemberFactory,
)
from xingcun.core.permissions import Role
from xingcun.ecommerce.tests.factories import BranchFactory, RecordFactory, RuleFactory
from xingcun.pairing.models import PairingRun, Proposal
from xingcun.pairing.tests.factories import AgreementFactory, VillageOrganisationFactory
from xingcun.projects.tests.factories import ProjectFactory


def fill(tree, n):
    alliance = Alliance._base_manager.filter(area=tree.town_a).first() or AllianceFactory(
        area=tree.town_a, lead__area=tree.village_a
    )
    run = PairingRun._base_manager.filter(area=tree.district).first()
    if run is None:
        with scopes_disabled():
            run = PairingRun.objects.create(
                area=tree.district, year=2020, industry=1, distance=1, strength=1,
                same_town=1, neighbour=1, elsewhere=1, capacity=2, min_star=4,
                start_on=dt.date(2020, 1, 1), end_on=dt.date(2022, 12, 31),
                solved_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
            )  # fmt: skip
    for _ in range(n):
        AgreementFactory(
            strong__area=tree.village_a,
            weak__area=tree.village_b,
            start_on=dt.date(2020, 1, 1),
            end_on=dt.date(2022, 1, 1),
        )
        MemberFactory(alliance=alliance, organisation__area=tree.village_a2)
        AllianceProjectFactory(alliance=alliance, project=ProjectFactory(area=tree.town_a))
        BranchFactory(organisation__area=tree.town_a)
        with scopes_disabled():
            Proposal.objects.create(
                area=tree.district, run=run, score=1, industry=1, distance=1, strength=1,
                strong=VillageOrganisationFactory(area=tree.village_a),
                weak=VillageOrganisationFactory(area=tree.village_b), reasons={"shared": ["竹笋"]},
            )  # fmt: skip
    RecordFactory(area=tree.village_a, year=2020 - n, online_sales=2000, active_shops=5)
    return alliance, run


def queries(client, url):
    cache.clear()  # every figure computed: cached indicator sums would make the second page cheaper
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/pairing/?year=2020",
        "/pairing/runs/{run}/",
        "/alliances/?year=2020",
        "/alliances/{alliance}/?year=2020",
        "/ecommerce/?year=2020",
    ],
)
def test_pages_read_a_fixed_number_of_queries(tree, client_as, url):
    RuleFactory(area=tree.district)
    client = client_as(Role.DISTRICT, tree.district)
    alliance, run = fill(tree, 1)
    # The process keeps the session's user from the first request on (accounts.backends): load
    # it before counting, so that both counts are of the page alone.
    client.get(url.format(run=run.pk, alliance=alliance.pk))
    few = queries(client, url.format(run=run.pk, alliance=alliance.pk))
    fill(tree, 4)
    many = queries(client, url.format(run=run.pk, alliance=alliance.pk))
    assert many == few
