from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from xingcun.core.permissions import Role
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.posts.models import HelpLog, PostAssignment
from xingcun.posts.tests.factories import (
    HouseholdPairingFactory,
    PostAssignmentFactory,
    PostFactory,
)

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"}


def test_my_posts_shows_posts_pairings_and_open_posts(tree, member_user, member_client):
    _user, member = member_user
    PostAssignmentFactory(
        area=tree.village_a, member=member, on_duty=True, post__title="垃圾分类督导岗"
    )
    PostFactory(area=tree.village_a, title="政策宣传岗")
    HouseholdPairingFactory(area=tree.village_a, member=member)
    html = member_client.get(reverse("posts:mine"), **PHONE).content.decode()
    assert "垃圾分类督导岗" in html
    assert "政策宣传岗" in html
    assert "低收入(贫困)户" in html


def test_member_is_sent_from_the_entry_to_my_posts(tree, member_client):
    response = member_client.get(reverse("posts:home"))
    assert response["Location"] == reverse("posts:mine")


def test_member_applies_for_an_open_post(tree, member_user, member_client):
    post = PostFactory(area=tree.village_a)
    response = member_client.post(reverse("posts:apply", args=[post.pk]))
    assert response.status_code == 302
    assert PostAssignment._base_manager.get().member == member_user[1]


def test_member_holding_an_office_sees_why_not(tree, make_user):
    user = make_user(Role.MEMBER, tree.village_a)
    PartyMemberFactory(area=tree.village_a, person__user=user, holds_office=True, category="A")
    post = PostFactory(area=tree.village_a)
    client = Client()
    client.force_login(user)
    response = client.post(reverse("posts:apply", args=[post.pk]), follow=True)
    assert "担任村(社区)职务" in response.content.decode()
    assert not PostAssignment._base_manager.exists()


def test_member_logs_help_from_the_phone(tree, member_user, member_client):
    pairing = HouseholdPairingFactory(
        area=tree.village_a, member=member_user[1], started_on=dt.date(2020, 1, 1)
    )
    response = member_client.post(
        reverse("posts:help", args=[pairing.pk]), {"kind": "visit", "content": "上门走访"}
    )
    assert response.status_code == 302
    assert HelpLog._base_manager.get().pairing == pairing


def test_member_cannot_log_for_someone_elses_pairing(tree, member_client):
    pairing = HouseholdPairingFactory(area=tree.village_a)
    response = member_client.post(
        reverse("posts:help", args=[pairing.pk]), {"kind": "visit", "content": "x"}
    )
    assert response.status_code == 404


def test_staff_assign_and_start_through_the_post_page(tree, client_as):
    assignment = PostAssignmentFactory(area=tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)
    client.post(reverse("posts:assign", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.status == PostAssignment.Status.PUBLICISED
    page = client.get(reverse("posts:detail", args=[assignment.post_id])).content.decode()
    assert "公示期未满" in page


def test_staff_enrol_a_member_from_paper(tree, client_as):
    post = PostFactory(area=tree.village_a)
    member = PartyMemberFactory(area=tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)
    client.post(reverse("posts:enrol", args=[post.pk]), {"member": member.pk})
    assert PostAssignment._base_manager.get().member == member


def test_staff_overview_lists_waiting_assignments(tree, client_as, django_assert_max_num_queries):
    PostAssignmentFactory.create_batch(3, area=tree.village_a)
    client = client_as(Role.TOWN, tree.town_a)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("posts:home"))
    assert len(response.context["waiting"]) == 3


def test_another_villages_staff_get_404(tree, client_as):
    assignment = PostAssignmentFactory(area=tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a2)
    assert client.post(reverse("posts:assign", args=[assignment.pk])).status_code == 404
