"""The report as a Word document in the 党政机关公文格式 (GB/T 9704-2012).

The document names the fonts offices have installed; Word substitutes its own when one is missing.
Each run carries its East Asian font in `w:rFonts/@w:eastAsia`, which is what Word uses for
Chinese characters (the `w:ascii`/`w:hAnsi` fonts apply to digits and Latin letters only).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import docx
from django.utils.translation import gettext
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from xingcun.reports import fonts
from xingcun.reports.document import Block, Figure, Report, Run
from xingcun.reports.geometry import GB9704, SIZE_2, SIZE_3, SIZE_4, PageGeometry

TITLE_FONT = fonts.TITLE.word
HEADING_1_FONT = fonts.HEADING_1.word
HEADING_2_FONT = fonts.HEADING_2.word
BODY_FONT = fonts.BODY.word
PAGE_NUMBER_FONT = fonts.PAGE_NUMBER.word
LATIN_FONT = fonts.LATIN


def _fonts(element: object, *, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the fonts of a run or style (`element` has get_or_add_rPr)."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _fonts_attrs(fonts, east_asia=east_asia, latin=latin)


def _fonts_attrs(fonts: Any, *, east_asia: str, latin: str) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _run(
    paragraph: DocxParagraph,
    text: str,
    *,
    font: str,
    size: float,
    bold: bool = False,
    spacing: int | None = None,
) -> None:
    """A run; body-size runs get the character spacing that puts 28 characters on a line."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    _fonts(run._element, east_asia=font)
    twips = GB9704.char_spacing_twips if spacing is None and size == SIZE_3.pt else spacing
    if twips:
        element = OxmlElement("w:spacing")
        element.set(qn("w:val"), str(twips))
        run._element.get_or_add_rPr().append(element)


def _indent_chars(paragraph: DocxParagraph, chars: int) -> None:
    """First-line indent in characters (w:firstLineChars), which Word keeps on the grid."""
    paragraph.paragraph_format.first_line_indent = Pt(chars * GB9704.font_pt)
    ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def _outline(paragraph: DocxParagraph, level: int) -> None:
    """Outline level, so headings show in Word's navigation pane."""
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level - 1))
    paragraph._p.get_or_add_pPr().append(element)


def _page_setup(doc: object, geometry: PageGeometry) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = Mm(geometry.width_mm), Mm(geometry.height_mm)
    section.top_margin, section.bottom_margin = Mm(geometry.top_mm), Mm(geometry.bottom_mm)
    section.left_margin, section.right_margin = Mm(geometry.left_mm), Mm(geometry.right_mm)
    # The page number sits 7 mm below the text block; Word measures the footer from the bottom
    # edge of the page to the bottom of the footer line.
    section.footer_distance = Mm(geometry.bottom_mm - geometry.footer_gap_mm) - Pt(SIZE_4.pt)
    # No document grid: Word, WPS and LibreOffice honour a character grid differently (LibreOffice
    # gives a 16 pt character two cells of a 15.79 pt grid, and a fallback font shifts the grid in
    # all of them). The page is set by explicit metrics instead: exact line spacing (the line
    # pitch) on every paragraph and a fixed character spacing on every run (`_run`).
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for attr in ("w:type", "w:charSpace"):
        if grid.get(qn(attr)) is not None:
            del grid.attrib[qn(attr)]
    grid.set(qn("w:linePitch"), str(geometry.line_pitch_twips))


def _defaults(doc: object, geometry: PageGeometry) -> None:
    """Document defaults: the grid's character pitch is computed from the default font size, so
    it must be the body size (LibreOffice otherwise gives each character two grid cells)."""
    styles = doc.styles.element  # type: ignore[attr-defined]
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts_el = rpr.find(qn("w:rFonts"))
    for attr in list(fonts_el.attrib):
        del fonts_el.attrib[attr]
    _fonts_attrs(fonts_el, east_asia=BODY_FONT, latin=LATIN_FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(geometry.font_pt * 2)))
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: object, geometry: PageGeometry) -> None:
    _defaults(doc, geometry)
    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.size = Pt(geometry.font_pt)
    _fonts(normal.element, east_asia=BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(geometry.line_pitch_pt)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ppr = normal.element.get_or_add_pPr()
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra space between 汉字 and digits,
        element = OxmlElement(name)  # as in the PDF (WPS and LibreOffice differ here otherwise)
        element.set(qn("w:val"), "0")
        ppr.append(element)


def _page_field(paragraph: DocxParagraph) -> None:
    """A PAGE field between 一字线 dashes: "— 1 —"."""
    run = paragraph.add_run()
    run.font.size = Pt(SIZE_4.pt)
    _fonts(run._element, east_asia=PAGE_NUMBER_FONT, latin=PAGE_NUMBER_FONT)
    r = run._element
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        r.append(element)


def _footer(paragraph: DocxParagraph, *, odd: bool) -> None:
    """GB/T 9704: odd pages right-aligned, even pages left-aligned, one character in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if odd:
        fmt.right_indent = Pt(SIZE_4.pt)
    else:
        fmt.left_indent = Pt(SIZE_4.pt)
    _run(paragraph, "— ", font=PAGE_NUMBER_FONT, size=SIZE_4.pt)
    _page_field(paragraph)
    _run(paragraph, " —", font=PAGE_NUMBER_FONT, size=SIZE_4.pt)


def _page_numbers(doc: object) -> None:
    doc.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    section = doc.sections[0]  # type: ignore[attr-defined]
    _footer(section.footer.paragraphs[0], odd=True)
    _footer(section.even_page_footer.paragraphs[0], odd=False)


def _runs(paragraph: DocxParagraph, runs: list[Run], *, font: str, bold: bool = False) -> None:
    for run in runs:
        text = run.text if not isinstance(run, Figure) or not run.problem else run.problem
        _run(paragraph, text, font=font, size=SIZE_3.pt, bold=bold)


def _block(doc: object, block: Block) -> None:
    fonts = {1: HEADING_1_FONT, 2: HEADING_2_FONT}
    if block.level in fonts:
        heading = doc.add_paragraph()  # type: ignore[attr-defined]
        _indent_chars(heading, 2)
        _outline(heading, block.level)
        _run(heading, block.number, font=fonts[block.level], size=SIZE_3.pt)
        _runs(heading, block.heading, font=fonts[block.level])
    for index, para in enumerate(block.paragraphs):
        paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
        _indent_chars(paragraph, 2)
        if index == 0 and block.level == 3:
            _outline(paragraph, 3)
            _run(paragraph, block.number, font=BODY_FONT, size=SIZE_3.pt, bold=True)
            _runs(paragraph, block.heading, font=BODY_FONT, bold=True)
        _runs(paragraph, para.runs, font=BODY_FONT)


def _signature(doc: object, report: Report, geometry: PageGeometry) -> None:
    """落款: the issuing body and the date, right-aligned four characters in, after a blank line."""
    lines = [line for line in (report.issuer, report.issued_on) if line]
    if not lines:
        return
    doc.add_paragraph()  # type: ignore[attr-defined]
    for line in lines:
        paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(4 * geometry.char_pitch_pt)
        _run(paragraph, line, font=BODY_FONT, size=SIZE_3.pt)


def report_docx(
    report: Report,
    *,
    geometry: PageGeometry = GB9704,
    progress: Callable[[str], None] | None = None,
) -> bytes:
    doc = docx.Document()
    _page_setup(doc, geometry)
    _styles(doc, geometry)
    _page_numbers(doc)
    doc.core_properties.title = report.title
    doc.core_properties.subject = f"{report.area_name} {report.period_label}"

    title = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, report.title, font=TITLE_FONT, size=SIZE_2.pt)
    doc.add_paragraph()  # GB/T 9704: one blank line between the title and the text
    for block in report.blocks:
        if progress:
            progress(block.heading_text or gettext("正文"))
        _block(doc, block)
    _signature(doc, report, geometry)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
