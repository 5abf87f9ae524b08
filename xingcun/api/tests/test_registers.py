"""The register endpoints: derived from the declarations, scoped, masked and audited like pages."""

from __future__ import annotations

import json

from django_scopes import scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.models import Person
from xingcun.people.tests.factories import PersonFactory

JSON = "application/json"


def test_village_token_lists_only_its_village(api_as, tree):
    mine = OrganisationFactory(area=tree.village_a)
    OrganisationFactory(area=tree.village_b)
    response = api_as(Role.VILLAGE, tree.village_a).get("/api/v1/registers/organisations/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_record_outside_the_jurisdiction_is_404(api_as, tree):
    other = OrganisationFactory(area=tree.village_b)
    client = api_as(Role.VILLAGE, tree.village_a)
    assert client.get(f"/api/v1/registers/organisations/{other.pk}/").status_code == 404
    response = client.patch(
        f"/api/v1/registers/organisations/{other.pk}/", {"name": "改"}, content_type=JSON
    )
    assert response.status_code == 404


def test_role_without_the_permission_gets_403(api_as, tree):
    response = api_as(Role.EXPERT, tree.district).get("/api/v1/registers/people/")
    assert response.status_code == 403


def test_anonymous_request_is_401(client):
    response = client.get("/api/v1/registers/organisations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_list_pages_with_a_cursor_in_the_chosen_order(api_as, tree):
    for n in range(5):
        OrganisationFactory(area=tree.village_a, code=f"C-{n}")
    client = api_as(Role.DISTRICT, tree.district)
    first = client.get("/api/v1/registers/organisations/?ordering=code&limit=3").json()
    assert [r["code"] for r in first["results"]] == ["C-0", "C-1", "C-2"]
    second = client.get(first["next"]).json()
    assert [r["code"] for r in second["results"]] == ["C-3", "C-4"]
    assert second["next"] is None


def test_list_filters_like_the_page(api_as, tree):
    OrganisationFactory(area=tree.village_a, name="白牛村党委")
    OrganisationFactory(area=tree.village_b, name="玉屏村党委")
    client = api_as(Role.DISTRICT, tree.district)
    by_text = client.get("/api/v1/registers/organisations/", {"q": "白牛"}).json()
    assert [r["name"] for r in by_text["results"]] == ["白牛村党委"]
    by_area = client.get("/api/v1/registers/organisations/", {"area": tree.village_b.code}).json()
    assert [r["name"] for r in by_area["results"]] == ["玉屏村党委"]


def test_unknown_ordering_is_a_400_naming_the_choices(api_as, tree):
    response = api_as(Role.DISTRICT, tree.district).get(
        "/api/v1/registers/organisations/?ordering=secretary"
    )
    assert response.status_code == 400
    assert "可选排序" in response.content.decode()


def create_branch(client, *, code, name, area):
    """POST a new regular party branch to the organisations register."""
    body = {
        "code": code,
        "name": name,
        "kind": Organisation.Kind.BRANCH,
        "category": Organisation.Category.REGULAR,
        "area": area.pk,
        "founded_on": "2001-07-01",
    }
    return client.post("/api/v1/registers/organisations/", body, content_type=JSON)


def test_create_goes_through_the_form_and_is_audited_as_api(api_as, tree):
    client = api_as(Role.VILLAGE, tree.village_a)
    response = create_branch(client, code="ORG-API-1", name="接口党支部", area=tree.village_a)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name"] == "接口党支部"
    with scopes_disabled():  # reading back what the request wrote
        entry = AuditEntry.objects.get(action="organisations.created")
    assert entry.via == "api"
    assert entry.object_id == str(created["id"])


def test_create_refuses_a_reference_outside_the_jurisdiction(api_as, tree):
    client = api_as(Role.VILLAGE, tree.village_a)
    response = create_branch(client, code="ORG-API-2", name="越界党支部", area=tree.village_b)
    assert response.status_code == 400
    assert "area" in response.json()["fields"]
    with scopes_disabled():  # nothing was written anywhere
        assert not Organisation.objects.filter(code="ORG-API-2").exists()


def test_partial_update_keeps_what_it_does_not_name(api_as, tree):
    org = OrganisationFactory(area=tree.village_a, name="旧名", industry="竹笋")
    client = api_as(Role.VILLAGE, tree.village_a)
    response = client.patch(
        f"/api/v1/registers/organisations/{org.pk}/", {"name": "新名"}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    org.refresh_from_db()
    assert (org.name, org.industry) == ("新名", "竹笋")


def test_delete_is_audited_and_refused_without_the_permission(api_as, tree):
    org = OrganisationFactory(area=tree.village_a)
    url = f"/api/v1/registers/organisations/{org.pk}/"
    assert api_as(Role.VILLAGE, tree.village_a).delete(url).status_code == 403
    assert api_as(Role.DISTRICT, tree.district).delete(url).status_code == 204
    with scopes_disabled():  # checking the row and its audit entry
        assert not Organisation.objects.filter(pk=org.pk).exists()
        assert AuditEntry.objects.get(action="organisations.deleted").via == "api"


def test_personal_data_is_masked_for_a_town_cadre(api_as, tree):
    person = PersonFactory(area=tree.village_a, phone="13812345678")
    town = api_as(Role.TOWN, tree.town_a).get(f"/api/v1/registers/people/{person.pk}/").json()
    assert town["id_number"] == person.id_number[:6] + "*" * 12
    assert town["phone"] == "138****5678"
    assert town["birth_date"] == f"{person.birth_date.year}年"
    village = api_as(Role.VILLAGE, tree.village_a).get(f"/api/v1/registers/people/{person.pk}/")
    assert village.json()["id_number"] == person.id_number


def test_masked_fields_are_kept_when_a_town_cadre_updates(api_as, tree):
    person = PersonFactory(area=tree.village_a, name="李四")
    response = api_as(Role.TOWN, tree.town_a).patch(
        f"/api/v1/registers/people/{person.pk}/",
        {"name": "李四明", "id_number": "330124199203150032"},  # ignored: hidden from this role
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    with scopes_disabled():  # the stored row
        stored = Person.objects.get(pk=person.pk)
    assert (stored.name, stored.id_number) == ("李四明", person.id_number)


def test_bulk_is_all_or_nothing_with_the_import_messages(api_as, tree):
    client = api_as(Role.VILLAGE, tree.village_a)
    rows = [
        {
            "code": "B-1",
            "name": "第一支部",
            "kind": "党支部",
            "category": "村(社区)党组织",
            "area": tree.village_a.code,
            "founded_on": "2001-07-01",
        },
        {"code": "B-2", "kind": "党支部", "area": tree.village_b.code},
    ]
    response = client.post(
        "/api/v1/registers/organisations/bulk/", {"rows": rows}, content_type=JSON
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(e.startswith("第2行 名称: 必填") for e in errors), errors
    assert any("第2行 所属区划代码:" in e and "不在您的辖区内" in e for e in errors), errors
    with scopes_disabled():  # nothing of the batch was written
        assert not Organisation.objects.filter(code__in=["B-1", "B-2"]).exists()
    ok = client.post("/api/v1/registers/organisations/bulk/", {"rows": rows[:1]}, content_type=JSON)
    assert ok.status_code == 200, ok.content
    assert ok.json()["created"] == 1
    with scopes_disabled():  # one audit entry for the batch, made through the API
        assert AuditEntry.objects.get(action="organisations.imported").via == "api"


def test_non_object_body_is_a_400(api_as, tree):
    client = api_as(Role.DISTRICT, tree.district)
    response = client.post(
        "/api/v1/registers/organisations/", json.dumps([1, 2]), content_type=JSON
    )
    assert response.status_code == 400


def test_list_queries_do_not_grow_with_the_rows(api_as, tree, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xingcun.people.tests.factories import PartyMemberFactory

    client = api_as(Role.VILLAGE, tree.village_a)
    PartyMemberFactory(area=tree.village_a)
    client.get("/api/v1/registers/members/")  # warm: the token's last use is written once
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/registers/members/")
    for _ in range(8):
        PartyMemberFactory(area=tree.village_a)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/registers/members/").json()["results"]) == 9
    assert len(many) == len(few)
