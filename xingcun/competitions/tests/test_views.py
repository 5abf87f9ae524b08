from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from xingcun.competitions.models import CompetitionEntry
from xingcun.competitions.tests.factories import (
    CompetitionEntryFactory,
    CompetitionItemFactory,
    PartyGroupFactory,
)
from xingcun.core.permissions import Role
from xingcun.organisations.models import BranchMembership
from xingcun.people.tests.factories import PartyMemberFactory

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"}


def _member_client(tree, make_user, group=None):
    user = make_user(Role.MEMBER, tree.village_a)
    member = PartyMemberFactory(area=tree.village_a, person__user=user)
    if group is not None:
        BranchMembership._base_manager.create(
            area=group.area, member=member, organisation=group, joined_on=dt.date(2020, 6, 1)
        )
    client = Client()
    client.force_login(user)
    return client


def test_member_of_the_branch_sees_the_live_scoreboard(tree, make_user):
    entry = CompetitionEntryFactory(area=tree.town_a)
    client = _member_client(tree, make_user, entry.group)
    url = reverse("competitions:board", args=[entry.competition_id])
    page = client.get(url, **PHONE).content.decode()
    assert entry.group.name in page
    assert 'hx-trigger="every 30s"' in page
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "5.0分" in partial or "5分" in partial


def test_other_members_do_not_find_the_scoreboard(tree, make_user):
    entry = CompetitionEntryFactory(area=tree.town_a)
    client = _member_client(tree, make_user)
    assert client.get(reverse("competitions:board", args=[entry.competition_id])).status_code == 404


def test_staff_record_an_entry_and_the_board_moves(tree, client_as):
    item = CompetitionItemFactory(area=tree.town_a)
    group = PartyGroupFactory(area=tree.town_a, parent=item.competition.branch)
    client = client_as(Role.TOWN, tree.town_a)
    response = client.post(
        reverse("competitions:entry-add", args=[item.competition_id]),
        {
            "group": group.pk,
            "item": item.pk,
            "title": "提交建议三条",
            "achieved_on": "2020-07-01",
            "evidence": "建议书",
        },
    )
    assert response.status_code == 302
    assert CompetitionEntry._base_manager.get().group == group


def test_staff_see_branches_and_add_groups(tree, client_as):
    group = PartyGroupFactory(area=tree.town_a)
    client = client_as(Role.TOWN, tree.town_a)
    index = client.get(reverse("competitions:index")).content.decode()
    assert group.parent.name in index
    client.post(reverse("competitions:group-add", args=[group.parent_id]), {"name": "第二组"})
    page = client.get(reverse("competitions:branch", args=[group.parent_id])).content.decode()
    assert "第二组" in page
