from __future__ import annotations

import tempfile
from typing import Any, Literal
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.forms import ModelChoiceField
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xingcun.core import audit, jobs, masking, selectors, uploads, versions
from xingcun.core import registry as registries
from xingcun.core.context_processors import shortcuts_for
from xingcun.core.forms import AuditFilterForm, search
from xingcun.core.http import ScopedRequest, require_area
from xingcun.core.models import Area, ImportJob
from xingcun.core.permissions import (
    AREA_VIEW,
    AUDIT_VIEW,
    PII_VIEW,
    USER_MANAGE,
    Role,
    request_has,
    requires,
)
from xingcun.core.scoping import keep_scope
from xingcun.core.tabular import save_xlsx, stream_csv, write_csv, write_template, write_xlsx

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AUDIT_EXPORT_MAX = 100_000  # rows in one audit export; narrow the filter for more


@require_GET
def healthz(request: ScopedRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


ASSIGNED_WORK_ROLES = frozenset({Role.EXPERT, Role.PARTNER})


@login_required
@require_GET
def home(request: ScopedRequest) -> HttpResponse:
    area = request.area
    role = request.role
    context: dict[str, Any] = {"area": area, "role": role}
    head = versions.memo(("home-head", *versions.viewer(request)), lambda: _home_head(request))
    context.update(head)
    # The body (to-do, counts, registers, children) is the user's: rendered once and served from
    # the shared cache while none of the tables it read changed (core.versions.memo).
    identity = ("home", *versions.viewer(request))
    context["body"] = versions.memo(identity, lambda: _home_body(request, area, role))
    return render(request, "core/home.html", context)


def _home_head(request: ScopedRequest) -> dict[str, Any]:
    area = request.area
    return {
        "ancestors": list(area.ancestors()) if area is not None else [],
        "memberships": list(request.user.memberships.select_related("area").order_by("id")),  # type: ignore[union-attr]
    }


def _home_body(request: ScopedRequest, area: Area | None, role: str | None) -> str:
    # The to-do list (`work`) comes from the work-cycle app's context processor.
    context: dict[str, Any] = {
        "request": request,
        "area": area,
        "role": role,
        "shortcuts": shortcuts_for(role),
    }
    if role == Role.MEMBER:
        context["me"] = registries.person_of(request.user)
    if role not in ASSIGNED_WORK_ROLES:  # experts and partners see only the work assigned to them
        if area is not None:
            context["counts"] = selectors.subtree_counts(area=area)
            context["children"] = selectors.area_children(area=area)[:40]
        shown = [reg for reg in registries.all_registries() if request_has(request, reg.perm_view)]
        # Each count from the cache while its own tables are unchanged (a write recomputes one).
        counts = versions.cached_counts(
            {reg.key: reg.queryset for reg in shown}, scope=area.path if area else ""
        )
        context["tiles"] = [
            (reg, reverse(f"core:{reg.key}-list"), counts[reg.key]) for reg in shown
        ]
    return mark_safe(render_to_string("core/_home_body.html", context, request=request))  # noqa: S308 - autoescaped


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


def _audit_filtered(request: ScopedRequest) -> tuple[Any, AuditFilterForm]:
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.audit_list(
        query=data.get("q", ""),
        action=data.get("action", ""),
        person=data.get("person", ""),
        area=_filter_area(request),
        since=data.get("since"),
        until=data.get("until"),
        with_unplaced=request_has(request, USER_MANAGE),
    )
    return qs, form


@requires(AUDIT_VIEW)
@require_GET
def audit_list(request: ScopedRequest) -> HttpResponse:
    qs, form = _audit_filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "form": form,
        "actions": audit.action_choices(
            selectors.audit_actions()
            + (selectors.audit_unplaced_actions() if request_has(request, USER_MANAGE) else [])
        ),
        "can_manage_users": request_has(request, USER_MANAGE),
        "action": request.GET.get("action", ""),
        "area_code": request.GET.get("area", ""),
        "querystring": params.urlencode(),
    }
    return render(request, "core/audit_list.html", context)


@requires(AUDIT_VIEW)
@require_GET
def audit_export(request: ScopedRequest, fmt: str) -> HttpResponse:
    qs, _ = _audit_filtered(request)
    masked = not request_has(request, PII_VIEW)
    headers = [
        gettext("时间"),
        gettext("操作人"),
        gettext("动作"),
        gettext("动作代码"),
        gettext("途径"),
        gettext("区划"),
        gettext("对象"),
        gettext("变更"),
    ]
    rows = (
        [
            timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            audit.action_label(e.action, e.model),
            e.action,
            e.get_via_display(),
            e.area.display_name if e.area else "",
            e.object_repr,
            "；".join(f"{name}: {line}" for name, line in e.change_lines(masked=masked)),
        ]
        for e in qs[:AUDIT_EXPORT_MAX]
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        return _download(
            write_csv(headers, rows), gettext("审计日志-%(stamp)s.csv") % {"stamp": stamp}
        )
    if fmt != "xlsx":
        raise Http404
    return _download(
        write_xlsx(headers, rows), gettext("审计日志-%(stamp)s.xlsx") % {"stamp": stamp}
    )


# --- registries: one set of views serves every registry ------------------------------------------------


def _registry(
    request: ScopedRequest, key: str, need: Literal["view", "edit", "delete"]
) -> registries.Registry:
    """The register `key` (404 when there is none), for a user who may `need` its records (else
    403)."""
    try:
        reg = registries.get(key)
    except KeyError as e:
        raise Http404 from e
    if not request_has(request, getattr(reg, f"perm_{need}")):
        raise PermissionDenied
    return reg


def _filter_area(request: ScopedRequest) -> Area | None:
    code = request.GET.get("area", "").strip()
    if not code:
        return None
    return Area.objects.filter(code=code.ljust(12, "0")).first()


@login_required
def record_list(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(request, key, "view")
    # The list (filters, one page of rows, the count) is rendered once per role and query string
    # while none of the tables it read changed (core.versions.memo): masking and the edit buttons
    # depend on the role only.
    htmx = bool(is_htmx(request))
    name = ("register", key, request.GET.urlencode(), htmx, *versions.viewer(request))
    body = versions.memo(name, lambda: _record_list_body(request, reg, htmx=htmx))
    if htmx:
        return HttpResponse(body)
    return render(request, "core/record_list.html", {"reg": reg, "body": body})


def _record_list_body(request: ScopedRequest, reg: registries.Registry, *, htmx: bool) -> str:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "").strip()
    area = _filter_area(request)
    qs = selectors.record_list(registry=reg, query=query, area=area, kind=kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    show_pii = request_has(request, PII_VIEW)
    rows = [
        (obj, [(_list_cell(reg, col, obj, show_pii), col.link) for col in reg.list_columns])
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
        "request": request,
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
    template = "core/_record_list_body.html" + ("#table" if htmx else "")
    return mark_safe(render_to_string(template, context, request=request))  # noqa: S308 - autoescaped


def _list_cell(
    reg: registries.Registry, col: registries.ListColumn, obj: Any, show_pii: bool
) -> Any:
    """One list cell; masked (xingcun.core.masking) for a viewer without the right."""
    value = col.accessor(obj)
    if show_pii:
        return value
    name = col.path.rsplit("__", 1)[-1]
    return masking.cell(name, value, personal=name == "phone" and col.path in reg.pii_columns)


def _detail_fields(reg: registries.Registry, obj: Any, show_pii: bool) -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = []
    for field in obj._meta.concrete_fields:
        if field.name in {"id", "created_at", "updated_at", *reg.detail_exclude}:
            continue
        value = getattr(obj, field.name)
        if field.choices:
            value = getattr(obj, f"get_{field.name}_display")()
        elif isinstance(value, bool):
            value = gettext("是") if value else gettext("否")
        elif isinstance(value, Area):
            value = f"{value.display_name}（{value.code}）"
        if not show_pii:
            value = masking.cell(field.name, value, personal=field.name == "phone")
        fields.append((str(field.verbose_name), value if value not in (None, "") else "—"))
    fields.extend(
        (str(m2m.verbose_name), "、".join(str(x) for x in getattr(obj, m2m.name).all()) or "—")
        for m2m in obj._meta.many_to_many
    )
    return fields


@login_required
def record_detail(request: ScopedRequest, key: str, pk: int) -> HttpResponse:
    reg = _registry(request, key, "view")
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
    kept: dict[str, Any] = {}
    if obj.pk is not None and not request_has(request, PII_VIEW):
        # Personal fields an editor without the right neither sees nor changes: stored values kept.
        for name in masking.hidden_form_fields(list(form.fields), reg.pii_columns):
            del form.fields[name]
            kept[name] = getattr(obj, name)
    if request.method == "POST" and form.is_valid():
        try:
            saved = registries.record_save(
                registry=reg,
                obj=form.instance,
                values={**kept, **form.cleaned_data},
                actor=request.user,
            )
        except ValidationError as e:
            for header, message in registries.validation_messages(reg, e):
                form.add_error(None, f"{header}: {message}" if header else message)
        else:
            messages.success(
                request,
                gettext("%(title)s“%(saved)s”已保存") % {"title": reg.title, "saved": saved},
            )
            return redirect(reverse(f"core:{reg.key}-detail", args=[saved.pk]))
    return render(request, "core/record_form.html", {"reg": reg, "form": form, "obj": obj})


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(request, key, "edit")
    return _save_form(request, reg, reg.model())


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: ScopedRequest, key: str, pk: int) -> HttpResponse:
    reg = _registry(request, key, "edit")
    obj = get_object_or_404(reg.queryset(), pk=pk)
    return _save_form(request, reg, obj)


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: ScopedRequest, key: str, pk: int) -> HttpResponse:
    reg = _registry(request, key, "delete")
    obj = get_object_or_404(reg.queryset(), pk=pk)
    if request.method == "POST":
        try:
            registries.record_delete(registry=reg, obj=obj, actor=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(reverse(f"core:{reg.key}-detail", args=[pk]))
        messages.success(
            request, gettext("%(title)s“%(obj)s”已删除") % {"title": reg.title, "obj": obj}
        )
        return redirect(reverse(f"core:{reg.key}-list"))
    return render(request, "core/record_delete.html", {"reg": reg, "obj": obj})


@login_required
@require_GET
def reference_search(request: ScopedRequest, key: str, field: str) -> HttpResponse:
    """Search-as-you-type for a reference field of a register's form: at most 20 rows, from the
    same (scoped) queryset the form validates against."""
    reg = _registry(request, key, "edit")
    form_field = reg.form_class().fields.get(field)
    if not isinstance(form_field, ModelChoiceField):
        raise Http404
    personal = request_has(request, PII_VIEW)
    return JsonResponse(
        {"results": search(form_field, request.GET.get("q", ""), personal=personal)}
    )


@login_required
@require_GET
def record_template(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(request, key, "edit")
    content = write_template(
        reg.title,
        [c.template() for c in reg.columns if not c.readonly],
        [v for c, v in zip(reg.columns, reg.example, strict=False) if not c.readonly]
        if reg.example
        else (),
        reg.prerequisites,
    )
    return _download(content, gettext("%(title)s导入模板.xlsx") % {"title": reg.title})


@login_required
@require_GET
def record_export(request: ScopedRequest, key: str, fmt: str) -> HttpResponseBase:
    reg = _registry(request, key, "view")
    qs = selectors.record_list(
        registry=reg,
        query=request.GET.get("q", "").strip(),
        area=_filter_area(request),
        kind=request.GET.get("kind", "").strip(),
    )
    headers = [str(c.header) for c in reg.columns]
    rows = keep_scope(
        reg.export_rows(
            reg.export_queryset(qs),
            show_pii=request_has(request, PII_VIEW),
        )
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            stream_csv(headers, rows), content_type="text/csv; charset=utf-8"
        )
        return _attachment(response, f"{reg.title}-{stamp}.csv")
    # xlsx is a zip whose directory comes last: write it to a temporary file, then stream that.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    save_xlsx(headers, rows, spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX)
    return _attachment(response, f"{reg.title}-{stamp}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def record_import(request: ScopedRequest, key: str) -> HttpResponse:
    reg = _registry(request, key, "edit")
    area = require_area(request)
    job = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if getattr(request, "upload_too_large", False) or (
            upload is not None and upload.size and upload.size > settings.XINGCUN_IMPORT_MAX_BYTES
        ):
            error = uploads.too_large_message()
        elif upload is None:
            error = gettext("请选择要导入的文件")
        else:
            job = jobs.import_job_start(
                registry=reg,
                upload=upload,
                actor=request.user,
                area=area,
                check_only="check" in request.POST,
            )
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


def _import_job(
    request: ScopedRequest, key: str, job_id: int
) -> tuple[registries.Registry, ImportJob]:
    """The register `key` and one of its import jobs, for a user who may edit the register."""
    reg = _registry(request, key, "edit")
    return reg, get_object_or_404(ImportJob.objects.all(), pk=job_id, registry=reg.key)


def _import_result(
    request: ScopedRequest, reg: registries.Registry, job: ImportJob
) -> HttpResponse:
    template = "core/record_import.html#result" if is_htmx(request) else "core/record_import.html"
    return render(request, template, {"reg": reg, "job": job})


@login_required
@require_GET
def record_import_status(request: ScopedRequest, key: str, job_id: int) -> HttpResponse:
    return _import_result(request, *_import_job(request, key, job_id))


@login_required
@require_POST
def record_import_retry(request: ScopedRequest, key: str, job_id: int) -> HttpResponse:
    reg, job = _import_job(request, key, job_id)
    return _import_result(request, reg, jobs.import_job_retry(job=job))


@login_required
@require_POST
def record_import_confirm(request: ScopedRequest, key: str, job_id: int) -> HttpResponse:
    """Import the file of a passed check."""
    reg, job = _import_job(request, key, job_id)
    return _import_result(request, reg, jobs.import_job_confirm(job=job, actor=request.user))


def is_htmx(request: ScopedRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _download(content: bytes, filename: str) -> HttpResponse:
    content_type = "text/csv; charset=utf-8" if filename.endswith(".csv") else XLSX
    response = HttpResponse(content, content_type=content_type)
    _attachment(response, filename)
    return response


def _attachment(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
