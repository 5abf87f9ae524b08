from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from xingcun.reports import fonts
from xingcun.reports.document import Block, Figure, Paragraph, Report, Text
from xingcun.reports.docx_output import report_docx
from xingcun.reports.geometry import GB9704
from xingcun.reports.pdf_output import report_pdf
from xingcun.reports.tests.conftest import NO_CJK_FONT, SOFFICE, soffice_pdf


@pytest.fixture
def report() -> Report:
    figure = Figure(text="1,234人", code="party.members", name="党员人数", url="/x/")
    return Report(
        title="临安区2020年党建引领乡村振兴工作报告",
        area_name="临安区",
        area_code="330112000000",
        period_label="2020年",
        period="2020",
        blocks=[
            Block(level=0, paragraphs=[Paragraph([Text("全区在册党员"), figure, Text("。")])]),
            Block(level=1, number="一、", heading=[Text("组织振兴")]),
            Block(
                level=2,
                number="（一）",
                heading=[Text("党建联盟")],
                paragraphs=[
                    Paragraph([Text("总投资"), Figure(text="3.25亿元", code="projects.investment")])
                ],
            ),
            Block(
                level=3,
                number="1.",
                heading=[Text("典型案例。")],
                paragraphs=[Paragraph([Text("高虹镇的做法")])],
            ),
        ],
    )


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def east_asia(run) -> str | None:
    fonts_el = run._element.rPr.find(qn("w:rFonts"))
    return None if fonts_el is None else fonts_el.get(qn("w:eastAsia"))


def test_docx_page_is_a4_with_the_standard_margins(report):
    section = open_docx(report_docx(report)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)  # stored in twips: 11906 × 16838
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert abs(section.right_margin - Mm(26)) < Mm(0.1)


def test_docx_sets_22_lines_of_28_characters_by_metrics_not_by_a_character_grid(report):
    document = open_docx(report_docx(report))
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) is None  # no grid for Word, WPS or LibreOffice to interpret
    assert document.styles["Normal"].paragraph_format.line_spacing == Pt(28.95)  # 22 lines
    body = next(p for p in document.paragraphs if p.text.startswith("全区在册党员"))
    spacing = {r._element.rPr.find(qn("w:spacing")).get(qn("w:val")) for r in body.runs}
    assert spacing == {str(GB9704.char_spacing_twips)} == {"-5"}  # 28 × 15.75 pt ≤ 156 mm


def test_docx_title_is_size_2_xiaobiaosong_centred(report):
    title = open_docx(report_docx(report)).paragraphs[0]
    assert title.text == report.title
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (run,) = title.runs
    assert run.font.size == Pt(22)
    assert east_asia(run) == "方正小标宋简体"


def test_docx_body_runs_are_fangsong_size_3_with_exact_line_spacing(report):
    document = open_docx(report_docx(report))
    body = next(p for p in document.paragraphs if p.text.startswith("全区在册党员"))
    assert body.text == "全区在册党员1,234人。"
    assert {east_asia(r) for r in body.runs} == {"仿宋_GB2312"}
    assert {r.font.size for r in body.runs} == {Pt(16)}
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95)


def test_docx_headings_use_heiti_kaiti_and_bold_fangsong(report):
    paragraphs = open_docx(report_docx(report)).paragraphs
    by_text = {p.text: p for p in paragraphs}
    assert {east_asia(r) for r in by_text["一、组织振兴"].runs} == {"黑体"}
    assert {east_asia(r) for r in by_text["（一）党建联盟"].runs} == {"楷体_GB2312"}
    lead = by_text["1.典型案例。高虹镇的做法"].runs
    assert [(r.text, r.bold) for r in lead] == [
        ("1.", True),
        ("典型案例。", True),
        ("高虹镇的做法", None),
    ]
    assert by_text["总投资3.25亿元"].paragraph_format.first_line_indent == Pt(32)


def test_docx_footer_has_a_page_field_between_dashes(report):
    document = open_docx(report_docx(report))
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml
        text = footer.paragraphs[0].text
        assert text.startswith("— ")
        assert text.endswith(" —")
    assert document.settings.odd_and_even_pages_header_footer


@pytest.mark.skipif(SOFFICE is None, reason="未安装 LibreOffice（soffice），跳过转换检查")
def test_libreoffice_converts_the_docx(report, tmp_path: Path):
    assert soffice_pdf(report_docx(report), tmp_path).stat().st_size > 1000


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.skipif(not fonts.cjk_fonts(), reason=NO_CJK_FONT)
def test_pdf_text_contains_the_chinese_figures(report):
    text = pdf_text(report_pdf(report))
    flat = "".join(text.split())
    assert "临安区2020年党建引领乡村振兴工作报告" in flat
    assert "全区在册党员1,234人。" in flat
    assert "总投资3.25亿元" in flat
    assert "（一）党建联盟" in flat
    assert "—1—" in flat  # the page number
