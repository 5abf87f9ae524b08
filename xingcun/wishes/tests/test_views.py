from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xingcun.core.permissions import Role
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.wishes.models import Wish, WishClaim
from xingcun.wishes.tests.factories import WishClaimFactory, WishFactory
from xingcun.wishes.tests.public import public_form

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"}


def test_wall_shows_the_towns_wishes_without_personal_data(tree, member_client):
    wish = WishFactory(area=tree.village_a2, published=True, wisher_name="王小明")
    WishFactory(area=tree.village_b, published=True, title="别镇的心愿")
    response = member_client.get(reverse("wishes:wall"), **PHONE)
    html = response.content.decode()
    assert wish.title in html
    assert "别镇的心愿" not in html
    assert "王小明" not in html
    assert "王**" in html
    assert wish.phone not in html
    assert 'name="viewport"' in html


def test_wall_reads_a_page_in_a_fixed_number_of_queries(
    tree, member_client, django_assert_max_num_queries
):
    WishFactory.create_batch(5, area=tree.village_a, published=True)
    with django_assert_max_num_queries(12):
        assert member_client.get(reverse("wishes:wall")).status_code == 200


def test_member_claims_from_the_wall(tree, member_user, member_client):
    wish = WishFactory(area=tree.village_a2, published=True)
    response = member_client.post(reverse("wishes:claim", args=[wish.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wishes:mine")
    claim = WishClaim._base_manager.get(wish=wish)
    assert claim.member == member_user[1]
    mine = member_client.get(reverse("wishes:mine")).content.decode()
    assert wish.title in mine


def test_claiming_a_claimed_wish_shows_a_clear_error(tree, member_client):
    claim = WishClaimFactory(
        area=tree.village_a, organisation=OrganisationFactory(area=tree.village_a)
    )
    Wish._base_manager.filter(pk=claim.wish_id).update(
        status=Wish.Status.CLAIMED, published_on=dt.date(2020, 3, 1)
    )
    response = member_client.post(reverse("wishes:claim", args=[claim.wish_id]))
    assert response.status_code == 200  # off the wall, but the page says why (never a 404)
    assert "该心愿已被认领" in response.content.decode()
    assert WishClaim._base_manager.count() == 1


def test_claim_page_of_another_towns_wish_is_not_found(tree, member_client):
    wish = WishFactory(area=tree.village_b, published=True)
    assert member_client.get(reverse("wishes:claim", args=[wish.pk])).status_code == 404


def test_member_without_a_record_cannot_claim(tree, client_as):
    wish = WishFactory(area=tree.village_a, published=True)
    response = client_as(Role.MEMBER, tree.village_a).post(reverse("wishes:claim", args=[wish.pk]))
    assert "尚未关联党员档案" in response.content.decode()
    assert not WishClaim._base_manager.exists()


def test_cadre_claims_for_an_organisation(tree, client_as):
    org = OrganisationFactory(area=tree.village_a)
    wish = WishFactory(area=tree.village_a, published=True)
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post(reverse("wishes:claim", args=[wish.pk]), {"organisation": org.pk})
    assert response.status_code == 302
    assert WishClaim._base_manager.get(wish=wish).organisation == org


def test_member_reports_fulfilment_with_a_photo(tree, member_user, member_client):
    wish = WishFactory(area=tree.village_a, published=True)
    member_client.post(reverse("wishes:claim", args=[wish.pk]))
    claim = WishClaim._base_manager.get(wish=wish)
    response = member_client.post(
        reverse("wishes:deliver", args=[claim.pk]),
        {"note": "已送上门", "evidence": SimpleUploadedFile("a.jpg", b"\xff\xd8\xff")},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == WishClaim.Status.DELIVERED
    evidence = member_client.get(reverse("wishes:evidence", args=[claim.pk]))
    evidence.close()  # a file response holds its file open until closed
    assert evidence.status_code == 200


def test_staff_run_the_wish_from_verification_to_the_wall(tree, client_as):
    wish = WishFactory(area=tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)
    client.post(reverse("wishes:verify", args=[wish.pk]))
    client.post(reverse("wishes:publish", args=[wish.pk]))
    wish.refresh_from_db()
    assert wish.status == Wish.Status.OPEN
    page = client.get(reverse("wishes:detail", args=[wish.pk])).content.decode()
    assert wish.number in page


def test_staff_confirm_a_delivered_wish(tree, member_user, member_client, client_as):
    wish = WishFactory(area=tree.village_a, published=True)
    member_client.post(reverse("wishes:claim", args=[wish.pk]))
    claim = WishClaim._base_manager.get(wish=wish)
    member_client.post(reverse("wishes:deliver", args=[claim.pk]), {"note": "已送上门"})
    response = client_as(Role.VILLAGE, tree.village_a).post(
        reverse("wishes:confirm", args=[wish.pk])
    )
    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.status == Wish.Status.FULFILLED


def test_staff_of_another_village_cannot_reach_the_wish(tree, client_as):
    wish = WishFactory(area=tree.village_a, published=True)
    client = client_as(Role.VILLAGE, tree.village_a2)
    assert client.post(reverse("wishes:confirm", args=[wish.pk])).status_code == 404
    assert client.get(reverse("wishes:detail", args=[wish.pk])).status_code == 404


def test_a_wrong_transition_says_why(tree, client_as):
    wish = WishFactory(area=tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post(reverse("wishes:publish", args=[wish.pk]), follow=True)
    assert "只有已核实" in response.content.decode()


# --- the public page --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_public_page_creates_a_wish_in_the_named_village_only(tree, client):
    data = public_form(client, tree.village_a.code)
    response = client.post(reverse("wishes:public", args=[tree.village_a.code]), data)
    assert response.status_code == 302
    wish = Wish._base_manager.get()
    assert wish.area == tree.village_a
    assert wish.source == Wish.Source.PUBLIC
    assert wish.status == Wish.Status.SUBMITTED


def test_public_page_refuses_the_honeypot(tree, client):
    data = {**public_form(client, tree.village_a.code), "website": "http://spam.example"}
    response = client.post(reverse("wishes:public", args=[tree.village_a.code]), data)
    assert response.status_code == 200
    assert not Wish._base_manager.exists()


def test_public_page_refuses_a_wrong_answer(tree, client):
    data = {**public_form(client, tree.village_a.code), "answer": "99"}
    response = client.post(reverse("wishes:public", args=[tree.village_a.code]), data)
    assert "验证问题回答不正确" in response.content.decode()
    assert not Wish._base_manager.exists()


def test_public_page_refuses_a_forged_token(tree, client):
    data = {**public_form(client, tree.village_a.code), "token": "7:forged"}
    response = client.post(reverse("wishes:public", args=[tree.village_a.code]), data)
    assert "页面已过期" in response.content.decode()
    assert not Wish._base_manager.exists()


def test_public_page_limits_submissions_per_address(tree, client):
    url = reverse("wishes:public", args=[tree.village_a.code])
    for i in range(6):
        data = {**public_form(client, tree.village_a.code), "title": f"心愿{i}"}
        response = client.post(url, data)
    assert "提交过于频繁" in response.content.decode()
    assert Wish._base_manager.count() == 5


def test_public_page_of_a_town_code_is_not_found(tree, client):
    assert client.get(reverse("wishes:public", args=[tree.town_a.code])).status_code == 404


def test_village_staff_see_the_public_link_of_their_village(tree, client_as):
    page = client_as(Role.VILLAGE, tree.village_a).get(reverse("wishes:wall")).content.decode()
    assert reverse("wishes:public", args=[tree.village_a.code]) in page
