"""A reference to a large register is a search field: type part of a name, pick the match."""

from __future__ import annotations

import pytest

from tests.browser.test_flows import add_person
from xingcun.core.permissions import Role

pytestmark = pytest.mark.browser


def test_household_head_is_found_by_typing_and_picked(new_page, login, shot, tree, make_user):
    mine = add_person("王白牛", tree.village_a, 11)
    add_person("王玉屏", tree.village_b, 13)  # another town: never offered
    user = make_user(Role.TOWN, tree.town_a)
    page = new_page()
    login(page, user.username, prefix="reference")

    response = page.goto("/r/households/new/")
    assert response is not None
    assert len(response.body()) < 100 * 1024
    page.locator("#id_head-ts-control").fill("王")
    options = page.locator(".ts-dropdown .option")
    options.first.wait_for()
    assert options.all_inner_texts() == ["王白牛"]
    shot(page, "reference-01-search")
    options.first.click()
    assert page.locator("select#id_head").input_value() == str(mine.pk)
    shot(page, "reference-02-picked")
