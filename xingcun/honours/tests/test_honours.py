from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from xingcun.core import registry
from xingcun.core.permissions import Role
from xingcun.core.tests.clients import login
from xingcun.honours import selectors, services
from xingcun.honours.models import CasePhoto, Honour, ModelCase, ModelVillage
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import PersonFactory
from xingcun.villages.models import VillageProfile


def save_honour(user, **values):
    reg = registry.get("honours")
    base = {"title": "浙江省文明村", "level": "provincial", "year": 2018, "awarded_by": "",
            "note": "", "area": None, "person": None, "organisation": None}  # fmt: skip
    base.update(values)
    return registry.record_save(registry=reg, obj=Honour(), values=base, actor=user)


def test_an_honour_of_a_person_or_organisation_takes_its_area(tree, make_user):
    user = make_user(Role.TOWN, tree.town_a)
    person = PersonFactory(area=tree.village_a2)
    org = OrganisationFactory(area=tree.village_a)
    with scope(area=tree.town_a.path):
        by_person = save_honour(user, recipient="person", person=person, area=tree.village_a)
        by_org = save_honour(user, recipient="organisation", organisation=org)
    assert (by_person.area, by_person.recipient_name) == (tree.village_a2, person.name)
    assert by_org.area == tree.village_a


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"recipient": "village", "area": "town"}, "请选择一个村"),
        ({"recipient": "person", "area": "village"}, "请填写获奖人"),
        ({"recipient": "village", "area": "village", "year": 1900}, "year"),
    ],
)
def test_bad_honours_are_refused_and_nothing_is_saved(tree, make_user, values, message):
    user = make_user(Role.TOWN, tree.town_a)
    values = dict(values, area={"town": tree.town_a, "village": tree.village_a}[values["area"]])
    with scope(area=tree.town_a.path), pytest.raises(ValidationError, match=message):
        save_honour(user, **values)
    assert not Honour._base_manager.exists()


def test_a_village_user_sees_only_its_own_honours(tree, make_user):
    with scopes_disabled():
        mine = Honour.objects.create(
            area=tree.village_a, title="甲", level="district", year=2019, recipient="village"
        )
        other = Honour.objects.create(
            area=tree.village_b, title="乙", level="district", year=2019, recipient="village"
        )
    client = login(make_user(Role.VILLAGE, tree.village_a))
    assert client.get(f"/r/honours/{mine.pk}/").status_code == 200
    assert client.get(f"/r/honours/{other.pk}/").status_code == 404


def test_honours_import_from_a_csv(tree, make_user):
    from xingcun.core import imports
    from xingcun.core.tabular import read_table

    user = make_user(Role.DISTRICT, tree.district)
    content = (
        "荣誉称号,级别,年度,授予单位,授予对象,获奖村社代码,获奖党组织编号,获奖人身份证号,说明\n"
        f"全国民主法治示范村,国家级,2014,司法部,村(社区),{tree.village_a.code},,,\n"
        f"浙江省文明村,省级,2016,,村(社区),{tree.village_a.code},,,\n"
    ).encode()
    with scope(area=tree.district.path):
        table = read_table(content, "h.csv", max_bytes=10**6)
        result = imports.import_table(
            registry=registry.get("honours"), table=table, filename="h.csv", actor=user
        )
    assert result.ok, result.errors
    assert Honour._base_manager.filter(area=tree.village_a).count() == 2


def profile(area, year, income):
    with scopes_disabled():
        return VillageProfile.objects.create(
            area=area, year=year, population=1000, households=300, per_capita_income=income,
            operating_income=1, contract_income=1, investment_income=1, subsidy_income=1,
            other_income=1, debt=0,
        )  # fmt: skip


def test_a_model_villages_income_is_compared_with_its_base_year(tree):
    with scopes_disabled():
        ModelVillage.objects.create(area=tree.village_a, since_year=2015, base_year=2012)
    profile(tree.village_a, 2012, Decimal(15000))
    profile(tree.village_a, 2019, Decimal(31500))
    profile(tree.village_a, 2020, Decimal(33000))
    with scope(area=tree.district.path):
        (row,) = selectors.model_village_incomes(year=2019)
    assert (row.base, row.latest_year, row.latest, row.multiple, row.doubled) == (
        Decimal(15000), 2019, Decimal(31500), Decimal("2.10"), True,
    )  # fmt: skip


def case(tree):
    with scopes_disabled():
        return ModelCase.objects.create(
            area=tree.village_a, title="好家风", kind="village", year=2019, summary="立家训"
        )


def test_a_photo_is_added_to_a_case_and_served_inside_the_scope(tree, make_user):
    item = case(tree)
    user = make_user(Role.VILLAGE, tree.village_a)
    with scope(area=tree.village_a.path):
        photo = services.photo_add(
            case=item,
            caption="褒奖礼",
            upload=SimpleUploadedFile("a.jpg", b"\xff\xd8\xff"),
            actor=user,
        )
    response = login(user).get(f"/honours/photos/{photo.pk}/")
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff"
    outsider = login(make_user(Role.VILLAGE, tree.village_b))
    assert outsider.get(f"/honours/photos/{photo.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("name", "caption", "message"),
    [("a.exe", "说明", "JPG"), ("a.png", " ", "照片说明")],
)
def test_bad_photos_are_refused(tree, make_user, name, caption, message):
    item = case(tree)
    user = make_user(Role.VILLAGE, tree.village_a)
    with scope(area=tree.village_a.path), pytest.raises(ValidationError, match=message):
        services.photo_add(
            case=item, caption=caption, upload=SimpleUploadedFile(name, b"x"), actor=user
        )
    assert not CasePhoto._base_manager.exists()


def test_the_overview_lists_model_villages_and_counts_by_level(tree, make_user):
    with scopes_disabled():
        Honour.objects.create(
            area=tree.village_a, title="甲", level="national", year=2014, recipient="village"
        )
        ModelVillage.objects.create(area=tree.village_a, since_year=2015, base_year=2012)
    response = login(make_user(Role.MEMBER, tree.village_a)).get("/honours/?year=2020")
    assert response.status_code == 200
    assert dict(response.context["levels"])["国家级"] == 1
    assert len(response.context["incomes"]) == 1
