"""The member's score page in real Chromium on a 390-px-wide phone screen."""

import datetime as dt

from django_scopes import scope

from xingcun.vanguard import services


def test_my_score_fits_a_phone_and_explains_each_item(new_page, login, shot, world):
    with scope(area=world.tree.district.path):
        for code in ("volunteer", "volunteer", "family_model", "dues_late"):
            services.score_event_record(
                member=world.alice, item_code=code, date=dt.date(2020, 6, 1),
                evidence="参加村里防汛值守，值班表为证", recorded_by=world.town, source="manual",
            )  # fmt: skip
        rnd = services.round_compute(town=world.tree.town_a, year=2020, actor=world.town)
        services.round_publicise(round=rnd, actor=world.town, start=dt.date.today())  # noqa: DTZ011
    world.member_user.set_password("pw-test-123")
    world.member_user.save()
    page = new_page(width=390, height=844)
    login(page, world.member_user.username, prefix="vanguard")
    page.goto("/vanguard/me/?year=2020")
    page.get_by_text("参加志愿服务和急难险重任务").click()  # open the item's events
    page.wait_for_load_state("load")
    shot(page, "vanguard-my-score-390x844")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    assert page.locator(".vg-big").inner_text().startswith("87分")  # 80 + 4 + 5 − 2
    assert page.get_by_text("本支部公示名单").is_visible()
    assert page.get_by_role("link", name="2020-06-01").first.is_visible()
