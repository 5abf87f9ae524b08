from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.ecommerce.models import EcommerceRecord, TaobaoRule
from xingcun.ecommerce.tests.factories import BranchFactory, RecordFactory, RuleFactory
from xingcun.organisations.models import BranchMembership
from xingcun.people.tests.factories import PartyMemberFactory


def upload(text):
    return {"file": SimpleUploadedFile("x.csv", text.encode("utf-8"), content_type="text/csv")}


def test_village_user_records_ecommerce_data(tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post(
        "/r/ecommerce/new/",
        {
            "area": tree.village_a.pk,
            "year": 2020,
            "online_shops": 260,
            "active_shops": 180,
            "online_sales": "12500",
            "ecommerce_households": 320,
            "has_taobao_branch": "on",
            "has_association": "on",
            "has_cooperative": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert EcommerceRecord.objects.get().has_full_model


def test_import_with_negative_sales_saves_nothing(tree, client_as):
    csv = (
        "村社代码,年度,网店数,活跃网店数,网络零售额(万元)\n"
        "330112108230,2020,100,80,1200\n"
        "330112108231,2020,10,5,-3\n"
        "330112108231,2021,10,50,3\n"
    )
    response = client_as(Role.TOWN, tree.town_a).post("/r/ecommerce/import/", upload(csv))
    job = response.context["job"]
    assert job.status == "failed"
    assert any(e.startswith("第3行 网络零售额") for e in job.errors)
    assert any(e.startswith("第4行") and "活跃网店" in e for e in job.errors)
    with scopes_disabled():
        assert not EcommerceRecord.objects.exists()


def test_rule_import_without_thresholds_is_refused(tree, client_as):
    csv = "区(县)代码,规则名称,起始年度,淘宝村：网络零售额不低于(万元),淘宝镇：淘宝村不少于(个)\n330112,新规则,2021,1000,3\n"
    response = client_as(Role.DISTRICT, tree.district).post("/r/taobao-rules/import/", upload(csv))
    job = response.context["job"]
    assert job.status == "failed"
    assert "淘宝村规则须有" in " ".join(job.errors)
    with scopes_disabled():
        assert not TaobaoRule.objects.exists()


def test_overview_lists_taobao_villages_and_towns(tree, client_as):
    RuleFactory(area=tree.district, town_min_villages=1)
    RecordFactory(area=tree.village_a, online_sales=1500, online_shops=150, active_shops=120)
    response = client_as(Role.DISTRICT, tree.district).get("/ecommerce/?year=2020")
    assert list(response.context["towns"]) == [tree.town_a]
    assert [r.area for r in response.context["villages"]] == [tree.village_a]
    assert "淘宝镇数" in response.content.decode()


def test_branch_page_adds_a_returned_entrepreneur(tree, client_as):
    branch = BranchFactory(organisation__area=tree.town_a)
    member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=True)
    client = client_as(Role.TOWN, tree.town_a)
    response = client.post(
        f"/ecommerce/branches/{branch.pk}/members/",
        {"member": member.pk, "joined_on": "2020-01-01"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert BranchMembership.objects.get().member == member


def test_branch_of_another_town_is_not_found(tree, client_as):
    branch = BranchFactory(organisation__area=tree.town_b)
    response = client_as(Role.TOWN, tree.town_a).get(f"/ecommerce/branches/{branch.pk}/")
    assert response.status_code == 404


def test_district_user_creates_the_default_rule(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    assert client.post("/ecommerce/default-rule/").status_code == 302
    with scopes_disabled():
        assert TaobaoRule.objects.get().town_min_villages == 3
