"""The 设岗定责 registers: export → import round trip, and bad rows refused whole."""

from __future__ import annotations

import pytest

from xingcun.core.tests.test_imports import assert_reimports_unchanged, csv_bytes, run_import
from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
from xingcun.posts.models import HouseholdPairing
from xingcun.posts.tests.factories import (
    HelpLogFactory,
    PostFactory,
    PostRuleFactory,
    PostTypeFactory,
)


@pytest.fixture
def populated(tree):
    kind = PostTypeFactory(area=tree.district, code="sanitation", name="环境卫生岗")
    PostRuleFactory(area=tree.district)
    PostFactory(area=tree.village_a, post_type=kind)
    HelpLogFactory(area=tree.village_a)
    return tree


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "key", ["post-types", "post-rules", "posts", "household-pairings", "help-logs"]
)
def test_each_register_imports_its_own_export_unchanged(populated, key, fmt):
    assert_reimports_unchanged(key, populated.district, fmt)


def test_pairing_with_a_household_that_is_not_flagged_is_refused_whole(tree):
    member = PartyMemberFactory(area=tree.village_a)
    poor = HouseholdFactory(area=tree.village_a, is_low_income=True)
    plain = HouseholdFactory(area=tree.village_a)
    headers = ["党员身份证号", "户编号", "结对类型", "结对日期"]
    rows = [
        headers,
        [member.person.id_number, poor.number, "低收入(贫困)户", "2020-03-01"],
        [member.person.id_number, plain.number, "示范户", "2020-03-01"],
    ]
    result = run_import("household-pairings", csv_bytes(rows), "p.csv", tree.district)
    assert len(result.errors) == 1
    assert result.errors[0].startswith("第3行 户编号: ")
    assert "不是示范户" in result.errors[0]
    assert not HouseholdPairing._base_manager.exists()
