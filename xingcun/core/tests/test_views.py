import datetime as dt

import pytest
from django_scopes import scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.people.models import Person
from xingcun.people.tests.factories import PersonFactory, id_for


def person_form(village, n=1, **over):
    number = id_for(n)
    data = {
        "name": "王五",
        "id_number": number,
        "gender": "male" if int(number[16]) % 2 else "female",
        "birth_date": f"{number[6:10]}-{number[10:12]}-{number[12:14]}",
        "phone": "13900000000",
        "area": village.pk,
    }
    data.update(over)
    return data


def test_create_through_page_is_audited_with_page_path(tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post("/r/people/new/", person_form(tree.village_a))
    assert response.status_code == 302
    with scopes_disabled():
        person = Person.objects.get()
        entry = AuditEntry.objects.get(action="people.created")
    assert (entry.via, entry.object_id, entry.area) == ("page", str(person.pk), tree.village_a)
    assert entry.changes["name"] == [None, "王五"]


def test_update_records_old_and_new_values(tree, client_as):
    person = PersonFactory(area=tree.village_a, name="旧名")
    client = client_as(Role.DISTRICT, tree.district)
    data = person_form(
        tree.village_a,
        name="新名",
        id_number=person.id_number,
        gender=person.gender,
        birth_date=person.birth_date.isoformat(),
    )
    client.post(f"/r/people/{person.pk}/edit/", data)
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="people.updated")
    assert entry.changes["name"] == ["旧名", "新名"]
    page = client.get(f"/r/people/{person.pk}/").content.decode()
    assert "旧名 → 新名" in page


def test_delete_is_audited(tree, client_as):
    person = PersonFactory(area=tree.village_a)
    client_as(Role.DISTRICT, tree.district).post(f"/r/people/{person.pk}/delete/")
    with scopes_disabled():
        assert not Person.objects.exists()
        assert (
            AuditEntry.objects.get(action="people.deleted").changes["deleted"]["name"]
            == person.name
        )


def test_form_errors_are_chinese_and_nothing_is_saved(tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post(
        "/r/people/new/", person_form(tree.village_a, id_number="123456789012345678")
    )
    assert "身份证号" in response.content.decode()
    assert "校验码错误" in response.content.decode() or "出生日期无效" in response.content.decode()
    with scopes_disabled():
        assert not Person.objects.exists()


def test_form_offers_only_villages_inside_jurisdiction(tree, client_as):
    response = client_as(Role.TOWN, tree.town_a).get("/r/people/new/")
    choices = {str(a) for a in response.context["form"].fields["area"].queryset}
    assert choices == {"昌化镇", "白牛村委会", "石铺村委会"}


def test_cannot_create_in_another_village_by_forging_the_area(tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    response = client.post("/r/people/new/", person_form(tree.village_b))
    assert response.status_code == 200
    with scopes_disabled():
        assert not Person.objects.exists()


def test_future_birth_date_is_refused(tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    tomorrow = dt.date.today() + dt.timedelta(days=1)  # noqa: DTZ011
    client.post("/r/people/new/", person_form(tree.village_a, birth_date=tomorrow.isoformat()))
    with scopes_disabled():
        assert not Person.objects.exists()


def test_lists_mask_id_numbers_and_detail_shows_them_to_village_staff(tree, client_as):
    person = PersonFactory(area=tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)
    listing = client.get("/r/people/").content.decode()
    assert person.id_number not in listing
    assert person.masked_id_number in listing
    assert person.id_number in client.get(f"/r/people/{person.pk}/").content.decode()


def test_list_search_and_area_filter(tree, client_as):
    PersonFactory(area=tree.village_a, name="赵一")
    PersonFactory(area=tree.village_b, name="钱二")
    client = client_as(Role.DISTRICT, tree.district)
    assert [p.name for p, _ in client.get("/r/people/?q=赵").context["rows"]] == ["赵一"]
    by_area = client.get(f"/r/people/?area={tree.town_b.code}").context["rows"]
    assert [p.name for p, _ in by_area] == ["钱二"]


def test_list_page_query_count_does_not_grow_with_rows(
    tree, client_as, django_assert_max_num_queries
):
    PersonFactory.create_batch(30, area=tree.village_a)
    client = client_as(Role.DISTRICT, tree.district)
    with django_assert_max_num_queries(12):
        client.get("/r/people/")


def test_navigation_marks_unbuilt_parts_without_links(tree, client_as, monkeypatch):
    from xingcun.core import context_processors as cp
    from xingcun.core.permissions import NavItem, Section

    pending = NavItem("规划中的功能", None, section=Section("未来", 99))
    monkeypatch.setattr(cp, "MENU", [*cp.MENU, pending])
    monkeypatch.setattr(cp, "_menus", {})  # the menus this process built from the declarations
    page = client_as(Role.DISTRICT, tree.district).get("/").content.decode()
    assert "组织振兴" in page
    assert (
        '<span class="nav-pending" title="该功能正在建设中">规划中的功能 <em>建设中</em></span>'
        in page
    )


def test_chinese_is_the_default_whatever_the_browser_says(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    page = client.get("/", headers={"accept-language": "en-US,en"}).content.decode()
    assert "基础数据" in page


def test_english_switch(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Basic data" in page
    assert "基础数据" not in page


def test_member_home_offers_the_member_pages(tree, client_as):
    from django.urls import NoReverseMatch, reverse

    page = client_as(Role.MEMBER, tree.village_a).get("/").content.decode()
    for name in ("posts:mine", "vanguard:my-score", "wishes:wall"):
        try:
            url = reverse(name)
        except NoReverseMatch:  # app not installed in this build
            continue
        assert f'href="{url}"' in page


@pytest.mark.parametrize(
    ("role", "shortcut"), [(Role.EXPERT, "orders:list"), (Role.PARTNER, "finance:home")]
)
def test_expert_and_partner_homes_show_only_their_own_work(tree, client_as, role, shortcut):
    from django.urls import reverse

    response = client_as(role, tree.district).get("/")
    page = response.content.decode()
    assert f'href="{reverse(shortcut)}"' in page
    assert "分配给我的工作" in page
    assert "下辖单位" not in page
    assert "登记簿" not in page
    assert "tiles" not in response.context or not response.context.get("tiles")


def test_error_pages_are_chinese(tree, client_as):
    client = client_as(Role.MEMBER, tree.village_a)
    assert "无权访问" in client.get("/r/people/").content.decode()
    assert "不在您的辖区内" in client.get("/r/projects/999999/").content.decode()
