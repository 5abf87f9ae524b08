"""The competition registers: export → import round trip, and a regular branch refused."""

from __future__ import annotations

import pytest

from xingcun.competitions.models import Competition
from xingcun.competitions.tests.factories import CompetitionItemFactory
from xingcun.core.tests.test_imports import assert_reimports_unchanged, csv_bytes, run_import
from xingcun.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def populated(tree):
    CompetitionItemFactory(area=tree.town_a, cap=None)
    CompetitionItemFactory(area=tree.town_a)
    return tree


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("key", ["competitions", "competition-items"])
def test_each_register_imports_its_own_export_unchanged(populated, key, fmt):
    assert_reimports_unchanged(key, populated.district, fmt)


def test_a_competition_of_a_regular_branch_is_refused(tree):
    org = OrganisationFactory(area=tree.village_a, code="R-1")
    headers = ["党支部编号", "比拼名称", "开始日期", "结束日期"]
    rows = [headers, ["R-1", "比拼", "2020-06-01", "2020-12-31"]]
    result = run_import("competitions", csv_bytes(rows), "c.csv", tree.district)
    assert len(result.errors) == 1
    assert "临时或功能型党支部" in result.errors[0]
    assert not Competition._base_manager.filter(branch=org).exists()
