"""A few end-to-end walks through the pages in real Chromium: login, scope, import, phone width.

Screenshots of each step go to test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from xingcun.core import idcard
from xingcun.core.permissions import Role
from xingcun.people.models import Person

pytestmark = pytest.mark.browser

PEOPLE_HEADERS = ["身份证号", "姓名", "性别", "出生日期", "手机号", "所在村社代码"]


def add_person(name: str, area, sequence: int) -> Person:
    number = idcard.make("330112", dt.date(1975, 3, 8), sequence)
    with scopes_disabled():  # fixture data is created outside any user's scope
        return Person.objects.create(
            name=name,
            id_number=number,
            gender=idcard.gender(number),
            birth_date=idcard.birth_date(number),
            area=area,
        )


@pytest.fixture
def two_villagers(tree):
    return add_person("王白牛", tree.village_a, 11), add_person("赵玉屏", tree.village_b, 13)


def test_village_secretary_sees_only_own_village(
    new_page, login, shot, tree, make_user, two_villagers
):
    own, other = two_villagers
    user = make_user(Role.VILLAGE, tree.village_a)
    page = new_page()

    login(page, user.username, prefix="village")
    assert "白牛村" in page.locator("h1").inner_text()
    assert page.get_by_text("村党组织书记 · 白牛村").is_visible()
    shot(page, "village-02-home")

    page.goto("/r/people/")
    table = page.locator("table.table tbody")
    assert table.get_by_role("link", name=own.name).is_visible()
    assert table.get_by_text(other.name).count() == 0
    shot(page, "village-03-people-list")

    page.get_by_role("link", name=own.name).click()
    assert page.locator("h1").inner_text().find(own.name) >= 0
    shot(page, "village-04-own-person-detail")

    response = page.goto(f"/r/people/{other.pk}/")
    assert response is not None
    assert response.status == 404
    assert other.name not in page.content()
    shot(page, "village-05-other-village-person-404")


def test_district_user_sees_every_village(new_page, login, shot, tree, make_user, two_villagers):
    own, other = two_villagers
    user = make_user(Role.DISTRICT, tree.district)
    page = new_page()

    login(page, user.username, prefix="district")
    assert "临安区" in page.locator("h1").inner_text()
    shot(page, "district-02-home")

    page.goto("/r/people/")
    table = page.locator("table.table tbody")
    assert table.get_by_role("link", name=own.name).is_visible()
    assert table.get_by_role("link", name=other.name).is_visible()
    shot(page, "district-03-people-list")

    response = page.goto(f"/r/people/{other.pk}/")
    assert response is not None
    assert response.status == 200
    shot(page, "district-04-person-detail")


def test_import_with_a_bad_id_number_reports_the_row_and_saves_nothing(
    new_page, login, shot, tree, make_user, tmp_path
):
    good = idcard.make("330112", dt.date(1988, 8, 8), 21)
    rows = [
        PEOPLE_HEADERS,
        ["33011219880808002", "钱短号", "", "", "", tree.village_a.code],  # 17 digits
        [good, "孙正常", "", "", "13900000001", tree.village_b.code],
    ]
    upload = tmp_path / "人员导入.csv"
    upload.write_bytes("\r\n".join(",".join(r) for r in rows).encode("utf-8-sig"))
    user = make_user(Role.DISTRICT, tree.district)
    page = new_page()

    login(page, user.username, prefix="import")
    page.goto("/r/people/import/")
    page.locator("input[type=file]").set_input_files(str(upload))
    shot(page, "import-02-file-chosen")
    page.get_by_role("button", name="上传并导入").click()

    errors = page.locator(".import-errors")
    errors.wait_for()
    assert "第2行 身份证号" in errors.inner_text()
    shot(page, "import-03-row-error")
    with scopes_disabled():  # checking the whole table, not one user's view of it
        assert Person.objects.count() == 0


def test_home_page_fits_a_phone_screen(new_page, login, shot, tree, make_user):
    user = make_user(Role.DISTRICT, tree.district)
    page = new_page(width=390, height=844)

    login(page, user.username, prefix="phone")
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "phone-02-home-390x844")
    assert scroll_width <= 390 + 1, f"home page is {scroll_width}px wide on a 390px screen"
