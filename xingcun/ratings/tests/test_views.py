from decimal import Decimal

from xingcun.core.permissions import Role
from xingcun.core.tests.clients import login
from xingcun.ratings.models import Rating
from xingcun.ratings.tests.test_services import scored

CODES = ("team", "members", "life", "development", "service", "family")


def post_scores(client, url, score, **extra):
    data = {f"dim_{c}": score for c in CODES} | {"note": ""} | extra
    return client.post(url, data)


def test_the_whole_workflow_through_the_pages(world):
    org = world.orgs[0]
    village = world.user(Role.VILLAGE, org.area)
    response = post_scores(
        login(village), "/ratings/self-score/", 92, organisation=org.pk, year=2020
    )
    assert response.status_code == 302
    rating = Rating._base_manager.get()
    assert rating.self_total == Decimal(92)
    response = post_scores(login(world.town), f"/ratings/{rating.pk}/town-score/", 88)
    rating.refresh_from_db()
    assert (rating.status, rating.proposed_star) == (Rating.Status.TOWN_SCORED, 4)
    for other in world.orgs[1:]:  # ten rated in the district: two four-star places
        scored(world, other, 70)
    district = login(world.district)
    district.post(f"/ratings/{rating.pk}/confirm/", {"star": 4, "note": ""})
    rating.refresh_from_db()
    assert (rating.status, rating.star) == (Rating.Status.CONFIRMED, 4)
    page = district.get("/ratings/?year=2020")
    assert page.status_code == 200
    assert [q.used for q in page.context["quotas"]] == [0, 1]


def test_a_quota_error_is_shown_on_the_rating_page(world):
    for other in world.orgs[2:]:
        scored(world, other, 70)
    ratings = []
    for org in world.orgs[:2]:
        post_scores(login(world.user(Role.VILLAGE, org.area)), "/ratings/self-score/", 99,
                    organisation=org.pk, year=2020)  # fmt: skip
    for rating in Rating._base_manager.filter(organisation__in=world.orgs[:2]).order_by("pk"):
        post_scores(login(world.town), f"/ratings/{rating.pk}/town-score/", 99)
        ratings.append(rating)
    district = login(world.district)
    district.post(f"/ratings/{ratings[0].pk}/confirm/", {"star": 5})
    response = district.post(f"/ratings/{ratings[1].pk}/confirm/", {"star": 5}, follow=True)
    assert "五星名额已满" in response.content.decode()
    assert Rating._base_manager.get(pk=ratings[1].pk).star is None


def test_a_village_sees_only_its_own_organisations_ratings(world):
    for org in (world.orgs[0], world.orgs[-1]):
        post_scores(login(world.user(Role.VILLAGE, org.area)), "/ratings/self-score/", 90,
                    organisation=org.pk, year=2020)  # fmt: skip
    mine = Rating._base_manager.get(organisation=world.orgs[0])
    other = Rating._base_manager.get(organisation=world.orgs[-1])
    client = login(world.village)
    assert client.get(f"/ratings/{mine.pk}/").status_code == 200
    assert client.get(f"/ratings/{other.pk}/").status_code == 404
    page = client.get("/ratings/?year=2020")
    assert [r.pk for r in page.context["page"].object_list] == [mine.pk]


def test_the_ratings_page_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for org in world.orgs:
        scored(world, org, 80)
    client = login(world.district)
    with django_assert_max_num_queries(14):
        response = client.get("/ratings/?year=2020")
    assert len(response.context["page"].object_list) == 10
