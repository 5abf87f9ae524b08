from __future__ import annotations

import pytest

from xingcun.reports import tags
from xingcun.reports.tags import Kind, Tag


def test_parse_splits_text_and_indicator_tag():
    pieces, errors = tags.parse("全区党员{{指标:party.members}}。")
    assert errors == []
    assert pieces == [
        "全区党员",
        Tag("{{指标:party.members}}", Kind.INDICATOR, "party.members"),
        "。",
    ]


def test_parse_reads_node_period_and_display_options():
    (tag,), errors = tags.parse("{{指标:party.members|区划=330112102|期间=2020-6|显示=数值}}")
    assert errors == []
    assert (tag.code, tag.area_code, tag.period, tag.number_only) == (
        "party.members",
        "330112102000",
        "2020-06",
        True,
    )


def test_parse_reads_a_unit_override():
    (tag,), errors = tags.parse("{{指标:projects.investment|单位=万元}}")
    assert errors == []
    assert tag.unit == "万元"


def test_parse_accepts_full_width_punctuation_typed_with_chinese_input():
    (tag,), errors = tags.parse("{{ 指标：party.members ｜ 期间＝2020 }}")
    assert errors == []
    assert (tag.code, tag.period) == ("party.members", "2020")


def test_parse_reads_area_and_period_placeholders():
    pieces, _ = tags.parse("{{区划}}{{期间}}")
    assert [p.kind for p in pieces] == [Kind.AREA, Kind.PERIOD]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{党员数}}", "无法识别的标签"),
        ("{{指标:}}", "缺少指标代码"),
        ("{{指标:党员}}", "格式不正确"),
        ("{{指标:party.members|区划=高虹镇}}", "区划代码“高虹镇”应为6、9或12位数字"),
        ("{{指标:party.members|期间=2020年}}", "期间“2020年”应写成"),
        ("{{指标:party.members|期间=2020-13}}", "期间“2020-13”"),
        ("{{指标:party.members|显示=大写}}", "显示方式“大写”"),
        ("{{指标:party.members|口径=年末}}", "未知选项“口径”"),
        ("{{指标:party.members|区划}}", "应写成 名称=值"),
        ("党员{{指标:party.members 人", "标签缺少结尾的 }}"),
    ],
)
def test_parse_reports_malformed_tags_in_chinese(text, message):
    _, errors = tags.parse(text)
    assert len(errors) == 1
    assert message in errors[0].message


def test_unclosed_tag_before_a_good_one_is_reported_and_the_good_one_still_parsed():
    pieces, errors = tags.parse("{{指标:a 与 {{指标:party.members}}")
    assert [e.message for e in errors] == ["标签缺少结尾的 }}"]
    assert any(isinstance(p, Tag) and p.code == "party.members" for p in pieces)


def test_validate_names_the_unknown_code():
    errors = tags.validate("{{指标:party.members}}和{{指标:party.nobody}}", {"party.members"})
    assert [(e.source, e.message) for e in errors] == [
        ("{{指标:party.nobody}}", "指标代码“party.nobody”不存在，请在指标目录中查找正确的代码")
    ]


def test_indicator_tag_round_trips():
    (tag,), _ = tags.parse(tags.indicator_tag("villages.debt"))
    assert tag.code == "villages.debt"
