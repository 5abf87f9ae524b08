import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from xingcun.alliances.models import AllianceMember, AllianceProject, TownTourism
from xingcun.alliances.tests.factories import AllianceFactory, MemberFactory
from xingcun.core.permissions import Role
from xingcun.pairing.tests.factories import VillageOrganisationFactory
from xingcun.projects.tests.factories import ProjectFactory


def test_town_user_forms_an_alliance_and_adds_members(tree, client_as):
    lead = VillageOrganisationFactory(area=tree.village_a)
    other = VillageOrganisationFactory(area=tree.village_a2)
    client = client_as(Role.TOWN, tree.town_a)
    response = client.post(
        "/r/alliances/new/",
        {
            "code": "LM-01",
            "name": "山核桃党建联盟",
            "area": tree.town_a.pk,
            "lead": lead.pk,
            "founded_on": "2019-05-01",
            "uses_stewards": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        alliance = lead.led_alliances.get()
    for org in (lead, other):
        response = client.post(
            f"/alliances/{alliance.pk}/members/",
            {"organisation": org.pk, "joined_on": "2019-05-01"},
        )
        assert response.status_code == 302
    project = ProjectFactory(area=tree.town_a)
    client.post(f"/alliances/{alliance.pk}/projects/", {"project": project.pk})
    page = client.get(f"/alliances/{alliance.pk}/?year=2020")
    assert page.status_code == 200
    assert page.context["landed"] == 1
    with scopes_disabled():
        assert AllianceMember.objects.filter(alliance=alliance).count() == 2
        assert AllianceProject.objects.filter(alliance=alliance).count() == 1


def test_adding_a_member_before_founding_shows_the_error(tree, client_as):
    alliance = AllianceFactory(area=tree.town_a, lead__area=tree.village_a)
    org = VillageOrganisationFactory(area=tree.village_a2)
    response = client_as(Role.TOWN, tree.town_a).post(
        f"/alliances/{alliance.pk}/members/", {"organisation": org.pk, "joined_on": "2010-01-01"}
    )
    assert "早于联盟成立日期" in response.content.decode()


def test_alliance_of_another_town_is_not_found(tree, client_as):
    alliance = AllianceFactory(area=tree.town_b, lead__area=tree.village_b)
    assert client_as(Role.TOWN, tree.town_a).get(f"/alliances/{alliance.pk}/").status_code == 404


def test_member_leaves_through_the_page(tree, client_as):
    member = MemberFactory(
        alliance=AllianceFactory(area=tree.town_a, lead__area=tree.village_a),
        organisation__area=tree.village_a2,
    )
    response = client_as(Role.VILLAGE, tree.village_a2).post(
        f"/alliances/members/{member.pk}/leave/", {"left_on": "2020-12-31", "reason": "调整"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        member.refresh_from_db()
    assert member.left_on == dt.date(2020, 12, 31)


def test_overview_lists_alliances_and_figures(tree, client_as):
    AllianceFactory(area=tree.town_a, lead__area=tree.village_a, name="虹心党建联盟")
    body = client_as(Role.DISTRICT, tree.district).get("/alliances/?year=2020").content.decode()
    assert "虹心党建联盟" in body
    assert "党建联盟落地项目总投资" in body


def test_tourism_import_rejects_negative_and_bad_rows(tree, client_as):
    csv = (
        "镇街代码,年度,接待游客(万人次),旅游总收入(万元)\n"
        "330112108,2020,12.5,3000\n"
        "330112108,2021,-3,3000\n"
        "330112108230,2020,1,1\n"
    )
    response = client_as(Role.DISTRICT, tree.district).post(
        "/r/town-tourism/import/",
        {"file": SimpleUploadedFile("t.csv", csv.encode("utf-8"), content_type="text/csv")},
    )
    job = response.context["job"]
    assert job.status == "failed"
    assert any(e.startswith("第3行 接待游客") for e in job.errors)
    assert any(e.startswith("第4行 镇街代码") for e in job.errors)
    with scopes_disabled():
        assert not TownTourism.objects.exists()
