import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.pairing import services
from xingcun.pairing.models import (
    Activity,
    Agreement,
    PairingRun,
    PairingTarget,
    Proposal,
    VillageAssessment,
)
from xingcun.pairing.tests.factories import (
    AgreementFactory,
    ProfileFactory,
    StandingFactory,
    VillageOrganisationFactory,
    weak_profile,
)
from xingcun.villages.rules import ensure_default_rule


@pytest.fixture
def configured(tree):
    with scopes_disabled():  # configuration of the fixture district
        ensure_default_rule(district=tree.district)
        services.ensure_defaults(district=tree.district, years=[2020])
    strong = StandingFactory(organisation__area=tree.village_a, star_level=5).organisation
    ProfileFactory(area=tree.village_a, industries="电商、山核桃")
    weak = VillageOrganisationFactory(area=tree.village_b)
    weak_profile(tree.village_b, industries="山核桃")
    return strong, weak


def test_district_user_runs_adjusts_and_accepts_a_recommendation(tree, client_as, configured):
    strong, weak = configured
    client = client_as(Role.DISTRICT, tree.district)
    response = client.post("/pairing/runs/new/", {"year": 2020})
    with scopes_disabled():
        run = PairingRun.objects.get()
    assert response.status_code == 302
    assert client.post(f"/pairing/runs/{run.pk}/solve/").status_code == 302
    page = client.get(f"/pairing/runs/{run.pk}/")
    assert "共同产业" in page.content.decode()
    weights = {
        "industry": "0.8",
        "distance": "0.1",
        "strength": "0.1",
        "same_town": "1",
        "neighbour": "0.6",
        "elsewhere": "0.2",
        "capacity": "1",
        "min_star": "4",
        "start_on": "2020-01-01",
        "end_on": "2022-12-31",
    }
    assert client.post(f"/pairing/runs/{run.pk}/weights/", weights).status_code == 302
    with scopes_disabled():
        proposal = Proposal.objects.get(run=run)
    assert float(proposal.score) == pytest.approx(0.8 * 1 + 0.1 * 0.6 + 0.1 * 1)  # neighbours
    response = client.post(f"/pairing/runs/{run.pk}/accept/", {"proposals": [proposal.pk]})
    assert response.status_code == 302
    with scopes_disabled():
        made = Agreement.objects.get()
    assert (made.strong, made.weak) == (strong, weak)


def test_weights_that_are_all_zero_show_an_error(tree, client_as, configured):
    client = client_as(Role.DISTRICT, tree.district)
    client.post("/pairing/runs/new/", {"year": 2020})
    with scopes_disabled():
        run = PairingRun.objects.get()
    data = {"industry": "0", "distance": "0", "strength": "0", "same_town": "1",
            "neighbour": "0.6", "elsewhere": "0.2", "capacity": "1", "min_star": "4",
            "start_on": "2020-01-01", "end_on": "2022-12-31"}  # fmt: skip
    response = client.post(f"/pairing/runs/{run.pk}/weights/", data)
    assert "不能全为0" in response.content.decode()
    with scopes_disabled():
        run.refresh_from_db()
    assert run.industry > 0


def test_overview_shows_figures_targets_and_unpaired_weak_villages(tree, client_as, configured):
    response = client_as(Role.DISTRICT, tree.district).get("/pairing/?year=2020")
    body = response.content.decode()
    assert response.status_code == 200
    assert "结对共建村社党组织对数" in body
    assert "目标由临安区设定" in body
    assert "集体经济薄弱村" in body


def test_village_user_logs_an_activity_of_its_agreement(tree, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    made = AgreementFactory(strong__area=tree.village_a, weak__area=tree.village_b)
    client = client_as(Role.VILLAGE, tree.village_a)  # the strong side
    response = client.post(
        f"/pairing/agreements/{made.pk}/activities/",
        {
            "held_on": "2020-04-01",
            "kind": "market",
            "participants": "两村电商协会",
            "participant_count": "8",
            "summary": "山核桃上行对接",
            "evidence": SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        activity = Activity.objects.get()
    download = client.get(f"/pairing/activities/{activity.pk}/evidence/")
    download.close()
    assert download.status_code == 200


def test_agreement_of_other_villages_is_not_found(tree, client_as):
    made = AgreementFactory(strong__area=tree.village_b, weak__area=tree.village_b2)
    client = client_as(Role.VILLAGE, tree.village_a)
    assert client.get(f"/pairing/agreements/{made.pk}/").status_code == 404


def test_ending_an_agreement_before_it_started_shows_the_error(tree, client_as):
    made = AgreementFactory(strong__area=tree.village_a, weak__area=tree.village_b)
    client = client_as(Role.TOWN, tree.town_a)
    response = client.post(
        f"/pairing/agreements/{made.pk}/end/",
        {"ended_on": "2019-01-01", "outcome": "failed", "reason": "撤并"},
    )
    assert "不能早于开始日期" in response.content.decode()
    with scopes_disabled():
        made.refresh_from_db()
    assert made.status == "active"


def test_assessment_page_marks_a_compliant_village(tree, client_as, configured):
    client = client_as(Role.VILLAGE, tree.village_a)
    page = client.get(f"/pairing/assessments/{tree.village_a.code}/2020/")
    items = page.context["form"].fields["items"].queryset
    response = client.post(
        f"/pairing/assessments/{tree.village_a.code}/2020/",
        {"items": [i.pk for i in items], "evidence_note": "临组〔2020〕3号", "demonstration": "on"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        found = VillageAssessment.objects.get()
    assert (found.compliant, found.demonstration) == (True, True)


def test_agreement_import_with_bad_rows_saves_nothing(tree, client_as):
    strong = VillageOrganisationFactory(area=tree.village_a, code="S-1")
    VillageOrganisationFactory(area=tree.village_b, code="W-1")
    csv = (
        "帮扶方组织编号,受援方组织编号,开始日期,约定结束日期,合作领域\n"
        "S-1,W-1,2020-01-01,2022-12-31,\n"
        "S-1,S-1,2020-01-01,2022-12-31,\n"
        "S-1,W-1,2023-01-01,2022-12-31,\n"
        "S-1,W-1,2024-01-01,2025-12-31,直播带货\n"
    )
    client = client_as(Role.DISTRICT, tree.district)
    response = client.post(
        "/r/agreements/import/",
        {"file": SimpleUploadedFile("a.csv", csv.encode("utf-8"), content_type="text/csv")},
    )
    job = response.context["job"]
    messages = " ".join(job.errors)
    assert job.status == "failed"
    assert "第3行" in messages
    assert "不能与自身结对" in messages
    assert "第4行" in messages
    assert "第5行 合作领域" in messages
    with scopes_disabled():
        assert not Agreement.objects.exists()
    assert strong.pk


def test_standing_import_sets_area_from_the_organisation(tree, client_as):
    org = VillageOrganisationFactory(area=tree.village_a, code="ORG-A")
    csv = "组织编号,年度,星级,荣誉称号,软弱后进\nORG-A,2020,5,最强党支部,否\nORG-A,2021,7,,否\n"
    client = client_as(Role.TOWN, tree.town_a)
    response = client.post(
        "/r/standings/import/",
        {"file": SimpleUploadedFile("s.csv", csv.encode("utf-8"), content_type="text/csv")},
    )
    job = response.context["job"]
    assert job.status == "failed"
    assert any("第3行" in e and "星级" in e for e in job.errors)
    csv = "组织编号,年度,星级,荣誉称号,软弱后进\nORG-A,2020,5,最强党支部,否\n"
    client.post(
        "/r/standings/import/",
        {"file": SimpleUploadedFile("s.csv", csv.encode("utf-8"), content_type="text/csv")},
    )
    with scopes_disabled():
        standing = org.standings.get()
    assert (standing.area, standing.star_level, standing.year) == (tree.village_a, 5, 2020)
    assert dt.date(2020, 1, 1)


def test_district_user_creates_the_default_configuration(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    assert client.get("/pairing/?year=2020").context["needs_defaults"]
    assert client.post("/pairing/defaults/?year=2020").status_code == 302
    assert not client.get("/pairing/?year=2020").context["needs_defaults"]
    with scopes_disabled():
        assert PairingTarget.objects.get().year == 2020
