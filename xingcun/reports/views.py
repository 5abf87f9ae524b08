from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import versions
from xingcun.core.models import Area
from xingcun.core.permissions import request_has, requires
from xingcun.indicators import cache as indicator_cache
from xingcun.indicators import engine
from xingcun.indicators.engine import Period
from xingcun.reporting import selectors as reporting_selectors
from xingcun.reports import fonts, rendering, selectors, services, tags
from xingcun.reports.document import Report
from xingcun.reports.docx_output import report_docx
from xingcun.reports.forms import (
    GenerateForm,
    SectionFormSet,
    TemplateForm,
    ordered_forms,
    section_values,
)
from xingcun.reports.models import GeneratedReport, ReportSection, ReportTemplate
from xingcun.reports.pdf_output import PdfUnavailableError, report_pdf, report_print_html
from xingcun.reports.permissions import REPORT_EDIT, REPORT_VIEW

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CATALOGUE_LIMIT = 30
DRAFT = "draft"  # the draft in a version comparison


def _area(request: HttpRequest) -> Area:
    """The user's node. A platform superuser without a role has none: reports need one."""
    area: Area | None = request.area  # type: ignore[attr-defined]
    if area is None:
        raise Http404(gettext("请以具体区划的身份登录后再生成报告"))
    return area


def _list_context(request: HttpRequest, form: GenerateForm) -> dict[str, Any]:
    area = _area(request)
    return {
        "form": form,
        "templates": selectors.template_list_for(area=area).order_by("-year", "name"),
        "can_edit": request_has(request, REPORT_EDIT),
        "cjk_fonts": fonts.cjk_fonts(),
    }


@requires(REPORT_VIEW)
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    area = _area(request)
    year = reporting_selectors.complete_year(area=area)  # the latest year complete enough
    form = GenerateForm(area=area, initial={"node": area.code, "year": year})
    return render(request, "reports/report_list.html", _list_context(request, form))


@requires(REPORT_EDIT)
@require_POST
def template_defaults(request: HttpRequest) -> HttpResponse:
    """The explicit action that saves the built-in default templates (district, town, village)."""
    made = services.template_create_defaults(area=_area(request), actor=request.user)
    if made:
        messages.success(request, gettext("已创建并发布默认模板%(count)s个") % {"count": len(made)})
    else:
        messages.info(request, gettext("各层级的默认模板都已存在"))
    return redirect("reports:list")


@requires(REPORT_VIEW)
@require_GET
def report_generate(request: HttpRequest) -> HttpResponse:
    """The generate form's target: checks the choice, then sends the browser to the report."""
    form = GenerateForm(request.GET, area=_area(request))
    if not form.is_valid():
        return render(request, "reports/report_list.html", _list_context(request, form))
    name = {"html": "reports:view", "docx": "reports:docx", "pdf": "reports:pdf"}
    url = reverse(
        name[form.cleaned_data["format"]], args=[form.cleaned_data["node"], form.period_token()]
    )
    template = form.cleaned_data.get("template")
    return redirect(f"{url}?{urlencode({'template': template.pk})}" if template else url)


REPORT_TABLES = frozenset(
    {
        "reports_reporttemplate",
        "reports_reportsection",
        "reports_templateversion",
        "reports_generatedreport",
    }
)


def _node_and_period(code: str, period: str) -> tuple[Area, Period]:
    """The node `code` in the user's subtree and the period `period` named; else 404."""
    area = get_object_or_404(Area.objects.all(), code=code)
    try:
        return area, Period.parse(period)
    except ValueError as e:
        raise Http404(str(e)) from e


def _report(request: HttpRequest, code: str, period: str) -> Report:
    """The report for a node in the user's subtree (else 404), built from the chosen template."""
    area, when = _node_and_period(code, period)
    template_id = request.GET.get("template", "")
    draft = request.GET.get("draft") == "1" and request_has(request, REPORT_EDIT)
    today = timezone.localdate()
    template: ReportTemplate | None
    if template_id:
        if not template_id.isdigit():
            raise Http404(gettext("模板编号无效"))
        template = get_object_or_404(selectors.template_list_for(area=area), pk=int(template_id))
    else:
        template = selectors.template_default_for(area=area, year=when.end.year)

    def build() -> Report:
        if template is None:  # nothing saved yet: the built-in default, and nothing is written
            return rendering.report_from_defaults(area=area, period=when, issued_on=today)
        return rendering.report_for(
            template=template, area=area, period=when, draft=draft, issued_on=today
        )

    # The page, the DOCX and the PDF share one build while no figure and no template changed.
    return indicator_cache.cached(
        (
            "report",
            template.pk if template else "",
            area.path,
            str(when),
            draft,
            today.isoformat(),
            get_language(),
        ),
        build,
        area=area,
        tables=REPORT_TABLES,
    )


def _completeness_note(code: str, period: str) -> Any:
    area = Area.objects.filter(code=code).first()
    if area is None:
        return None
    return reporting_selectors.year_completeness(area=area, year=Period.parse(period).end.year)


def _filename(report: Report, extension: str) -> str:
    return gettext("%(area_name)s%(period_label)s工作报告.%(extension)s") % {
        "area_name": report.area_name,
        "period_label": report.period_label,
        "extension": extension,
    }


def base_url(request: HttpRequest) -> str:
    """Where the platform is reached from a saved file: `XINGCUN_BASE_URL`, else this request's."""
    configured = str(getattr(settings, "XINGCUN_BASE_URL", "") or "")
    return configured.rstrip("/") or request.build_absolute_uri("/").rstrip("/")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@dataclass(frozen=True)
class ReportPage:
    """The live report page, rendered: the parts before and after the (per-request) 存档 form,
    and what the form and the title need."""

    title: str
    top: str
    bottom: str
    area_code: str
    period: str
    template_id: int | None


@requires(REPORT_VIEW)
@require_GET
def report_view(request: HttpRequest, code: str, period: str) -> HttpResponse:
    can_edit = request_has(request, REPORT_EDIT)

    def build() -> ReportPage:
        report = _report(request, code, period)
        query = f"?template={report.template_id}" if request.GET.get("template") else ""
        context = {
            "report": report,
            "query": query,
            "completeness_note": _completeness_note(code, period),
            "can_edit": can_edit,
        }
        return ReportPage(
            title=str(report.title),
            top=mark_safe(render_to_string("reports/_report_top.html", context, request=request)),  # noqa: S308
            bottom=mark_safe(  # noqa: S308 - rendered by our template, autoescaped
                render_to_string("reports/_report_bottom.html", context, request=request)
            ),
            area_code=report.area_code,
            period=report.period,
            template_id=report.template_id,
        )

    # Rendered once while nothing it read changed (its figures, templates, completeness).
    name = ("report-page", code, period, request.GET.urlencode(), *versions.viewer(request))
    page = versions.memo(name, build)
    return render(request, "reports/report_page.html", {"page": page})


@requires(REPORT_VIEW)
@require_GET
def report_docx_download(request: HttpRequest, code: str, period: str) -> HttpResponse:
    report = _report(request, code, period)
    return _download(report_docx(report), DOCX_TYPE, _filename(report, "docx"))


@requires(REPORT_VIEW)
@require_GET
def report_pdf_download(request: HttpRequest, code: str, period: str) -> HttpResponse:
    report = _report(request, code, period)
    try:
        content = report_pdf(report)
    except PdfUnavailableError as e:
        return render(request, "reports/pdf_unavailable.html", {"message": str(e)}, status=503)
    return _download(content, "application/pdf", _filename(report, "pdf"))


@requires(REPORT_VIEW)
@require_GET
def report_html_download(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The report as one standalone HTML file: its own styles, absolute links to the platform."""
    report = _report(request, code, period)
    html = report_print_html(report, links=True, base_url=base_url(request))
    return _download(html.encode(), "text/html; charset=utf-8", _filename(report, "html"))


# --- issued reports (a version and its figures, kept) ----------------------------------------------


@requires(REPORT_VIEW)
@require_POST
def report_issue(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """Keep the report as issued: it can be produced again, identically, later."""
    area, when = _node_and_period(code, period)
    template_id = request.POST.get("template", "")
    if template_id.isdigit():
        template = get_object_or_404(selectors.template_list_for(area=area), pk=int(template_id))
    else:
        found = selectors.template_default_for(area=area, year=when.end.year)
        if found is None:
            messages.error(request, gettext("尚无已保存的默认模板，请区级管理员先创建默认模板"))
            return redirect("reports:view", code=code, period=period)
        template = found
    try:
        record = services.report_issue(
            template=template,
            area=area,
            period=when,
            actor=request.user,
            issued_on=timezone.localdate(),
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("reports:view", code=code, period=period)
    messages.success(
        request,
        gettext("已存档“%(title)s”（模板第%(number)s版）")
        % {"title": record.title, "number": record.version.number},
    )
    return redirect("reports:issued", pk=record.pk)


def _issued(pk: int) -> tuple[GeneratedReport, Report]:
    record = get_object_or_404(
        GeneratedReport.objects.select_related("area", "version__template"), pk=pk
    )
    return record, services.report_reissue(record=record)


@requires(REPORT_VIEW)
@require_GET
def issued_view(request: HttpRequest, pk: int) -> HttpResponse:
    record, report = _issued(pk)
    fmt = request.GET.get("format", "")
    if fmt == "docx":
        return _download(report_docx(report), DOCX_TYPE, _filename(report, "docx"))
    if fmt == "pdf":
        try:
            content = report_pdf(report)
        except PdfUnavailableError as e:
            return render(request, "reports/pdf_unavailable.html", {"message": str(e)}, status=503)
        return _download(content, "application/pdf", _filename(report, "pdf"))
    if fmt == "html":
        html = report_print_html(report, links=True, base_url=base_url(request))
        return _download(html.encode(), "text/html; charset=utf-8", _filename(report, "html"))
    context = {"report": report, "record": record, "query": "", "can_edit": False}
    return render(request, "reports/report_view.html", context)


@requires(REPORT_VIEW)
@require_GET
def issued_list(request: HttpRequest) -> HttpResponse:
    records = selectors.issued_list(area=_area(request))[:200]
    return render(request, "reports/issued_list.html", {"records": records})


# --- template editor (district) --------------------------------------------------------------------


@requires(REPORT_EDIT)
@require_POST
def template_create(request: HttpRequest) -> HttpResponse:
    """A new template copied from the chosen one (or the default), then opened in the editor."""
    area = selectors.owner_area(area=_area(request))
    source_id = request.POST.get("source", "")
    visible = selectors.template_list_for(area=area)
    if source_id.isdigit():
        source = get_object_or_404(visible, pk=int(source_id))
    else:
        default = selectors.template_default_for(area=area, year=timezone.localdate().year)
        if default is None:
            services.template_create_defaults(area=area, actor=request.user)
            default = selectors.template_default_for(area=area, year=timezone.localdate().year)
        if default is None:
            raise Http404(gettext("没有可复制的模板"))
        source = default
    year = request.POST.get("year", "")
    copy = services.template_copy(
        source=source,
        area=area,
        year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else source.year,
        actor=request.user,
    )
    messages.success(
        request, gettext("已复制为新模板“%(name)s”，请修改后保存") % {"name": copy.name}
    )
    return redirect("reports:template-edit", pk=copy.pk)


def _editor_forms(request: HttpRequest, template: ReportTemplate) -> tuple[TemplateForm, Any]:
    data = request.POST if request.method == "POST" else None
    form = TemplateForm(data, instance=template)
    formset = SectionFormSet(data, instance=template, prefix="sections")
    return form, formset


def _add_section_errors(formset: Any, error: ValidationError) -> list[str]:
    """Put each section's error beside its field; return all messages for the summary on top."""
    general: list[str] = []
    ordered = ordered_forms(formset)
    for item in error.error_list:
        params = item.params or {}
        message = " ".join(item.messages)
        if "index" in params and params["index"] < len(ordered):
            form = ordered[params["index"]]
            form.add_error(params.get("field") or None, message)
        general.append(message)
    return general


@requires(REPORT_EDIT)
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReportTemplate.objects.all(), pk=pk)
    form, formset = _editor_forms(request, template)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.template_save(
                template=template,
                name=form.cleaned_data["name"],
                title=form.cleaned_data["title"],
                year=form.cleaned_data["year"],
                is_default=form.cleaned_data["is_default"],
                sections=section_values(formset),
                actor=request.user,
                level=form.cleaned_data["level"],
                issuer=form.cleaned_data["issuer"],
            )
        except ValidationError as e:
            errors = _add_section_errors(formset, e)
        else:
            messages.success(request, gettext("模板“%(name)s”已保存") % {"name": template.name})
            return redirect("reports:template-edit", pk=template.pk)
    context = {
        "template": template,
        "form": form,
        "formset": formset,
        "errors": errors,
        "levels": ReportSection.Level.choices,
        "versions": selectors.version_list(template=template)[:20],
        "unpublished": services.template_has_unpublished_changes(template=template),
    }
    return render(request, "reports/template_edit.html", context)


@requires(REPORT_EDIT)
@require_POST
def template_publish(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReportTemplate.objects.all(), pk=pk)
    try:
        version = services.template_publish(
            template=template, actor=request.user, note=request.POST.get("note", "")[:200]
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            gettext("已发布第%(number)s版，此后生成的报告使用该版本") % {"number": version.number},
        )
    return redirect("reports:template-edit", pk=template.pk)


@requires(REPORT_EDIT)
@require_GET
def template_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """The versions of a template, and the difference between two of them (or the draft)."""
    template = get_object_or_404(ReportTemplate.objects.all(), pk=pk)
    versions = list(selectors.version_list(template=template))
    by_number = {str(v.number): v for v in versions}
    draft = services.draft_content(template=template)

    def content(choice: str) -> dict[str, Any] | None:
        if choice == DRAFT:
            return draft
        found = by_number.get(choice)
        return found.content() if found else None

    new_token = request.GET.get("new", DRAFT)
    old_token = request.GET.get("old", str(versions[0].number) if versions else "")
    old, new = content(old_token), content(new_token)
    diff = services.template_diff(old=old, new=new) if old and new else []
    context = {
        "template": template,
        "versions": versions,
        "old": old_token,
        "new": new_token,
        "diff": diff,
    }
    return render(request, "reports/template_versions.html", context)


@requires(REPORT_EDIT)
@require_POST
def template_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Undo: make an earlier version the draft again."""
    template = get_object_or_404(ReportTemplate.objects.all(), pk=pk)
    version = get_object_or_404(template.versions.all(), number=number)
    services.template_restore(template=template, version=version, actor=request.user)
    messages.success(
        request, gettext("草稿已恢复为第%(number)s版的内容；发布后生效") % {"number": number}
    )
    return redirect("reports:template-edit", pk=template.pk)


@requires(REPORT_EDIT)
@require_POST
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor's live preview: the unsaved text rendered for the user's node."""
    template = get_object_or_404(ReportTemplate.objects.all(), pk=pk)
    form, formset = _editor_forms(request, template)
    context: dict[str, Any] = {"template": template}
    if form.is_valid() and formset.is_valid():
        year = form.cleaned_data["year"]
        sections = section_values(formset)
        known = services.known_indicators()
        context["problems"] = [
            " ".join(e.messages)
            for e in services.title_check(form.cleaned_data["title"], known)
            + services.sections_check(sections, known)
        ]
        context["report"] = rendering.report_build(
            title=form.cleaned_data["title"],
            sections=sections,
            area=_area(request),
            period=Period.year(year),
        )
    else:
        context["problems"] = [gettext("表单内容不完整，请检查标红的字段")]
    return render(request, "reports/template_edit.html#preview", context)


@requires(REPORT_EDIT)
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """The editor's side panel: indicators matching the search, each with its tag."""
    query = request.GET.get("q", "").strip().lower()
    found = [
        indicator
        for indicator in engine.catalogue()
        if not query
        or query in indicator.code.lower()
        or query in indicator.name.lower()
        or query in indicator.name_en.lower()
        or query in indicator.description.lower()
    ]
    rows = [(indicator, tags.indicator_tag(indicator.code)) for indicator in found]
    return render(
        request,
        "reports/template_edit.html#catalogue",
        {"rows": rows[:CATALOGUE_LIMIT], "more": max(len(rows) - CATALOGUE_LIMIT, 0)},
    )
