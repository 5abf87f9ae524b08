"""Conditional prose, the GB/T 15835 number rule, the new tags, versions and issued reports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.indicators import engine
from xingcun.indicators.engine import Period, Result
from xingcun.reports import defaults, numbers, rendering, services, tags
from xingcun.reports.models import GeneratedReport
from xingcun.reports.tests.test_rendering import build, section
from xingcun.secretaries.models import Measure

ZERO_AS_ACHIEVEMENT = re.compile(r"(?<![\d.])0(\.0+)?(个|名|户|家|项|次|人次|万元|亿元|%|分|天)|—")


def text(tree, body, **options):
    report = build(tree, [section(body=body)], **options)
    return "\n".join(p.plain for b in report.blocks for p in b.paragraphs)


# --- tags --------------------------------------------------------------------------------------


def test_condition_parses_terms_joined_by_and_and_or():
    (tag,), errors = tags.parse("{{如果:party.members>5 且 非层级=村 或 设置:举措起始年}}")
    assert errors == []
    first, second = tag.condition.any_of
    assert [(t.kind, t.code, t.op, t.number, t.negate) for t in first] == [
        ("indicator", "party.members", ">", Decimal(5), False),
        ("level", "", "", None, True),
    ]
    assert [(t.kind, t.code) for t in second] == [("setting", "举措起始年")]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{如果:party.members}}没有结束", "缺少对应的 {{结束}}"),
        ("多余{{结束}}", "前面没有对应的 {{如果:…}}"),
        ("{{如果:x}}a{{否则}}b{{否则}}c{{结束}}", "{{否则}} 之后不能再有分支"),
        ("{{如果:层级=州}}a{{结束}}", "层级“州”应为 区、镇 或 村"),
    ],
)
def test_unbalanced_or_wrong_conditions_are_reported(body, message):
    assert message in [e.message for e in tags.validate(body, {"x", "party.members"})]


def test_condition_codes_are_checked_against_the_catalogue():
    errors = tags.validate("{{如果:nope.code}}x{{结束}}", {"party.members"})
    assert [e.message for e in errors] == [
        "指标代码“nope.code”不存在，请在指标目录中查找正确的代码"
    ]


# --- rendering of conditions ---------------------------------------------------------------------


def test_a_zero_figure_is_not_stated(tree, members):
    body = "{{如果:villages.weak}}尚有薄弱村{{指标:villages.weak}}。{{否则}}没有薄弱村。{{结束}}"
    assert text(tree, body) == "没有薄弱村。"


def test_a_figure_that_is_there_is_stated_with_its_clauses(tree, members):
    body = (
        "{{如果:party.members}}党员{{指标:party.members}}"
        "{{如果:party.members>100}}，很多{{否则如果:party.members>=6}}，六名以上{{结束}}。{{结束}}"
    )
    assert text(tree, body) == "党员6名，六名以上。"


def test_level_conditions_choose_the_wording_of_the_node(tree, members):
    body = "{{如果:层级=区}}全区{{否则如果:层级=镇}}全镇{{否则}}全村{{结束}}有党员"
    assert text(tree, body) == "全区有党员"
    assert text(tree, body, area=tree.town_a) == "全镇有党员"
    assert text(tree, body, area=tree.village_a) == "全村有党员"


def test_a_condition_can_span_paragraphs_and_empty_ones_drop(tree, members):
    body = "开头。\n{{如果:villages.weak}}第二段。\n第三段。{{结束}}\n结尾。"
    report = build(tree, [section(body=body)])
    assert [p.plain for p in report.blocks[0].paragraphs] == ["开头。", "结尾。"]


def test_a_heading_whose_part_has_nothing_left_to_say_is_left_out(tree, members):
    sections = [
        section(level=1, heading="甲"),
        section(level=2, heading="空的", body="{{如果:villages.weak}}薄弱村{{结束}}"),
        section(level=2, heading="有话", body="党员{{指标:party.members}}"),
    ]
    report = build(tree, sections)
    assert [b.heading_text for b in report.blocks] == ["一、甲", "（一）有话"]


def test_whole_as_of_and_children_tags(tree, members):
    body = "{{全域}}{{截至}}有{{下级}}"
    assert text(tree, body) == "全区截至2020年12月31日有镇(街道)"
    assert text(tree, body, area=tree.town_a) == "全镇截至2020年12月31日有村(社区)"
    month = text(tree, "{{截至}}", period=Period.month_end(2020, 6))
    assert month == "截至2020年6月30日"


def test_measures_start_year_is_the_first_year_of_the_districts_catalogues(tree, members):
    with scopes_disabled():  # fixture rows: the district's measure catalogue and its history
        for number, year in ((1, 2018), (2, 2017), (3, 2022)):
            Measure.objects.create(
                area=tree.district,
                catalogue="富村十条",
                number=number,
                title="举措",
                valid_from=year,
            )
    body = "{{如果:设置:举措起始年}}{{设置:举措起始年}}起{{否则}}无{{结束}}"
    assert text(tree, body, area=tree.village_a) == "2017年起"  # inherited from the district
    assert text(tree, body, period=Period.year(2016)) == "无"  # not yet in force then


# --- numbers (GB/T 15835) ---------------------------------------------------------------------


def result(code, value):
    return Result(engine.get(code), None, Period.year(2020), Decimal(value))


@pytest.mark.parametrize(
    ("code", "value", "shown"),
    [
        ("party.members", "20001", "20001名"),  # no separator, 名 for people
        ("projects.investment", "0.0234", "234.0万元"),  # under 1亿元: 万元
        ("projects.investment", "3.3612", "3.36亿元"),
        ("villages.collective_income", "46512.3", "4.65亿元"),  # a 万元 figure of 1亿 or more
        ("villages.collective_income", "739.66", "739.7万元"),
        ("villages.per_capita_income", "37472.4", "37472元"),  # per head stays in 元
        ("orders.beneficiaries", "6748", "6748人次"),
        ("alliances.tourism_visitors", "55.08", "55.08万人次"),
        ("alliances.tourism_visitors", "5.5", "55000人次"),
    ],
)
def test_one_magnitude_rule_and_no_separators(code, value, shown):
    assert numbers.shown(result(code, value)) == shown


def test_an_explicit_unit_wins_over_the_rule():
    assert numbers.shown(result("projects.investment", "3.3612"), unit="万元") == "33612.0万元"


# --- the default templates on a small world -------------------------------------------------------


@pytest.mark.parametrize("node", ["district", "town_a", "village_a"])
def test_default_reports_state_no_zero_or_empty_figure(tree, members, node):
    area = getattr(tree, node)
    with scope(area=area.path):
        report = rendering.report_from_defaults(area=area, period=Period.year(2020))
    figures = [f for f in report.figures() if not f.problem]
    assert figures  # the members are there
    assert not ZERO_AS_ACHIEVEMENT.search(report.plain), report.plain


def test_village_report_speaks_of_the_village_not_the_district(tree, members):
    with scope(area=tree.village_a.path):
        report = rendering.report_from_defaults(area=tree.village_a, period=Period.year(2020))
    assert "村里在册党员2名" in report.plain
    assert "全区" not in report.plain
    assert "村(社区)1个" not in report.plain


def test_every_default_template_saves_without_tag_errors():
    known = {i.code: i.unit for i in engine.catalogue()}
    for spec in defaults.BY_LEVEL.values():
        rows = spec.section_rows(known)
        values = [services.SectionValues(**row) for row in rows]
        assert services.sections_check(values, known) == []
        assert services.title_check(spec.title, known) == []


# --- versions and issued reports ---------------------------------------------------------------


def test_publishing_versions_diff_and_restore(tree, make_user, default_template):
    user = make_user("district", tree.district)
    with scope(area=tree.district.path):
        first = default_template.versions.get()
        with pytest.raises(ValidationError, match="无需再次发布"):
            services.template_publish(template=default_template, actor=user)
        intro = default_template.sections.first()
        intro.body = "改写的开头。"
        intro.save(update_fields=["body"])
        assert services.template_has_unpublished_changes(template=default_template)
        second = services.template_publish(template=default_template, actor=user, note="改开头")
        diff = services.template_diff(old=first.content(), new=second.content())
        assert "+    改写的开头。" in diff
        services.template_restore(template=default_template, version=first, actor=user)
        assert services.draft_content(template=default_template) == {
            **first.content(),
            "name": default_template.name,
        }
    assert second.number == 2
    with scopes_disabled():  # reading the audit trail
        actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "report_template.published" in actions
    assert "report_template.restored" in actions


def test_an_issued_report_keeps_its_version_figures_and_date(tree, members, default_template):
    with scope(area=tree.district.path):
        record = services.report_issue(
            template=default_template,
            area=tree.district,
            period=Period.year(2020),
            actor=None,
            issued_on=dt.date(2021, 1, 15),
        )
        first = services.report_reissue(record=record).plain
        intro = default_template.sections.first()
        intro.body = "模板又改了。"
        intro.save(update_fields=["body"])
        services.template_publish(template=default_template, actor=None)
        again = services.report_reissue(record=record).plain
    assert again == first
    assert first.endswith("中共临安区委组织部\n2021年1月15日")
    with scopes_disabled():  # the stored record
        stored = GeneratedReport.objects.get()
    assert stored.version.number == 1
    assert "party.members|330112000000|2020" in stored.values
