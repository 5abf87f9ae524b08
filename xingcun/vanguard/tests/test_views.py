import datetime as dt
from decimal import Decimal

from django_scopes import scope

from xingcun.core.tests.clients import login
from xingcun.vanguard import services
from xingcun.vanguard.models import Objection, Result, ScoreEvent

D = Decimal


def record(w, member, code="volunteer", on=dt.date(2020, 5, 4)):
    with scope(area=w.tree.district.path):
        return services.score_event_record(
            member=member,
            item_code=code,
            date=on,
            evidence="参加防汛值守",
            recorded_by=w.town,
            source="manual",
        )


def publicised_round(w, start):
    with scope(area=w.tree.district.path):
        rnd = services.round_compute(town=w.tree.town_a, year=2020, actor=w.town)
        return services.round_publicise(round=rnd, actor=w.town, start=start)


def test_my_score_shows_the_provisional_score_with_links_to_the_events(world):
    event = record(world, world.alice)
    response = login(world.member_user).get("/vanguard/me/?year=2020")
    assert response.status_code == 200
    assert response.context["live"].score == D(82)
    body = response.content.decode()
    assert f"/vanguard/events/{event.pk}/" in body
    assert 'name="viewport"' in body
    assert "vg-phone" in body


def test_a_member_opens_their_own_event_but_not_anothers(world):
    mine = record(world, world.alice)
    other = record(world, world.bob)
    client = login(world.member_user)
    assert client.get(f"/vanguard/events/{mine.pk}/").status_code == 200
    assert client.get(f"/vanguard/events/{other.pk}/").status_code == 404


def test_during_publicity_a_member_sees_the_branch_ranking_and_can_object(world):
    record(world, world.alice)
    publicised_round(world, start=dt.date.today())  # noqa: DTZ011
    client = login(world.member_user)
    response = client.get("/vanguard/me/?year=2020")
    assert response.context["in_publicity"]
    names = [r.member.person.name for r in response.context["ranking"]]
    assert names == [world.alice.person.name, world.bob.person.name]  # the branch only
    mine = Result._base_manager.get(member=world.alice)
    response = client.post(f"/vanguard/results/{mine.pk}/object/", {"text": "漏登一次活动"})
    assert response.status_code == 302
    assert Objection._base_manager.get().result == mine
    other = Result._base_manager.get(member=world.bob)
    assert client.get(f"/vanguard/results/{other.pk}/").status_code == 404


def test_after_publicity_the_ranking_is_no_longer_shown(world):
    publicised_round(world, start=dt.date(2021, 1, 4))
    response = login(world.member_user).get("/vanguard/me/?year=2020")
    assert response.context["result"] is not None
    assert response.context["ranking"] is None
    assert "本支部公示名单" not in response.content.decode()


def test_staff_record_an_event_through_the_page(world):
    response = login(world.village).post(
        "/vanguard/events/new/",
        {
            "member": world.alice.person.id_number,
            "item_code": "volunteer",
            "date": "2020-06-01",
            "evidence": "参加防汛值守",
        },
    )
    assert response.status_code == 302
    event = ScoreEvent._base_manager.get()
    assert (event.member, event.points, event.decision) == (world.alice, D(2), None)


def test_the_event_page_shows_a_cap_error_and_saves_nothing(world):
    for _ in range(3):
        record(world, world.alice, code="pair_help")  # cap 6
    response = login(world.town).post(
        "/vanguard/events/new/",
        {
            "member": world.alice.person.id_number,
            "item_code": "pair_help",
            "date": "2020-06-01",
            "evidence": "走访结对户",
        },
    )
    assert response.status_code == 200
    assert "年度上限" in response.content.decode()
    assert ScoreEvent._base_manager.count() == 3


def test_a_village_cadre_cannot_record_for_another_village(world):
    response = login(world.village).post(
        "/vanguard/events/new/",
        {
            "member": world.dave.person.id_number,
            "item_code": "volunteer",
            "date": "2020-06-01",
            "evidence": "x",
        },
    )
    assert "找不到该党员" in response.content.decode()
    assert not ScoreEvent._base_manager.exists()


def test_town_computes_a_round_from_the_overview(world):
    record(world, world.alice)
    client = login(world.town)
    response = client.post(
        "/vanguard/rounds/compute/", {"town": world.tree.town_a.pk, "year": 2020}
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert len(detail.context["page"].object_list) == 3


def test_a_village_cadre_sees_only_their_villages_results_in_the_town_round(world):
    publicised_round(world, start=dt.date(2021, 1, 4))
    rnd = Result._base_manager.first().round
    response = login(world.village).get(f"/vanguard/rounds/{rnd.pk}/")
    members = {r.member for r in response.context["page"].object_list}
    assert members == {world.alice, world.bob}


def test_the_event_list_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for member in (world.alice, world.bob, world.carol):
        record(world, member)
    client = login(world.town)
    with django_assert_max_num_queries(12):
        response = client.get("/vanguard/events/?year=2020")
    assert len(response.context["page"].object_list) == 3


def test_the_round_page_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for member in (world.alice, world.bob, world.carol):
        record(world, member)
    rnd = publicised_round(world, start=dt.date(2021, 1, 4))
    client = login(world.town)
    with django_assert_max_num_queries(12):
        response = client.get(f"/vanguard/rounds/{rnd.pk}/")
    assert len(response.context["page"].object_list) == 3
