from __future__ import annotations

from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.secretaries.models import FirstSecretary, WeakCohortVillage
from xingcun.secretaries.tests.factories import FirstSecretaryFactory
from xingcun.secretaries.tests.test_services import cohort  # noqa: F401  (fixture)


def test_district_refreshes_a_plan_and_sees_the_village_leave(tree, cohort, client_as):  # noqa: F811
    client = client_as(Role.DISTRICT, tree.district)
    assert client.post(f"/secretaries/plans/{cohort.pk}/refresh/").status_code == 302
    page = client.get(f"/secretaries/plans/{cohort.pk}/")
    assert page.status_code == 200
    assert page.context["summary"].all_removed_year == 2019
    assert "全部摘帽年份" in client.get("/secretaries/").content.decode()
    with scopes_disabled():
        assert WeakCohortVillage.objects.count() == 3


def test_registry_form_refuses_overlapping_posting(tree, client_as):
    first = FirstSecretaryFactory(area=tree.village_a)
    response = client_as(Role.DISTRICT, tree.district).post(
        "/r/first-secretaries/new/",
        {
            "person": first.person.pk,
            "area": tree.village_b.pk,
            "sending_unit": "x",
            "started_on": "2019-01-01",
        },
    )
    assert response.status_code == 200
    assert "任职时间不能重叠" in response.content.decode()
    with scopes_disabled():
        assert FirstSecretary.objects.count() == 1


def test_assessment_registry_computes_grade(tree, client_as):
    from xingcun.secretaries import services

    secretary = FirstSecretaryFactory(area=tree.village_a)
    with scopes_disabled():
        services.assessment_scheme_ensure_default(district=tree.district)
    client = client_as(Role.TOWN, tree.town_a)
    r = client.post(
        "/r/secretary-assessments/new/",
        {
            "secretary": secretary.pk,
            "year": 2020,
            "town_score": "60",
            "mass_score": "16",
            "team_score": "8",
        },
    )
    assert r.status_code == 302, r.content.decode()
    with scopes_disabled():
        assessment = secretary.assessments.get()
    assert (assessment.total, assessment.grade) == (Decimal(84), "competent")
