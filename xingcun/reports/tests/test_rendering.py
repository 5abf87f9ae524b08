from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django_scopes import scope, scopes_disabled

from xingcun.indicators import engine
from xingcun.indicators import services as indicator_services
from xingcun.indicators.engine import Period
from xingcun.people.models import PartyMember
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.reports import rendering
from xingcun.reports.document import Figure
from xingcun.reports.tests.conftest import make_template


def build(tree, sections, *, area=None, period=None, title="{{区划}}{{期间}}工作报告", within=None):
    area = area or tree.district
    with scope(area=(within or area).path):
        return rendering.report_build(
            title=title,
            sections=sections,
            area=area,
            period=period or Period.year(2020),
        )


def section(level=0, heading="", body="", area_code=""):
    from xingcun.reports.services import SectionValues

    return SectionValues(level=level, heading=heading, body=body, area_code=area_code)


def members_in_office_on(day, path):
    """An independent count: members on `day` whose village lies under `path`."""
    with scopes_disabled():  # the test's own count, not the code under test
        return sum(
            1
            for m in PartyMember.objects.select_related("area")
            if m.area.path.startswith(path)
            and m.joined_on <= day
            and (m.left_on is None or m.left_on > day)
        )


def test_figure_equals_engine_value_and_an_independent_count(tree, members):
    report = build(tree, [section(body="党员{{指标:party.members}}。")])
    (figure,) = report.figures()
    with scope(area=tree.district.path):
        expected = engine.evaluate("party.members", area=tree.district, period=Period.year(2020))
    assert figure.value == expected.value
    assert figure.value == members_in_office_on(dt.date(2020, 12, 31), tree.district.path) == 6
    assert report.blocks[0].paragraphs[0].plain == "党员6名。"


def test_month_period_counts_up_to_the_month_end(tree, members):
    report = build(
        tree, [section(body="{{期间}}党员{{指标:party.members}}")], period=Period.parse("2020-06")
    )
    assert report.blocks[0].paragraphs[0].plain == "截至2020年6月底党员5名"
    assert members_in_office_on(dt.date(2020, 6, 30), tree.district.path) == 5


def test_title_substitutes_node_name_and_period_label(tree):
    assert build(tree, []).title == "临安区2020年工作报告"


def test_tag_options_override_node_period_and_unit(tree, members):
    body = (
        "{{指标:party.members|区划=330112108230}}/"
        "{{指标:party.members|期间=2019}}/"
        "{{指标:party.members|显示=数值}}"
    )
    report = build(tree, [section(body=body)])
    assert report.blocks[0].paragraphs[0].plain == "2名/5名/6"


def test_unit_option_shows_the_value_in_another_unit_of_its_kind(tree):
    from decimal import Decimal

    from xingcun.projects.tests.factories import ProjectFactory

    ProjectFactory(area=tree.village_a, investment=Decimal("723.40"))  # signed and landed in 2019
    report = build(
        tree,
        [section(body="{{指标:projects.investment}}={{指标:projects.investment|单位=万元}}")],
    )
    # under 100 million yuan the one magnitude rule says 万元, whatever the indicator's unit
    assert report.blocks[0].paragraphs[0].plain == "723.4万元=723.4万元"


def test_section_node_applies_to_its_tags_and_area_placeholder(tree, members):
    report = build(
        tree,
        [section(3, "典型案例", "{{区划}}有党员{{指标:party.members}}。", "330112108230")],
    )
    (block,) = report.blocks
    assert block.paragraphs[0].plain == "白牛村有党员2名。"
    assert block.area_name == "白牛村"


def test_headings_are_numbered_by_level_and_reset_below(tree):
    report = build(
        tree,
        [
            section(0, "", "引言"),
            section(1, "组织振兴"),
            section(2, "党建联盟"),
            section(3, "案例", "正文"),
            section(2, "结对共建"),
            section(1, "党员作用"),
            section(2, "身份与岗位"),
            section(3, "案例", "正文"),
        ],
    )
    numbers = [b.number for b in report.blocks]
    assert numbers == ["", "一、", "（一）", "1.", "（二）", "二、", "（一）", "1."]


def test_section_outside_the_report_node_is_left_out_with_its_subsections(tree):
    report = build(
        tree,
        [
            section(2, "玉屏村", "玉屏村的内容", "330112112238"),
            section(3, "细节", "玉屏村的细节"),
            section(2, "本镇", "本镇的内容"),
        ],
        area=tree.town_a,
        within=tree.district,
    )
    assert [b.heading_text for b in report.blocks] == ["（一）本镇"]
    assert "玉屏村" in report.notices[0]
    assert "不在本报告的区划昌化镇范围内" in report.notices[0]


def test_section_naming_a_node_that_does_not_exist_is_left_out(tree):
    report = build(tree, [section(3, "高虹镇", "内容", "330112102")])
    assert report.blocks == []
    assert "330112102000 不存在" in report.notices[0]


def test_tag_naming_a_node_outside_the_report_shows_a_problem_not_a_number(tree, members):
    report = build(
        tree,
        [section(body="{{指标:party.members|区划=330112112238}}")],
        area=tree.town_a,
        within=tree.district,
    )
    (figure,) = report.figures()
    assert figure.problem == "[玉屏村（330112112238）不在本报告的区划昌化镇范围内]"
    assert figure.value is None


def test_tag_naming_a_node_outside_the_users_scope_is_not_found(tree, members):
    report = build(
        tree, [section(body="{{指标:party.members|区划=330112112238}}")], area=tree.town_a
    )
    assert report.figures()[0].problem == "[区划代码 330112112238 不存在或不在您的辖区内]"


def test_unknown_indicator_in_a_saved_template_shows_a_problem(tree):
    report = build(tree, [section(body="{{指标:gone.away}}")])
    assert report.figures()[0].problem == "[指标 gone.away 不存在]"


def test_figure_carries_the_drilldown_url(tree, members):
    (figure,) = build(tree, [section(body="{{指标:party.members}}")]).figures()
    assert figure.url == reverse(
        "indicators:drilldown", args=["party.members", tree.district.code, "2020"]
    )


def test_frozen_value_that_differs_from_live_is_marked(tree, members, make_user):
    user = make_user("district", tree.district)
    with scope(area=tree.district.path):
        indicator_services.snapshot_freeze(area=tree.district, period=Period.year(2020), by=user)
    PartyMemberFactory(area=tree.village_a, organisation=members[0].organisation)
    (figure,) = build(tree, [section(body="{{指标:party.members}}")]).figures()
    assert (figure.frozen, figure.differs, figure.text, figure.live_text) == (
        True,
        True,
        "6名",
        "7人",
    )


def test_report_for_reads_the_template_sections_in_order(tree, members):
    template = make_template(
        tree,
        [
            {"level": 1, "heading": "组织振兴"},
            {"level": 0, "body": "党员{{指标:party.members}}"},
        ],
    )
    with scope(area=tree.district.path):
        report = rendering.report_for(
            template=template, area=tree.district, period=Period.year(2020)
        )
    assert report.plain.splitlines() == ["临安区2020年工作报告", "一、组织振兴", "党员6名"]
    assert report.template_id == template.pk


def test_each_node_is_evaluated_with_one_grid_call(tree, members, django_assert_max_num_queries):
    body = "".join(
        f"{{{{指标:{code}}}}}" for code in ("party.members", "villages.count", "villages.debt")
    )
    with django_assert_max_num_queries(12):
        report = build(tree, [section(body=body), section(body=body)])
    assert all(isinstance(f, Figure) and not f.problem for f in report.figures())
