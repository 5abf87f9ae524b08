from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit, jobs, selectors
from xingcun.core import registry as registries
from xingcun.core.context_processors import shortcuts_for
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.models import Area, ImportJob
from xingcun.core.permissions import AREA_VIEW, AUDIT_VIEW, PII_VIEW, Role, request_has, requires
from xingcun.core.tabular import write_csv, write_template, write_xlsx

PAGE_SIZE = 50


@require_GET
def healthz(request: ScopedRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: ScopedRequest) -> HttpResponse:
    area = request.area
    context: dict[str, Any] = {"area": area}
    if area is not None:
        context["counts"] = selectors.subtree_counts(area=area)
        context["children"] = selectors.area_children(area=area)[:40]
        context["ancestors"] = area.ancestors()
    context["tiles"] = [
        (reg, reverse(f"core:{reg.key}-list"), reg.queryset().count())
        for reg in registries.all_registries()
        if request_has(request, reg.perm_view)
    ]
    role = request.role
    context["role"] = role
    context["shortcuts"] = shortcuts_for(role)
    if role == Role.MEMBER:
        context["me"] = registries.person_of(request.user)
    return render(request, "core/home.html", context)


# --- areas -------------------------------------------------------------------------------------------


@requires(AREA_VIEW)
@require_GET
def area_list(request: ScopedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    qs = selectors.area_list(query=query, level=int(level) if level.isdigit() else None)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/area_list.html",
        {"page": page, "query": query, "level": level, "levels": Area.Level.choices},
    )


@requires(AREA_VIEW)
@require_GET
def area_detail(request: ScopedRequest, code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.all(), code=code)
    return render(
        request,
        "core/area_detail.html",
        {
            "obj": area,
            "ancestors": area.ancestors(),
            "children": selectors.area_children(area=area),
            "counts": selectors.subtree_counts(area=area),
        },
    )


# --- audit -------------------------------------------------------------------------------------------


@requires(AUDIT_VIEW)
@require_GET
def audit_list(request: ScopedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    qs = selectors.audit_list(query=query, action=request.GET.get("action", ""))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page, "query": query})


# --- registries: one set of views serves every registry ------------------------------------------------


def _registry(key: str) -> registries.Registry:
    try:
        return registries.get(key)
    except KeyError as e:
        raise Http404 from e


def _check(request: ScopedRequest, perm: str) -> None:
    if not request_has(request, perm):
        raise PermissionDenied


def _filter_area(request: ScopedRequest) -> Area | None:
    code = request.GET.get("area", "").strip()
    if not code:
        return None
    return Area.objects.filter(code=code.ljust(12, "0")).first()


@login_required
def record_list(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_view)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "").strip()
    area = _filter_area(request)
    qs = selectors.record_list(registry=reg, query=query, area=area, kind=kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (obj, [(col.accessor(obj), col.link) for col in reg.list_columns])
        for obj in page.object_list
    ]
    kind_choices: list[tuple[Any, Any]] = []
    if reg.kind_field:
        model_field = reg.model._meta.get_field(reg.kind_field)
        kind_choices = list(getattr(model_field, "choices", None) or [])
        if not kind_choices:
            values = reg.queryset().order_by().values_list(reg.kind_field, flat=True).distinct()
            kind_choices = [(v, v) for v in sorted(set(values), reverse=True)]
    context = {
        "reg": reg,
        "page": page,
        "rows": rows,
        "query": query,
        "kind": kind,
        "kind_choices": kind_choices,
        "area_filter": area,
        "area_choices": Area.objects.filter(level__lte=4).order_by("code")[:200],
        "can_edit": request_has(request, reg.perm_edit),
        "querystring": request.GET.urlencode(),
    }
    template = "core/record_list.html#table" if is_htmx(request) else "core/record_list.html"
    return render(request, template, context)


def _detail_fields(reg: registries.Registry, obj: Any, show_pii: bool) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = []
    for field in obj._meta.concrete_fields:
        if field.name in {"id", "created_at", "updated_at", *reg.detail_exclude}:
            continue
        value = getattr(obj, field.name)
        if field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif isinstance(value, Area):
            value = f"{value.display_name}（{value.code}）"
        if field.name in {"id_number", "phone"} and value and not show_pii:
            value = registries.mask_value(field.name, str(value))
        fields.append((str(field.verbose_name), value if value not in (None, "") else "—"))
    fields.extend(
        (str(m2m.verbose_name), "、".join(str(x) for x in getattr(obj, m2m.name).all()) or "—")
        for m2m in obj._meta.many_to_many
    )
    return fields


@login_required
def record_detail(request: ScopedRequest, key: str, pk: int) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_view)
    obj = get_object_or_404(reg.queryset(), pk=pk)
    show_pii = request_has(request, PII_VIEW)
    context = {
        "reg": reg,
        "obj": obj,
        "fields": _detail_fields(reg, obj, show_pii),
        "history": audit.history(obj)[:50] if request_has(request, AUDIT_VIEW) else [],
        "can_edit": request_has(request, reg.perm_edit),
        "can_delete": request_has(request, reg.perm_delete),
    }
    return render(request, "core/record_detail.html", context)


def _save_form(request: ScopedRequest, reg: registries.Registry, obj: Any) -> HttpResponse:
    form = reg.form_class(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            saved = registries.record_save(
                registry=reg, obj=form.instance, values=dict(form.cleaned_data), actor=request.user
            )
        except ValidationError as e:
            for header, message in registries.validation_messages(reg, e):
                form.add_error(None, f"{header}: {message}" if header else message)
        else:
            messages.success(request, f"{reg.title}“{saved}”已保存")
            return redirect(reverse(f"core:{reg.key}-detail", args=[saved.pk]))
    return render(request, "core/record_form.html", {"reg": reg, "form": form, "obj": obj})


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_edit)
    return _save_form(request, reg, reg.model())


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: ScopedRequest, key: str, pk: int) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_edit)
    obj = get_object_or_404(reg.queryset(), pk=pk)
    return _save_form(request, reg, obj)


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: ScopedRequest, key: str, pk: int) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_delete)
    obj = get_object_or_404(reg.queryset(), pk=pk)
    if request.method == "POST":
        try:
            registries.record_delete(registry=reg, obj=obj, actor=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(reverse(f"core:{reg.key}-detail", args=[pk]))
        messages.success(request, f"{reg.title}“{obj}”已删除")
        return redirect(reverse(f"core:{reg.key}-list"))
    return render(request, "core/record_delete.html", {"reg": reg, "obj": obj})


@login_required
@require_GET
def record_template(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_edit)
    content = write_template(
        reg.title,
        [c.template() for c in reg.columns if not c.readonly],
        [v for c, v in zip(reg.columns, reg.example, strict=False) if not c.readonly]
        if reg.example
        else (),
    )
    return _download(content, f"{reg.title}导入模板.xlsx")


@login_required
@require_GET
def record_export(request: ScopedRequest, key: str, fmt: str) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_view)
    qs = selectors.record_list(
        registry=reg,
        query=request.GET.get("q", "").strip(),
        area=_filter_area(request),
        kind=request.GET.get("kind", "").strip(),
    )
    headers = [c.header for c in reg.columns]
    rows = reg.export_rows(
        qs.iterator(chunk_size=2000) if not reg.model._meta.many_to_many else qs,
        show_pii=request_has(request, PII_VIEW),
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        return _download(write_csv(headers, rows), f"{reg.title}-{stamp}.csv")
    return _download(write_xlsx(headers, rows), f"{reg.title}-{stamp}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def record_import(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_edit)
    area = require_area(request)
    job = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "请选择要导入的文件"
        elif upload.size and upload.size > settings.XINGCUN_IMPORT_MAX_BYTES:
            error = f"文件超过大小上限（{settings.XINGCUN_IMPORT_MAX_BYTES // (1024 * 1024)} MB），请拆分后导入"
        else:
            job = jobs.import_job_start(registry=reg, upload=upload, actor=request.user, area=area)
    context: dict[str, Any] = {
        "reg": reg,
        "job": job,
        "error": error,
        "recent": ImportJob.objects.filter(registry=reg.key)[:5],
    }
    template = (
        "core/record_import.html#result" if is_htmx(request) and job else "core/record_import.html"
    )
    return render(request, template, context)


@login_required
@require_GET
def record_import_status(request: ScopedRequest, key: str, job_id: int) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_edit)
    job = get_object_or_404(ImportJob.objects.all(), pk=job_id, registry=reg.key)
    context = {"reg": reg, "job": job}
    template = "core/record_import.html#result" if is_htmx(request) else "core/record_import.html"
    return render(request, template, context)


@login_required
@require_POST
def record_import_retry(request: ScopedRequest, key: str, job_id: int) -> HttpResponse:
    reg = _registry(key)
    _check(request, reg.perm_edit)
    job = get_object_or_404(ImportJob.objects.all(), pk=job_id, registry=reg.key)
    job = jobs.import_job_retry(job=job)
    template = "core/record_import.html#result" if is_htmx(request) else "core/record_import.html"
    return render(request, template, {"reg": reg, "job": job})


def is_htmx(request: ScopedRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _download(content: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    content_type = (
        "text/csv; charset=utf-8"
        if filename.endswith(".csv")
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
