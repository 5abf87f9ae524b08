"""The DOCX as LibreOffice lays it out (the office suite of many 信创 desktops): it must paginate
like the PDF, without the letter-spacing a character grid caused there."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django_scopes import scope
from pypdf import PdfReader

from xingcun.indicators.engine import Period
from xingcun.reports import fonts, rendering
from xingcun.reports.docx_output import report_docx
from xingcun.reports.pdf_output import report_pdf
from xingcun.reports.tests.conftest import SOFFICE, soffice_pdf

PDFTOTEXT = shutil.which("pdftotext")
PAGE_NUMBER = re.compile(r"^[—\-]\s*\d+\s*[—\-]$")
MIN_CHARS = 20

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="未安装 LibreOffice（soffice），无法检查其排版"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="未安装 poppler-utils（pdftotext），无法逐行检查"),
    pytest.mark.skipif(not fonts.cjk_fonts(), reason="服务器没有中文字体"),
]


def short_lines(pdf: Path) -> list[str]:
    """Lines with fewer than MIN_CHARS characters that do not end a paragraph: the next line is
    indented (a new paragraph), blank, a page number or the end."""
    text = subprocess.run(  # noqa: S603 - a fixed command on a file this test wrote
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [line.rstrip() for page in text.split("\f") for line in page.splitlines()]
    found = []
    for index, line in enumerate(lines):
        body = line.strip()
        if not body or PAGE_NUMBER.match(body):
            continue
        following = next((n for n in lines[index + 1 :] if n.strip()), "")
        ends_paragraph = (
            not following
            or PAGE_NUMBER.match(following.strip())
            or len(following) - len(following.lstrip()) >= 2
        )
        if not ends_paragraph and len(body.replace(" ", "")) < MIN_CHARS:
            found.append(line)
    return found


@pytest.mark.django_db
def test_libreoffice_paginates_the_docx_like_the_pdf(tree, client_as, members, tmp_path):
    from django.urls import reverse

    from xingcun.core.permissions import Role

    client_as(Role.DISTRICT, tree.district).post(reverse("reports:template-defaults"))
    with scope(area=tree.district.path):
        report = rendering.report_from_defaults(area=tree.district, period=Period.year(2020))
    # a long report: the default text repeated, so that it runs over several pages
    report.blocks = report.blocks * 3
    converted = soffice_pdf(report_docx(report), tmp_path)
    weasy = tmp_path / "weasy.pdf"
    weasy.write_bytes(report_pdf(report))
    pages = len(PdfReader(str(converted)).pages), len(PdfReader(str(weasy)).pages)
    assert pages[1] >= 2
    assert abs(pages[0] - pages[1]) <= 1, pages
    assert short_lines(converted) == []
