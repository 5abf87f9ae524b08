from __future__ import annotations

import datetime as dt
import io
import re

import docx
from django.urls import reverse
from django_scopes import scopes_disabled

from xingcun.core.models import Area, AuditEntry
from xingcun.core.permissions import Role
from xingcun.indicators import engine
from xingcun.organisations.models import Organisation
from xingcun.reports.models import GeneratedReport, ReportTemplate
from xingcun.reports.tests.conftest import make_template


def view_url(area, period="2020", name="reports:view"):
    return reverse(name, args=[area.code, period])


def test_list_shows_the_generate_form_with_nodes_of_the_users_subtree(tree, client_as):
    response = client_as(Role.TOWN, tree.town_a).get(reverse("reports:list"))
    assert response.status_code == 200
    codes = [code for code, _label in response.context["form"].fields["node"].choices]
    assert codes == [tree.town_a.code, tree.village_a.code, tree.village_a2.code]
    assert list(response.context["templates"]) == []  # viewing creates no template


def test_generate_redirects_to_the_chosen_format(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    query = {"node": tree.town_a.code, "year": 2020, "month": 6, "format": "docx"}
    response = client.get(reverse("reports:generate"), query)
    assert response.status_code == 302
    assert response["Location"] == view_url(tree.town_a, "2020-06", "reports:docx")


def test_generate_refuses_a_node_outside_the_users_subtree(tree, client_as):
    client = client_as(Role.TOWN, tree.town_a)
    query = {"node": tree.town_b.code, "year": 2020, "format": "html"}
    response = client.get(reverse("reports:generate"), query)
    assert response.status_code == 200
    assert "node" in response.context["form"].errors


def test_html_report_links_every_figure_to_its_drilldown(tree, members, client_as):
    template = make_template(
        tree, [{"level": 0, "body": "党员{{指标:party.members}}，村{{指标:villages.count}}"}]
    )
    response = client_as(Role.DISTRICT, tree.district).get(
        view_url(tree.district), {"template": template.pk}
    )
    html = response.content.decode()
    drill = reverse("indicators:drilldown", args=["party.members", tree.district.code, "2020"])
    assert f'href="{drill}"' in html
    # no whitespace around a figure: between Chinese characters it would show as a space
    assert re.search(
        r'党员<a class="fig"[^>]*href="' + re.escape(drill) + r'"[^>]*>6名</a>，村', html
    )
    assert html.count("data-code=") == 2


def test_town_user_can_report_on_its_villages(tree, client_as):
    response = client_as(Role.TOWN, tree.town_a).get(view_url(tree.village_a))
    assert response.status_code == 200
    assert response.context["report"].title == "白牛村2020年党建引领乡村振兴工作报告"


def test_town_user_cannot_report_on_another_town(tree, client_as):
    client = client_as(Role.TOWN, tree.town_a)
    for name in ("reports:view", "reports:docx", "reports:pdf"):
        assert client.get(view_url(tree.town_b, name=name)).status_code == 404
        assert client.get(view_url(tree.village_b, name=name)).status_code == 404


def test_town_user_cannot_use_another_districts_template(tree, client_as, foreign):
    template = make_template(tree, [], area=foreign.county)
    response = client_as(Role.TOWN, tree.town_a).get(
        view_url(tree.town_a), {"template": template.pk}
    )
    assert response.status_code == 404


def test_bad_period_is_404(tree, client_as):
    assert (
        client_as(Role.DISTRICT, tree.district).get(view_url(tree.district, "2020-13")).status_code
        == 404
    )


def test_docx_download_is_an_attachment_that_opens(tree, members, client_as):
    response = client_as(Role.DISTRICT, tree.district).get(
        view_url(tree.district, name="reports:docx")
    )
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "临安区2020年党建引领乡村振兴工作报告"
    assert any("在册党员6名" in p.text for p in document.paragraphs)


def test_pdf_download_is_a_pdf(tree, client_as):
    response = client_as(Role.VILLAGE, tree.village_a).get(
        view_url(tree.village_a, name="reports:pdf")
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def editor_post(template, sections, **fields):
    data = {
        "name": fields.get("name", template.name),
        "title": fields.get("title", template.title),
        "year": fields.get("year", template.year),
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": sum(1 for s in sections if s.get("id")),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 1000,
    }
    if fields.get("is_default"):
        data["is_default"] = "on"
    for index, section in enumerate(sections):
        for key, value in section.items():
            data[f"sections-{index}-{key}"] = value
        data[f"sections-{index}-template"] = template.pk
    return data


def test_editor_saves_sections_and_audits(tree, client_as):
    template = make_template(tree, [{"level": 0, "body": "旧"}])
    (old,) = template.sections.all()
    client = client_as(Role.DISTRICT, tree.district)
    data = editor_post(
        template,
        [
            {"id": old.pk, "order": 20, "level": 0, "body": "改过的{{指标:party.members}}"},
            {"order": 10, "level": 1, "heading": "新标题", "body": ""},
        ],
    )
    response = client.post(reverse("reports:template-edit", args=[template.pk]), data)
    assert response.status_code == 302
    assert [(s.level, s.heading, s.body) for s in template.sections.all()] == [
        (1, "新标题", ""),
        (0, "", "改过的{{指标:party.members}}"),
    ]
    with scopes_disabled():  # reading the audit log written by the service
        assert AuditEntry.objects.filter(action="report_template.updated").count() == 1


def test_editor_shows_an_unknown_code_beside_its_section(tree, client_as):
    template = make_template(tree, [{"level": 2, "heading": "党建联盟", "body": ""}])
    (section,) = template.sections.all()
    data = editor_post(
        template,
        [
            {
                "id": section.pk,
                "order": 10,
                "level": 2,
                "heading": "党建联盟",
                "body": "{{指标:nope}}",
            }
        ],
    )
    response = client_as(Role.DISTRICT, tree.district).post(
        reverse("reports:template-edit", args=[template.pk]), data
    )
    assert response.status_code == 200
    message = "第1节「党建联盟」中的标签 {{指标:nope}}：指标代码“nope”不存在，请在指标目录中查找正确的代码"
    assert message in response.content.decode()
    assert response.context["formset"].forms[0].errors["body"] == [message]
    section.refresh_from_db()
    assert section.body == ""


def test_editor_preview_renders_unsaved_text(tree, members, client_as):
    template = make_template(tree, [])
    data = editor_post(template, [{"order": 10, "level": 0, "body": "预览{{指标:party.members}}"}])
    response = client_as(Role.DISTRICT, tree.district).post(
        reverse("reports:template-preview", args=[template.pk]), data
    )
    assert response.status_code == 200
    assert "预览" in response.content.decode()
    assert response.context["report"].blocks[0].paragraphs[0].plain == "预览6名"
    assert not ReportTemplate._base_manager.get(pk=template.pk).sections.exists()


def test_catalogue_search_matches_code_and_name(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    by_name = client.get(reverse("reports:catalogue"), {"q": "无职"}).content.decode()
    assert re.findall(r'data-tag="([^"]+)"', by_name) == ["{{指标:party.members_without_office}}"]
    by_code = client.get(reverse("reports:catalogue"), {"q": "villages.de"})
    html = by_code.content.decode()
    assert 'data-tag="{{指标:villages.debt}}"' in html


def test_template_create_copies_and_opens_the_editor(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    client.post(reverse("reports:template-defaults"))  # the explicit action
    source = ReportTemplate._base_manager.get(is_default=True, level=Area.Level.COUNTY)
    before = set(ReportTemplate._base_manager.values_list("pk", flat=True))
    response = client.post(reverse("reports:template-create"), {"source": source.pk, "year": 2021})
    copy = ReportTemplate._base_manager.exclude(pk__in=before).get()
    assert response["Location"] == reverse("reports:template-edit", args=[copy.pk])
    assert copy.year == 2021
    assert copy.sections.count() == source.sections.count()


def test_viewing_reports_never_writes(tree, client_as, members):
    """GET pages build the report from the built-in default without saving or auditing anything."""
    client = client_as(Role.TOWN, tree.town_a)
    with scopes_disabled():  # the account, its role and its login are audited before any view
        audited = AuditEntry.objects.count()
    for url in (
        reverse("reports:list"),
        view_url(tree.town_a),
        view_url(tree.village_a),
        view_url(tree.town_a, name="reports:docx"),
        view_url(tree.town_a, name="reports:html"),
    ):
        assert client.get(url).status_code == 200
    with scopes_disabled():  # counting every row, whatever its area
        assert ReportTemplate._base_manager.count() == 0
        assert AuditEntry.objects.count() == audited
    assert "年度工作报告" not in engine.get("party.members").used_in  # registry untouched


def test_town_and_village_reports_use_their_levels_default(tree, client_as, members):
    client = client_as(Role.DISTRICT, tree.district)
    client.post(reverse("reports:template-defaults"))
    town = client.get(view_url(tree.town_a)).context["report"]
    village = client.get(view_url(tree.village_a)).context["report"]
    assert town.template_name == "镇级年度报告（默认模板）"
    assert village.template_name == "村级年度报告（默认模板）"
    assert "全镇" in town.plain
    assert "全区" not in town.plain
    assert "村里在册党员" in village.plain
    assert "全区" not in village.plain
    with scopes_disabled():  # the village's own organisation, as the fixture registered it
        names = set(Organisation.objects.filter(area=tree.village_a).values_list("name", flat=True))
    assert village.issuer in names  # 落款: the village's own party organisation


def test_issued_report_regenerates_identically_after_records_change(tree, client_as, members):
    client = client_as(Role.DISTRICT, tree.district)
    client.post(reverse("reports:template-defaults"))
    response = client.post(reverse("reports:issue", args=[tree.district.code, "2020"]))
    with scopes_disabled():  # reading the record the view made
        record = GeneratedReport.objects.get()
    assert response["Location"] == reverse("reports:issued", args=[record.pk])
    first = client.get(response["Location"]).context["report"].plain
    with scopes_disabled():  # records change after the report was issued
        members[0].left_on = dt.date(2019, 1, 1)
        members[0].save(update_fields=["left_on"])
    again = client.get(response["Location"]).context["report"].plain
    assert again == first
    assert "在册党员6名" in again
    assert client.get(view_url(tree.district)).context["report"].plain != first  # live changed


def test_html_download_is_standalone_with_absolute_links(tree, client_as, members, settings):
    settings.XINGCUN_BASE_URL = "https://xc.example.cn"
    response = client_as(Role.DISTRICT, tree.district).get(
        view_url(tree.district, name="reports:html")
    )
    html = response.content.decode()
    assert 'href="https://xc.example.cn/indicators/' in html
    assert 'href="/' not in html
    assert "<style>" in html


def test_catalogue_lists_the_templates_that_cite_an_indicator(tree, client_as, members):
    client = client_as(Role.DISTRICT, tree.district)
    client.post(reverse("reports:template-defaults"))
    response = client.get(reverse("indicators:catalogue"))
    entries = {e.indicator.code: e for _, section in response.context["sections"] for e in section}
    assert "报告模板“区级年度报告（默认模板）”" in entries["party.members"].used_in
    assert "年度工作报告" not in engine.get("party.members").used_in  # nothing recorded
