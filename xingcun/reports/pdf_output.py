"""The report as PDF: the print stylesheet repeats the DOCX geometry, WeasyPrint lays it out."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from xingcun.reports import fonts
from xingcun.reports.document import Report
from xingcun.reports.geometry import GB9704, SIZE_2, SIZE_4, PageGeometry


def print_context(geometry: PageGeometry = GB9704) -> dict[str, object]:
    return {
        "g": geometry,
        "indent_pt": round(2 * geometry.char_pitch_pt, 2),
        "signature_pt": round(4 * geometry.char_pitch_pt, 2),
        "title_pt": SIZE_2.pt,
        "page_number_pt": SIZE_4.pt,
        "fonts": {
            "title": fonts.TITLE.css_family,
            "h1": fonts.HEADING_1.css_family,
            "h2": fonts.HEADING_2.css_family,
            "body": fonts.BODY.css_family,
            "page": fonts.PAGE_NUMBER.css_family,
        },
    }


def report_print_html(
    report: Report, *, geometry: PageGeometry = GB9704, links: bool = False, base_url: str = ""
) -> str:
    """The report on the GB/T 9704 page; with `links`, figures link to their drill-downs (the
    saved HTML file: absolute links from `base_url`, styles inline), without them plain text (the
    PDF)."""
    context = {"report": report, "links": links, "base_url": base_url.rstrip("/")}
    return render_to_string("reports/report_print.html", {**context, **print_context(geometry)})


class PdfUnavailableError(RuntimeError):
    """The server cannot make a correct PDF; the message says which package to install."""


NO_CJK_FONT = gettext_lazy(
    "服务器没有安装中文字体，生成的 PDF 将无法显示中文：请管理员安装 fonts-noto-cjk"
    "（apt-get install fonts-noto-cjk）后重试。Word 版不受影响。"
)
NO_PANGO = gettext_lazy(
    "服务器缺少生成 PDF 所需的系统库（Pango/HarfBuzz）：请管理员安装 libpango-1.0-0、"
    "libpangoft2-1.0-0 和 libharfbuzz-subset0 后重试。Word 版不受影响。"
)


def report_pdf(report: Report, *, geometry: PageGeometry = GB9704) -> bytes:
    """The PDF, or PdfUnavailableError with one clear sentence: never tofu boxes, never a traceback."""
    if not fonts.cjk_fonts():
        raise PdfUnavailableError(NO_CJK_FONT)
    try:
        from weasyprint import HTML
    except OSError as e:  # cffi could not load a shared library
        raise PdfUnavailableError(NO_PANGO) from e

    pdf: bytes = HTML(string=report_print_html(report, geometry=geometry)).write_pdf()
    return pdf
