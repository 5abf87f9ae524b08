import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.models import Area
from xingcun.ecommerce import rules
from xingcun.ecommerce.models import EcommerceRecord, TaobaoRule
from xingcun.ecommerce.tests.factories import RecordFactory, RuleFactory
from xingcun.pairing.tests.factories import ProfileFactory


def statuses(tree, year):
    with scope(area=tree.district.path):
        villages = {r.area for r in rules.taobao_villages(year=year)}
        towns = set(rules.taobao_towns(year=year))
    return villages, towns


def test_default_rule_is_created_once(tree):
    with scopes_disabled():
        first = rules.ensure_default_rule(district=tree.district)
        again = rules.ensure_default_rule(district=tree.district)
    assert first.pk == again.pk
    assert (first.village_min_sales, first.village_min_active_shops) == (1000, 100)


def test_village_needs_sales_and_active_shops_or_household_share(tree):
    RuleFactory(area=tree.district)
    RecordFactory(area=tree.village_a, online_sales=1200, online_shops=150, active_shops=120)
    RecordFactory(area=tree.village_a2, online_sales=1200, online_shops=80, active_shops=60,
                  ecommerce_households=40)  # fmt: skip
    ProfileFactory(area=tree.village_a2, households=300)  # 40/300 = 13% ≥ 10%
    RecordFactory(area=tree.village_b, online_sales=900, online_shops=300, active_shops=200)
    RecordFactory(area=tree.village_b2, online_sales=5000, online_shops=50, active_shops=50,
                  ecommerce_households=10)  # fmt: skip
    ProfileFactory(area=tree.village_b2, households=400)  # 2.5%
    villages, _ = statuses(tree, 2020)
    assert villages == {tree.village_a, tree.village_a2}


def test_town_by_three_villages_or_by_totals(tree):
    RuleFactory(area=tree.district, town_min_villages=2, town_min_sales=3000, town_min_shops=300)
    for village in (tree.village_a, tree.village_a2):  # two 淘宝村 in 昌化镇
        RecordFactory(area=village, online_sales=1500, online_shops=120, active_shops=110)
    RecordFactory(area=tree.village_b, online_sales=2500, online_shops=400, active_shops=250)
    RecordFactory(area=tree.village_b2, online_sales=600, online_shops=80, active_shops=60)
    _, towns = statuses(tree, 2020)
    assert towns == {tree.town_a, tree.town_b}  # 清凉峰镇: 3100万元 and 310 active shops


def test_each_year_uses_its_own_rule_version(tree):
    RuleFactory(area=tree.district, valid_from=2014, valid_to=2019, village_min_sales=500)
    RuleFactory(area=tree.district, valid_from=2020, village_min_sales=1000)
    for year in (2019, 2020):
        RecordFactory(area=tree.village_a, year=year, online_sales=800, online_shops=150,
                      active_shops=120)  # fmt: skip
    assert statuses(tree, 2019)[0] == {tree.village_a}
    assert statuses(tree, 2020)[0] == set()


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        pytest.param(
            {"village_min_sales": 1000, "town_min_villages": 3},
            "淘宝村规则须有",
            id="no_village_threshold",
        ),
        pytest.param(
            {"village_min_sales": 1000, "village_min_active_shops": 100, "town_min_sales": 3000},
            "淘宝镇规则须有",
            id="no_town_threshold",
        ),
    ],
)
def test_rule_missing_a_threshold_is_refused(tree, thresholds, message):
    rule = TaobaoRule(area=tree.district, name="空规则", valid_from=2020, **thresholds)
    with scopes_disabled(), pytest.raises(ValidationError, match=message):
        rule.full_clean()


def test_overlapping_rule_versions_are_refused(tree):
    RuleFactory(area=tree.district, valid_from=2014)
    rule = TaobaoRule(
        area=tree.district, name="新", valid_from=2020, village_min_sales=1,
        village_min_active_shops=1, town_min_villages=1,
    )  # fmt: skip
    with scopes_disabled(), pytest.raises(ValidationError, match="重叠"):
        rule.full_clean()


def test_negative_sales_are_refused(tree):
    record = EcommerceRecord(
        area=tree.village_a, year=2020, online_shops=1, active_shops=1, online_sales=-5
    )
    with scopes_disabled(), pytest.raises(ValidationError, match="不能为负数"):
        record.full_clean()


def test_more_active_shops_than_shops_are_refused(tree):
    record = EcommerceRecord(
        area=tree.village_a, year=2020, online_shops=1, active_shops=2, online_sales=5
    )
    with scopes_disabled(), pytest.raises(ValidationError, match="不能多于网店数"):
        record.full_clean()


def test_town_status_reads_villages_outside_the_users_village(tree):
    RuleFactory(area=tree.district, town_min_villages=1)
    RecordFactory(area=tree.village_a2, online_sales=1500, online_shops=120, active_shops=110)
    with scope(area=tree.town_a.path):
        assert list(rules.taobao_towns(year=2020)) == [tree.town_a]
    with scopes_disabled():
        assert Area.objects.filter(rules.town_condition(year=2020)).count() == 1
