"""Personal API tokens: made and revoked by their owner on a page, stored hashed, expiring,
audited; a token acts with its membership's role and scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.api import services
from xingcun.api.models import ApiToken
from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.organisations.tests.factories import OrganisationFactory


def _bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_token_page_creates_a_token_shown_once_and_stored_hashed(client, make_user, tree):
    user = make_user(Role.VILLAGE, tree.village_a)
    client.force_login(user)
    membership = user.memberships.get()
    response = client.post("/tokens/", {"name": "省平台", "membership": membership.pk, "days": 30})
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    assert raw.startswith("xc_")
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=user)
    assert token.digest == services.digest(raw)
    assert raw not in (token.prefix, token.digest, token.name)
    assert raw not in client.get("/tokens/").content.decode()  # never shown again
    with scopes_disabled():  # the audit entry of the creation
        assert AuditEntry.objects.filter(action="api_token.created", actor=user).exists()


def test_token_lists_last_use(make_user, tree):
    user = make_user(Role.VILLAGE, tree.village_a)
    token, raw = services.token_create(
        user=user, membership=user.memberships.get(), name="x", days=1
    )
    assert token.last_used_at is None
    assert _bearer(raw).get("/api/v1/registers/organisations/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_is_refused_and_revocation_is_audited(client, make_user, tree):
    user = make_user(Role.VILLAGE, tree.village_a)
    token, raw = services.token_create(
        user=user, membership=user.memberships.get(), name="x", days=1
    )
    client.force_login(user)
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 302
    response = _bearer(raw).get("/api/v1/registers/organisations/")
    assert response.status_code == 401
    with scopes_disabled():  # the audit entry of the revocation
        assert AuditEntry.objects.filter(action="api_token.revoked", actor=user).exists()


def test_user_cannot_revoke_someone_elses_token(client, make_user, tree):
    owner = make_user(Role.VILLAGE, tree.village_a)
    token, _ = services.token_create(
        user=owner, membership=owner.memberships.get(), name="x", days=1
    )
    client.force_login(make_user(Role.DISTRICT, tree.district))
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_is_refused(make_user, tree):
    user = make_user(Role.VILLAGE, tree.village_a)
    token, raw = services.token_create(
        user=user, membership=user.memberships.get(), name="x", days=1
    )
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert _bearer(raw).get("/api/v1/registers/organisations/").status_code == 401


def test_unknown_token_is_401(db):
    assert _bearer("xc_nope").get("/api/v1/registers/organisations/").status_code == 401


def test_token_cannot_be_made_for_another_users_membership(make_user, tree):
    owner = make_user(Role.DISTRICT, tree.district)
    other = make_user(Role.VILLAGE, tree.village_a)
    with pytest.raises(services.ValidationError):
        services.token_create(user=other, membership=owner.memberships.get(), name="x", days=1)


def test_token_acts_with_its_own_membership(make_user, tree):
    """A user who is both district staff and a village secretary: a token made for the village
    sees only the village, whatever the session last chose."""
    user = make_user(Role.DISTRICT, tree.district)
    from xingcun.accounts.models import Membership

    village = Membership.objects.create(user=user, area=tree.village_a, role=Role.VILLAGE)
    _, raw = services.token_create(user=user, membership=village, name="x", days=1)
    OrganisationFactory(area=tree.village_a)
    OrganisationFactory(area=tree.village_b)
    rows = _bearer(raw).get("/api/v1/registers/organisations/").json()["results"]
    assert len(rows) == 1


def test_token_requests_need_no_csrf_but_session_writes_do(make_user, tree, token_for):
    user = make_user(Role.VILLAGE, tree.village_a)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.post("/api/v1/registers/organisations/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    token = _bearer(token_for(Role.VILLAGE, tree.village_a))
    token.handler.enforce_csrf_checks = True
    response = token.post("/api/v1/registers/organisations/", {}, content_type="application/json")
    assert response.status_code == 400  # reached the form: only the empty body is refused


@override_settings(XINGCUN_API_RATE="3/minute")
def test_rate_limit_counts_per_token(token_for, tree):
    cache.clear()  # counts of earlier tests' tokens (row ids are reused after each rollback)
    first = _bearer(token_for(Role.VILLAGE, tree.village_a))
    second = _bearer(token_for(Role.VILLAGE, tree.village_a))
    statuses = [first.get("/api/v1/registers/organisations/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert second.get("/api/v1/registers/organisations/").status_code == 200


def test_cors_is_closed_by_default(token_for, tree):
    client = _bearer(token_for(Role.VILLAGE, tree.village_a))
    response = client.get(
        "/api/v1/registers/organisations/", HTTP_ORIGIN="https://elsewhere.example"
    )
    preflight = client.options(
        "/api/v1/registers/organisations/",
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    for answer in (response, preflight):
        assert not [h for h in answer.headers if h.lower().startswith("access-control-")]
