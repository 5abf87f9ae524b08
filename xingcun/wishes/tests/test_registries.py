"""The wish, rule and visit registers: export → import round trip, and bad rows refused whole."""

from __future__ import annotations

import datetime as dt

import pytest

from xingcun.core.tests.test_imports import assert_reimports_unchanged, csv_bytes, run_import
from xingcun.people.tests.factories import HouseholdFactory
from xingcun.wishes.models import Visit, Wish
from xingcun.wishes.tests.factories import VisitFactory, WishFactory, WishRuleFactory


@pytest.fixture
def populated(tree):
    household = HouseholdFactory(area=tree.village_a)
    WishFactory(area=tree.village_a, household=household, source="public")
    WishFactory(area=tree.village_a2, published=True)
    WishRuleFactory(area=tree.district, valid_to=2019)
    WishRuleFactory(area=tree.district, valid_from=2020, points="2.5")
    VisitFactory(area=tree.village_a, target="household", household=household)
    VisitFactory(area=tree.village_b, target="enterprise", enterprise="竹笋加工厂")
    return tree


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("key", ["wishes", "wish-rules", "visits"])
def test_each_register_imports_its_own_export_unchanged(populated, key, fmt):
    assert_reimports_unchanged(key, populated.district, fmt)


def test_imported_wishes_wait_for_verification(tree):
    headers = ["所在村代码", "心愿", "具体内容", "类别", "心愿人", "收集日期"]
    rows = [
        headers,
        [tree.village_a.code, "想要一台收音机", "独居老人", "就医助老", "周阿婆", "2020-06-01"],
    ]
    result = run_import("wishes", csv_bytes(rows), "wishes.csv", tree.district)
    assert result.ok, result.errors
    wish = Wish._base_manager.get()
    assert (wish.status, wish.source, wish.number) == ("submitted", "staff", "")


def test_a_visit_resolving_more_than_it_raised_is_refused_and_nothing_saved(tree):
    headers = ["走访干部", "走访日期", "走访村代码", "走访对象", "收集问题数", "解决问题数"]
    rows = [
        headers,
        ["李明", "2020-05-01", tree.village_a.code, "村(社区)", "2", "1"],
        ["王强", "2020-05-02", tree.village_a.code, "村(社区)", "1", "3"],
    ]
    result = run_import("visits", csv_bytes(rows), "visits.csv", tree.district)
    assert result.errors == ["第3行 解决问题数: 解决问题数不能多于收集问题数"]
    assert not Visit._base_manager.exists()


def test_a_wish_imported_into_another_village_is_refused(tree):
    headers = ["所在村代码", "心愿", "具体内容", "类别", "心愿人", "收集日期"]
    rows = [headers, [tree.village_b.code, "x", "y", "其他", "周", dt.date(2020, 6, 1).isoformat()]]
    result = run_import("wishes", csv_bytes(rows), "wishes.csv", tree.village_a)
    assert not result.ok
    assert not Wish._base_manager.exists()
