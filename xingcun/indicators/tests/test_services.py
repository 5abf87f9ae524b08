from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.indicators import engine, services
from xingcun.indicators.engine import Period
from xingcun.indicators.models import Snapshot, SnapshotValue
from xingcun.people.models import PartyMember
from xingcun.people.tests.factories import PartyMemberFactory

YEAR = Period.year(2020)


@pytest.fixture
def frozen(tree, records, make_user):
    user = make_user("district", tree.district)
    with scope(area=tree.district.path):
        return services.snapshot_freeze(area=tree.district, period=YEAR, by=user, note="年报")


def members(area):
    return engine.evaluate("party.members", area=area, period=YEAR)


def test_freezing_stores_every_indicator_for_every_node_and_is_audited(tree, frozen):
    with scopes_disabled():
        count = SnapshotValue.objects.filter(snapshot=frozen).count()
        entry = AuditEntry.objects.get(action="snapshot.frozen")
    assert count == len(engine.catalogue()) * 7  # district, 2 towns, 4 villages
    assert entry.object_id == str(frozen.pk)
    assert entry.actor_name.startswith("district")
    assert frozen.frozen_by.username.startswith("district")


def test_frozen_values_are_used_and_equal_to_live_ones_until_records_change(tree, frozen):
    with scope(area=tree.district.path):
        result = members(tree.town_a)
    assert result.frozen
    assert not result.differs
    assert result.live_value == result.value


def test_a_change_after_freezing_shows_where_live_values_differ(tree, frozen):
    with scope(area=tree.district.path):
        before = members(tree.district).value
    PartyMemberFactory(area=tree.village_b, joined_on=dt.date(2001, 1, 1))
    with scope(area=tree.district.path):
        district, town_a, town_b = (members(a) for a in (tree.district, tree.town_a, tree.town_b))
    assert (district.value, district.live_value, district.differs) == (before, before + 1, True)
    assert town_b.differs
    assert not town_a.differs


def test_frozen_ratio_keeps_numerator_and_denominator(tree, frozen):
    with scopes_disabled():
        row = SnapshotValue.objects.get(
            snapshot=frozen, area=tree.town_a, indicator="villages.per_capita_income"
        )
    assert row.raw is None
    assert row.denominator == Decimal(2200)  # population of the town's 2020 profiles


def test_other_periods_stay_live(tree, frozen):
    with scope(area=tree.district.path):
        result = engine.evaluate("party.members", area=tree.district, period=Period.year(2019))
    assert not result.frozen


def test_freezing_again_supersedes_the_earlier_snapshot(tree, frozen, make_user):
    PartyMemberFactory(area=tree.village_b, joined_on=dt.date(2001, 1, 1))
    user = make_user("district", tree.district)
    with scope(area=tree.district.path):
        again = services.snapshot_freeze(area=tree.district, period=YEAR, by=user)
        result = members(tree.district)
        frozen.refresh_from_db()
    assert frozen.withdrawn_at is not None
    assert again.is_active
    assert result.frozen
    assert not result.differs


def test_withdrawn_snapshot_is_no_longer_used_and_is_audited(tree, frozen, make_user):
    user = make_user("district", tree.district)
    with scope(area=tree.district.path):
        services.snapshot_withdraw(snapshot=frozen, by=user)
        result = members(tree.district)
    assert not result.frozen
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="snapshot.withdrawn").count() == 1


def test_snapshot_comparison_shows_the_stored_values_even_after_withdrawal(tree, frozen, make_user):
    PartyMemberFactory(area=tree.village_b, joined_on=dt.date(2001, 1, 1))
    with scope(area=tree.district.path):
        services.snapshot_withdraw(snapshot=frozen, by=make_user("district", tree.district))
        values = engine.evaluate_snapshot(Snapshot.objects.get(pk=frozen.pk))
    result = values["party.members"][tree.village_b.code]
    assert result.frozen
    assert result.differs
    assert result.live_value == result.value + 1


def test_a_village_user_sees_frozen_values_of_the_village(tree, frozen):
    with scope(area=tree.village_a.path):
        result = members(tree.village_a)
    assert result.frozen


def test_member_leaving_before_the_period_end_is_not_counted_live(tree, frozen):
    with scopes_disabled():
        member = PartyMember.objects.filter(area=tree.village_a, left_on__isnull=True).first()
        member.left_on = dt.date(2020, 12, 1)
        member.save(update_fields=["left_on"])
    with scope(area=tree.district.path):
        result = members(tree.village_a)
    assert result.live_value == result.value - 1
