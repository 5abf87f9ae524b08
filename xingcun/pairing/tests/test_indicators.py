import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.core.models import Area
from xingcun.indicators.engine import Period, drilldown, evaluate
from xingcun.pairing.models import PairingTarget
from xingcun.pairing.tests.factories import AgreementFactory, AssessmentFactory


@pytest.fixture
def records(tree):
    """Agreements of several periods and assessments of two years."""
    rows = [
        # (strong village, weak village, start, end, ended_on)
        (tree.village_a, tree.village_b, dt.date(2019, 3, 1), dt.date(2021, 12, 31), None),
        (tree.village_b, tree.village_a2, dt.date(2020, 6, 1), dt.date(2022, 6, 1), None),
        (tree.village_a, tree.village_b2, dt.date(2018, 1, 1), dt.date(2020, 12, 31),
         dt.date(2019, 12, 31)),
        (tree.village_a2, tree.village_b2, dt.date(2021, 2, 1), dt.date(2023, 1, 31), None),
    ]  # fmt: skip
    agreements = [
        AgreementFactory(
            strong__area=s,
            weak__area=w,
            start_on=start,
            end_on=end,
            ended_on=ended,
            status="ended" if ended else "active",
        )
        for s, w, start, end, ended in rows
    ]
    for village, year, compliant, demo in (
        (tree.village_a, 2020, True, True),
        (tree.village_a2, 2020, True, False),
        (tree.village_b, 2020, False, False),
        (tree.village_a, 2021, True, True),
        (tree.village_b, 2021, True, True),
        (tree.village_b2, 2021, True, False),
    ):
        AssessmentFactory(
            area=village,
            year=year,
            compliant=compliant,
            demonstration=demo,
            evidence_note="文号" if compliant else "",
        )
    with scopes_disabled():
        PairingTarget.objects.create(
            area=tree.district, year=2020, compliance_target=80, demonstration_target=30
        )
        PairingTarget.objects.create(area=tree.town_a, year=2020, compliance_target=90)
    return agreements


def independent(agreements, node, year):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    under = [a for a in agreements if a.weak.area.path.startswith(node.path)]
    active = [a for a in under if a.start_on <= end and (a.ended_on or a.end_on) >= start]
    formed = [a for a in under if a.start_on <= end]
    return len(active), len(formed)


@pytest.mark.parametrize("year", [2020, 2021])
@pytest.mark.parametrize("node", ["district", "town_a"])
def test_pair_counts_match_an_independent_count(tree, records, node, year):
    area = getattr(tree, node)
    active, formed = independent(records, area, year)
    with scope(area=tree.district.path):
        assert evaluate("pairing.active", area=area, period=Period.year(year)).value == active
        assert evaluate("pairing.formed", area=area, period=Period.year(year)).value == formed


@pytest.mark.parametrize(
    ("node", "year", "compliant", "demonstration"),
    [
        ("district", 2020, 2, 1),
        ("district", 2021, 3, 2),
        ("town_a", 2020, 2, 1),
        ("town_a", 2021, 1, 1),
    ],
)
def test_compliance_and_demonstration_shares(tree, records, node, year, compliant, demonstration):
    area = getattr(tree, node)
    with scopes_disabled():
        villages = Area.objects.filter(path__startswith=area.path, level=5).count()
    with scope(area=tree.district.path):
        period = Period.year(year)
        assert evaluate("pairing.compliant", area=area, period=period).value == compliant
        rate = evaluate("pairing.compliance_rate", area=area, period=period).value
        share = evaluate("pairing.demonstration_share", area=area, period=period).value
    assert rate == Decimal(compliant * 100) / villages
    assert share == Decimal(demonstration * 100) / villages


def test_district_targets_are_read_for_the_district_only(tree, records):
    with scope(area=tree.district.path):
        period = Period.year(2020)
        assert evaluate("pairing.compliance_target", area=tree.district, period=period).value == 80
        assert (
            evaluate("pairing.demonstration_target", area=tree.district, period=period).value == 30
        )
        assert evaluate("pairing.compliance_target", area=tree.town_a, period=period).value == 0


def test_drilldown_lists_the_agreements_behind_the_value(tree, records):
    with scope(area=tree.district.path):
        rows = list(drilldown("pairing.active", area=tree.town_a, period=Period.year(2021)))
    assert {a.pk for a in rows} == {records[1].pk}
