from __future__ import annotations

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from xingcun.core.models import AuditEntry
from xingcun.reports import fonts
from xingcun.reports.tests.conftest import NO_CJK_FONT, make_template


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("fmt", "magic"), [("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!doctype html>")]
)
def test_command_writes_each_format(tree, members, tmp_path, fmt, magic):
    target = tmp_path / f"report.{fmt}"
    out, err = run("--node", "330112", "--year", "2020", "--format", fmt, "-o", str(target))
    assert target.read_bytes().startswith(magic)
    assert f"已写入 {target}" in out
    assert "[1/" in err  # progress per section on stderr


def test_command_docx_has_the_figures_of_the_node(tree, members, tmp_path):
    target = tmp_path / "town.docx"
    run("--node", "330112108", "--year", "2020", "--month", "6", "-o", str(target))
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "昌化镇截至2020年6月底党建引领乡村振兴工作报告"
    assert any("在册党员3名" in p.text for p in document.paragraphs)


def test_command_html_links_figures(tree, members, tmp_path):
    target = tmp_path / "report.html"
    run("--node", "330112000000", "--year", "2020", "--format", "html", "-o", str(target))
    html = target.read_text()
    assert 'href="http://127.0.0.1:8000/indicators/party.members/330112000000/2020/"' in html
    assert "<style>" in html
    assert '<link rel="stylesheet"' not in html


def test_command_html_links_start_at_the_configured_base_url(tree, members, tmp_path, settings):
    settings.XINGCUN_BASE_URL = "https://xc.example.cn/"
    target = tmp_path / "report.html"
    run("--node", "330112", "--year", "2020", "--format", "html", "-o", str(target))
    assert 'href="https://xc.example.cn/indicators/party.members/330112000000/2020/"' in (
        target.read_text()
    )


@pytest.mark.skipif(not fonts.cjk_fonts(), reason=NO_CJK_FONT)
def test_command_pdf_has_the_figures_as_text(tree, members, tmp_path):
    target = tmp_path / "report.pdf"
    run("--node", "330112", "--year", "2020", "--format", "pdf", "-o", str(target))
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(str(target)).pages)
    assert "在册党员6名" in text


def test_command_uses_the_given_template(tree, members, tmp_path):
    template = make_template(tree, [{"level": 0, "body": "只有一句：{{指标:party.members}}"}])
    target = tmp_path / "t.docx"
    run("--node", "330112", "--year", "2020", "--template", str(template.pk), "-o", str(target))
    assert [p.text for p in docx.Document(str(target)).paragraphs if p.text][1] == "只有一句：6名"


def test_command_refuses_a_template_of_another_node(tree, tmp_path):
    template = make_template(tree, [], area=tree.town_b)
    with pytest.raises(CommandError, match="不适用于昌化镇"):
        run(
            "--node",
            "330112108",
            "--year",
            "2020",
            "--template",
            str(template.pk),
            "-o",
            str(tmp_path / "x"),
        )


def test_command_rejects_unknown_node(tree, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        run("--node", "330112999", "--year", "2020", "-o", str(tmp_path / "x"))


def test_command_creating_the_default_template_is_audited_as_system(tree, tmp_path):
    run("--node", "330112", "--year", "2020", "-o", str(tmp_path / "x.docx"))
    entries = AuditEntry._base_manager.filter(action="report_template.created")
    assert [(e.via, e.actor) for e in entries] == [("system", None)] * 3  # three levels
