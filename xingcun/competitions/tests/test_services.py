from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from xingcun.competitions import selectors, services
from xingcun.competitions.models import Competition, CompetitionEntry
from xingcun.competitions.tests.factories import (
    CompetitionEntryFactory,
    CompetitionFactory,
    CompetitionItemFactory,
    PartyGroupFactory,
    TemporaryBranchFactory,
)
from xingcun.core.models import AuditEntry
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import PartyMemberFactory

pytestmark = pytest.mark.usefixtures("in_district")


def _record(competition, group, item, **fields):
    """The group's entry for `item`, achieved on 2020-07-01 unless `fields` say otherwise."""
    entry = {"title": "x", "achieved_on": dt.date(2020, 7, 1), "evidence": "y", "by": None}
    return services.entry_record(competition=competition, group=group, item=item, **entry | fields)


def test_party_group_is_an_organisation_under_the_branch(tree):
    branch = TemporaryBranchFactory(area=tree.town_a, code="T-1", name="后浪党支部")
    group = services.party_group_create(branch=branch, name="", by=None, on=dt.date(2020, 5, 4))
    assert group.kind == Organisation.Kind.GROUP
    assert group.parent == branch
    assert group.category == Organisation.Category.TEMPORARY
    assert group.code == "T-1-G1"
    assert group.name == "后浪党支部第一党小组"


def test_party_group_needs_a_temporary_or_functional_branch(tree):
    regular = OrganisationFactory(area=tree.village_a)
    with pytest.raises(ValidationError, match="临时或功能型"):
        services.party_group_create(branch=regular, name="一组", by=None)
    assert not Organisation._base_manager.filter(kind=Organisation.Kind.GROUP).exists()


def test_member_joins_a_group_and_the_branch_keeping_the_home_organisation(tree):
    group = PartyGroupFactory(area=tree.town_a)
    member = PartyMemberFactory(area=tree.village_a)
    home = member.organisation
    services.group_member_add(group=group, member=member, by=None, on=dt.date(2020, 6, 1))
    joined = set(
        BranchMembership._base_manager.filter(member=member).values_list("organisation", flat=True)
    )
    assert joined == {group.pk, group.parent_id}
    member.refresh_from_db()
    assert member.organisation == home


def test_member_joins_only_one_group_of_a_branch(tree):
    group = PartyGroupFactory(area=tree.town_a)
    other = PartyGroupFactory(area=tree.town_a, parent=group.parent)
    member = PartyMemberFactory(area=tree.village_a)
    services.group_member_add(group=group, member=member, by=None, on=dt.date(2020, 6, 1))
    with pytest.raises(ValidationError, match="只参加一个党小组"):
        services.group_member_add(group=other, member=member, by=None, on=dt.date(2020, 6, 2))
    assert BranchMembership._base_manager.filter(member=member).count() == 2


def test_a_competition_needs_an_auxiliary_branch(tree):
    competition = Competition(
        area=tree.village_a,
        branch=OrganisationFactory(area=tree.village_a),
        name="x",
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 2, 1),
    )
    with pytest.raises(ValidationError, match="临时或功能型党支部"):
        competition.full_clean()


def _setup(tree):
    item = CompetitionItemFactory(area=tree.town_a, points=5, cap=10)
    competition = item.competition
    group = PartyGroupFactory(area=tree.town_a, parent=competition.branch)
    return competition, item, group


def test_entry_takes_the_items_points(tree):
    competition, item, group = _setup(tree)
    entry = _record(competition, group, item, title="走访农业园区", evidence="照片")
    assert entry.points == Decimal(5)
    assert AuditEntry._base_manager.filter(action="competition-entries.recorded").exists()


def test_entry_past_the_cap_is_refused_and_nothing_saved(tree):
    competition, item, group = _setup(tree)
    CompetitionEntryFactory(
        area=tree.town_a, competition=competition, group=group, item=item, points=8
    )
    with pytest.raises(ValidationError, match="上限10"):
        _record(
            competition,
            group,
            item,
            title="再次走访",
            achieved_on=dt.date(2020, 7, 2),
            evidence="照片",
        )
    assert CompetitionEntry._base_manager.count() == 1


def test_entry_for_a_group_of_another_branch_is_refused(tree):
    competition, item, _group = _setup(tree)
    stranger = PartyGroupFactory(area=tree.town_a)
    with pytest.raises(ValidationError, match="不是"):
        _record(competition, stranger, item)


def test_entry_outside_the_period_is_refused(tree):
    competition, item, group = _setup(tree)
    with pytest.raises(ValidationError, match="比拼期间"):
        _record(competition, group, item, achieved_on=dt.date(2020, 5, 1))


def test_closed_competition_takes_no_entries(tree):
    competition, item, group = _setup(tree)
    services.competition_close(competition=competition, by=None)
    with pytest.raises(ValidationError, match="已结束评比"):
        _record(competition, group, item)


def test_scoreboard_ranks_groups_and_ignores_void_entries(tree):
    competition, item, first = _setup(tree)
    second = PartyGroupFactory(area=tree.town_a, parent=competition.branch, code="Z-2")
    third = PartyGroupFactory(area=tree.town_a, parent=competition.branch, code="Z-3")
    CompetitionEntryFactory(
        area=tree.town_a, competition=competition, group=first, item=item, points=5
    )
    CompetitionEntryFactory(
        area=tree.town_a, competition=competition, group=second, item=item, points=5
    )
    voided = CompetitionEntryFactory(
        area=tree.town_a, competition=competition, group=third, item=item, points=10
    )
    services.entry_void(entry=voided, by=None, reason="重复登记")
    scores = selectors.scoreboard(competition)
    assert [(s.group, s.points, s.rank) for s in scores] == [
        (first, Decimal(5), 1),
        (second, Decimal(5), 1),
        (third, Decimal(0), 3),
    ]


def test_void_needs_a_reason(tree):
    entry = CompetitionEntryFactory(area=tree.town_a)
    with pytest.raises(ValidationError, match="作废原因"):
        services.entry_void(entry=entry, by=None, reason="")


def test_close_records_the_final_ranking(tree):
    competition, item, group = _setup(tree)
    CompetitionEntryFactory(area=tree.town_a, competition=competition, group=group, item=item)
    services.competition_close(competition=competition, by=None)
    entry = AuditEntry._base_manager.get(action="competitions.closed")
    assert entry.changes["ranking"][0].startswith("1. ")


def test_a_member_follows_the_competitions_of_their_branch(tree):
    group = PartyGroupFactory(area=tree.town_a)
    competition = CompetitionFactory(area=tree.town_a, branch=group.parent)
    member = PartyMemberFactory(area=tree.village_a, person__user=None)
    from xingcun.accounts.models import User

    user = User.objects.create_user(username="m1", password="x")
    type(member.person)._base_manager.filter(pk=member.person_id).update(user=user)
    assert list(selectors.competitions_for(user=user, area=tree.village_a)) == []
    services.group_member_add(group=group, member=member, by=None, on=dt.date(2020, 6, 1))
    assert list(selectors.competitions_for(user=user, area=tree.village_a)) == [competition]
