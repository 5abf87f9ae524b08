from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from xingcun.core.models import Area
from xingcun.villages import rules
from xingcun.villages.models import WeakVillageRule
from xingcun.villages.tests.factories import income_profile, weak_rule


def test_default_rule_is_created_once(tree):
    with scope(area=tree.district.path):
        first = rules.ensure_default_rule(district=tree.district)
        again = rules.ensure_default_rule(district=tree.district)
    assert first.pk == again.pk
    assert (first.total_income_below, first.operating_income_below) == (Decimal(10), Decimal(5))


def test_status_uses_the_version_valid_in_each_year(tree):
    weak_rule(tree.district, 2017, 2019, 10, 5)
    weak_rule(tree.district, 2020, None, 50, 30)
    p2019 = income_profile(tree.village_a, 2019, operating=8, subsidy=10)  # total 18, operating 8
    p2020 = income_profile(tree.village_a, 2020, operating=8, subsidy=10)
    with scope(area=tree.village_a.path):  # a village's status uses the district's rule
        assert not rules.is_weak(p2019)
        assert rules.is_weak(p2020)


def test_a_town_line_shadows_the_district_line(tree):
    weak_rule(tree.district, 2017, None, 10, 5)
    weak_rule(tree.town_a, 2017, None, 50, 30, name="5030")
    inside = income_profile(tree.village_a, 2020, operating=20, subsidy=10)
    outside = income_profile(tree.village_b, 2020, operating=20, subsidy=10)
    with scope(area=tree.district.path):
        assert rules.is_weak(inside)
        assert not rules.is_weak(outside)
        assert list(rules.weak_profiles(year=2020)) == [inside]


def test_overlapping_validity_is_refused(tree):
    weak_rule(tree.district, 2017, 2020, 10, 5)
    overlapping = WeakVillageRule(
        area=tree.district,
        name="新标准",
        valid_from=2019,
        total_income_below=50,
        operating_income_below=30,
    )
    with scope(area=tree.district.path), pytest.raises(ValidationError, match="有效期与已有规则"):
        overlapping.full_clean()


def test_village_user_sees_status_computed_with_the_district_rule(tree):
    weak_rule(tree.district, 2017, None, 10, 5)
    weak = income_profile(tree.village_a, 2020, operating=1, subsidy=2)
    with scope(area=tree.village_a.path):
        assert list(rules.weak_profiles(year=2020)) == [weak]


class SetBasedMatchesPerProfile(TestCase):
    """The one-query selector agrees with the per-profile rule for arbitrary incomes."""

    @settings(max_examples=25, deadline=None)
    @given(
        incomes=st.lists(
            st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(-3, 6)),
            min_size=1,
            max_size=6,
        )
    )
    def test_selector_equals_rule(self, incomes):
        with scopes_disabled():
            district = Area.tree.create(
                code="330112000000", name="临安区", level=3, path="/330112/"
            )
            weak_rule(district, 2017, None, 10, 5)
            made = []
            for n, (operating, subsidy, investment) in enumerate(incomes):
                village = Area.tree.create(
                    code=f"330112108{n:03d}",
                    name=f"村{n}",
                    level=5,
                    parent=district,
                    path=f"/330112/330112108{n:03d}/",
                )
                made.append(
                    income_profile(village, 2020, operating, subsidy, investment_income=investment)
                )
        with scope(area=district.path):
            selected = set(rules.weak_profiles(year=2020))
            assert selected == {p for p in made if rules.is_weak(p)}
