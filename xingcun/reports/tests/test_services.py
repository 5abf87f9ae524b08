from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.indicators import engine
from xingcun.reports import defaults, selectors, services, tags
from xingcun.reports.models import ReportSection, ReportTemplate
from xingcun.reports.services import SectionValues
from xingcun.reports.tests.conftest import make_template


def save(template, sections, actor=None, **fields):
    values = {"name": template.name, "title": template.title, "year": template.year}
    values["is_default"] = fields.pop("is_default", template.is_default)
    values.update(fields)
    with scope(area=template.area.path):
        return services.template_save(template=template, sections=sections, actor=actor, **values)


def sections_of(template):
    return [(s.level, s.heading, s.body) for s in template.sections.all()]


def test_save_rejects_an_unknown_code_naming_the_section_and_the_tag(tree):
    template = make_template(tree, [{"level": 0, "body": "旧正文"}])
    with pytest.raises(ValidationError) as caught:
        save(
            template,
            [
                SectionValues(level=1, heading="组织振兴"),
                SectionValues(level=2, heading="党建联盟", body="联盟{{指标:alliances.nobody}}个"),
            ],
        )
    assert caught.value.messages == [
        "第2节「党建联盟」中的标签 {{指标:alliances.nobody}}：指标代码“alliances.nobody”不存在，"
        "请在指标目录中查找正确的代码"
    ]
    assert caught.value.error_list[0].params == {"index": 1, "field": "body"}
    assert sections_of(template) == [(0, "", "旧正文")]  # nothing written


def test_save_reports_syntax_errors_in_headings_and_the_title(tree):
    template = make_template(tree, [])
    with pytest.raises(ValidationError) as caught:
        save(
            template,
            [SectionValues(level=2, heading="{{指标:party.members", body="")],
            title="{{区划}}{{年份}}报告",
        )
    assert caught.value.messages == [
        "报告标题中的标签 {{年份}}：无法识别的标签，指标标签应写成 {{指标:代码}}",
        "第1节「{{指标:party.members」中的标签 {{指标:party.members：标签缺少结尾的 }}",
    ]


def test_save_rejects_a_unit_of_another_kind(tree):
    template = make_template(tree, [])
    with pytest.raises(ValidationError) as caught:
        save(template, [SectionValues(level=0, body="{{指标:party.members|单位=万元}}")])
    assert caught.value.messages == [
        "第1节「正文」中的标签 {{指标:party.members|单位=万元}}：单位“万元”不能用于该指标（指标的单位是人）"
    ]


def test_save_requires_a_heading_for_heading_levels(tree):
    template = make_template(tree, [])
    with pytest.raises(ValidationError) as caught:
        save(template, [SectionValues(level=1, heading=" ")])
    assert caught.value.messages == ["第1节「正文」：标题节需要填写标题"]


def test_save_writes_sections_in_the_given_order_and_drops_removed_ones(tree, make_user):
    template = make_template(
        tree,
        [{"level": 0, "body": "甲"}, {"level": 0, "body": "乙"}, {"level": 0, "body": "丙"}],
    )
    first, _second, third = template.sections.all()
    user = make_user("district", tree.district)
    save(
        template,
        [
            SectionValues.of(third),
            SectionValues(level=1, heading="新一节", area_code="330112108"),
            SectionValues.of(first),
        ],
        actor=user,
    )
    assert sections_of(template) == [(0, "", "丙"), (1, "新一节", ""), (0, "", "甲")]
    assert template.sections.get(heading="新一节").area_code == "330112108000"
    with scopes_disabled():  # reading the audit log written by the service
        entry = AuditEntry.objects.get(action="report_template.updated")
    assert entry.actor == user
    assert entry.object_id == str(template.pk)
    assert "删除：正文" in entry.changes
    assert entry.changes["第2节「新一节」"][0] is None


def test_save_as_default_replaces_the_years_previous_default(tree):
    old = make_template(tree, [], name="旧默认", is_default=True)
    new = make_template(tree, [], name="新模板")
    save(new, [], is_default=True)
    old.refresh_from_db()
    assert (old.is_default, new.is_default) == (False, True)


def test_ensure_default_is_idempotent(tree):
    with scope(area=tree.district.path):
        first = services.template_ensure_default(area=tree.district)
        second = services.template_ensure_default(area=tree.district)
    assert first.pk == second.pk
    assert ReportTemplate._base_manager.count() == 3  # district, town and village
    assert first.sections.count() == len(defaults.DISTRICT.sections)
    assert first.versions.get().number == 1  # published


def test_default_template_follows_the_reference_structure(default_template):
    headings = [s.heading for s in default_template.sections.all() if s.level == 1]
    assert headings == [
        "强化组织引领，夯实乡村振兴的组织基础",
        "发挥党员作用，激活乡村振兴的红色细胞",
        "借智借力，汇聚乡村振兴的各方力量",
        "存在的问题与不足",
        "下一步工作打算",
    ]
    assert default_template.sections.first().level == 0  # the introduction
    assert {s.area_code for s in default_template.sections.all()} >= {"330112102", "330112108230"}


def test_default_template_uses_only_registered_indicators(default_template):
    known = {i.code for i in engine.catalogue()}
    used = set()
    for section in default_template.sections.all():
        assert tags.validate(section.body, known) == []
        pieces, _ = tags.parse(section.body)
        used |= {p.code for p in pieces if isinstance(p, tags.Tag) and p.code}
    assert {"party.members", "villages.collective_income", "projects.investment"} <= used


def test_default_sentences_whose_indicators_are_missing_are_left_out():
    spec = next(s for s in defaults.DISTRICT.sections if s.heading == "第一书记驻村帮扶")
    every = {i.code for i in engine.catalogue()}
    assert "{{指标:villages.collective_income}}" in spec.body(known=every)
    body = spec.body(known=set())
    assert "{{指标:" not in body
    assert "聚焦集体经济薄弱村" in body  # the prose without figures stays


def test_ensure_default_from_a_village_creates_it_for_the_district(tree):
    with scope(area=tree.village_a.path):
        template = services.template_ensure_default(area=tree.village_a)
    assert template.area == tree.district


def test_copy_makes_a_new_template_with_the_same_sections(tree, default_template, make_user):
    user = make_user("district", tree.district)
    with scope(area=tree.district.path):
        copy = services.template_copy(
            source=default_template, area=tree.district, year=2021, actor=user
        )
    assert (copy.year, copy.is_default) == (2021, False)
    assert sections_of(copy) == sections_of(default_template)
    with scopes_disabled():  # reading the audit log written by the service
        assert AuditEntry.objects.filter(action="report_template.copied").count() == 1


def test_town_user_sees_the_district_templates_but_not_another_districts(tree, foreign):
    other = foreign.county
    mine = make_template(tree, [])
    make_template(tree, [], area=other)
    with scope(area=tree.town_a.path):
        assert list(selectors.template_list_for(area=tree.town_a)) == [mine]


def test_section_level_is_checked_by_the_database(tree):
    template = make_template(tree, [])
    section = ReportSection(template=template, order=1, level=4, heading="x")
    with pytest.raises(ValidationError):
        section.full_clean()
