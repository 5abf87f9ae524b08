"""The session's user and memberships are kept by the server process between requests
(accounts.backends): whatever changes them takes effect on the very next request."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from xingcun.accounts import backends
from xingcun.accounts.models import Membership, User
from xingcun.core.permissions import MENU, ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db

PAGE = "/accounts/password/"  # a plain page: the base template and a form, nothing cached


@pytest.fixture
def district(make_user, tree):
    return make_user(Role.DISTRICT, tree.district)


@pytest.fixture
def client(district):
    client = Client()
    client.force_login(district)
    assert client.get(PAGE).status_code == 200  # the process now keeps the user
    assert district.pk in backends._kept
    return client


def test_a_warm_page_reads_only_the_session_and_the_table_versions(
    client, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the session, the table versions: no user, no membership
        response = client.get(PAGE)
    assert response.wsgi_request.role == Role.DISTRICT


def test_a_changed_role_counts_from_the_next_request(client, district):
    Membership.objects.filter(user=district).update(role=Role.MEMBER)
    response = client.get(PAGE)
    assert response.wsgi_request.role == Role.MEMBER
    assert "党员 ·" in response.content.decode()  # the top bar's role


def test_a_membership_moved_to_another_node_scopes_the_next_request(client, district, tree):
    Membership.objects.filter(user=district).update(area=tree.town_b, role=Role.TOWN)
    response = client.get(PAGE)
    assert response.wsgi_request.area == tree.town_b


def test_a_removed_membership_leaves_the_next_request_without_a_scope(client, district):
    Membership.objects.filter(user=district).delete()
    response = client.get(PAGE)
    assert response.wsgi_request.membership is None
    assert response.wsgi_request.area is None


def test_a_password_changed_elsewhere_ends_the_session(client, district):
    user = User.objects.get(pk=district.pk)
    user.set_password("Another-pass-9182")
    user.save(update_fields=["password"])
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_deactivated_user_is_logged_out_on_the_next_request(client, district):
    User.objects.filter(pk=district.pk).update(is_active=False)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_logout_ends_the_session_for_its_cookie(client):
    cookie = client.cookies["sessionid"].value
    assert client.post(reverse("accounts:logout")).status_code == 302
    stolen = Client()
    stolen.cookies["sessionid"] = cookie
    response = stolen.get(PAGE)
    assert response.status_code == 302
    assert SESSION_KEY not in stolen.session


def test_each_request_gets_its_own_copy_of_the_kept_user(client, district):
    first = client.get(PAGE).wsgi_request.user
    first.display_name = "changed in memory only"
    second = client.get(PAGE).wsgi_request.user
    assert second.display_name == district.display_name
    assert second is not first


def test_the_menu_follows_the_role_of_each_request(make_user, tree):
    only_district = next(
        item
        for item in MENU
        if item.perm
        and item.url_name
        and item.perm in ROLE_PERMISSIONS[Role.DISTRICT]
        and item.perm not in ROLE_PERMISSIONS[Role.MEMBER]
    )
    label = str(only_district.label)
    district, member = Client(), Client()
    district.force_login(make_user(Role.DISTRICT, tree.district))
    member.force_login(make_user(Role.MEMBER, tree.village_a))
    assert label in district.get(PAGE).content.decode()
    assert label not in member.get(PAGE).content.decode()
    assert label in district.get(PAGE).content.decode()


@pytest.mark.parametrize(
    "engine",
    ["django.contrib.sessions.backends.cached_db", "django.contrib.sessions.backends.db"],
)
def test_logout_ends_the_session_whichever_store_production_uses(district, settings, engine):
    settings.SESSION_ENGINE = engine  # cached_db with Redis, the database otherwise
    client = Client()
    client.force_login(district)
    assert client.get(PAGE).status_code == 200
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    stolen = Client()
    stolen.cookies["sessionid"] = cookie
    assert stolen.get(PAGE).status_code == 302
