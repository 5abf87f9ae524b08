"""The register endpoints, generated from the register declarations (`xingcun/*/registries.py`):
for each register a list (its page's filters, cursor pagination, ordering), create, detail,
partial update, delete and a bulk import. Writes go through the register's form (references
resolved in the user's scope), `registry.record_save` / `record_delete` (write guards, model
validation, audit) and, for bulk, the import pipeline (all-or-nothing, `第N行 列名: 原因`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from xingcun.api import serializers as api_serializers
from xingcun.api.base import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, ApiView, invalid
from xingcun.api.records import form_data, represent
from xingcun.core import masking, selectors
from xingcun.core import registry as registries
from xingcun.core.imports import import_table
from xingcun.core.models import Area
from xingcun.core.registry import Registry
from xingcun.core.tabular import Table

PAGE_SIZE, MAX_PAGE_SIZE = 50, 500
ORDERABLE = (
    models.CharField,
    models.IntegerField,
    models.DateField,
    models.DecimalField,
)


def ordering_choices(registry: Registry) -> list[str]:
    """`id` and the register's own non-empty scalar columns, each either way."""
    names = ["id"]
    for column in registry.columns:
        try:
            field: Any = registry.model._meta.get_field(column.field)
        except Exception:  # noqa: S112 (a computed export column: not a database column)
            continue
        if (
            isinstance(field, ORDERABLE)
            and not field.null
            and not field.is_relation
            and column.field not in registry.pii_columns
            and column.field not in masking.ALWAYS_MASKED
            and column.field not in names
        ):
            names.append(column.field)
    return [n for name in names for n in (name, f"-{name}")]


def default_ordering(registry: Registry) -> str:
    first = registry.ordering[0] if registry.ordering else "-id"
    return first if first in ordering_choices(registry) else "-id"


class RecordCursor(CursorPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "limit"
    max_page_size = MAX_PAGE_SIZE

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        registry: Registry = view.registry
        chosen = request.query_params.get("ordering") or default_ordering(registry)
        if chosen not in ordering_choices(registry):
            raise exceptions.ValidationError(
                {
                    "ordering": [
                        gettext("可选排序：%(c)s") % {"c": "、".join(ordering_choices(registry))}
                    ]
                }
            )
        tie = "-id" if chosen.startswith("-") else "id"
        return (chosen,) if chosen.lstrip("-") == "id" else (chosen, tie)


class RegisterView(ApiView):
    registry_key = ""

    @property
    def registry(self) -> Registry:
        return registries.get(self.registry_key)

    def object(self, pk: int) -> Any:
        queryset = self.registry.queryset()
        if self.registry.model._meta.many_to_many:
            queryset = queryset.prefetch_related(
                *(f.name for f in self.registry.model._meta.many_to_many)
            )
        return get_object_or_404(queryset, pk=pk)  # scoped manager: another area's row is 404

    def save(self, request: Request, obj: Any, created: bool) -> Response:
        registry = self.registry
        if not isinstance(request.data, dict):
            raise exceptions.ParseError(gettext("请求体应为 JSON 对象"))
        # Types first (a list where a date belongs): the form then says what is wrong with values.
        typed = api_serializers.input_serializer(registry, partial=True)(
            data=request.data, partial=True
        )
        if not typed.is_valid():
            fields = {k: [str(m) for m in v] for k, v in typed.errors.items()}
            return invalid([f"{k}: {m}" for k, v in fields.items() for m in v], fields)
        form = registry.form_class(form_data(registry, obj, request.data), instance=obj)
        kept: dict[str, Any] = {}
        if not created and not self.show_pii(request):
            # Personal fields an editor without the right neither sees nor changes (as on pages).
            for name in masking.hidden_form_fields(list(form.fields), registry.pii_columns):
                del form.fields[name]
                kept[name] = getattr(obj, name)
        if not form.is_valid():
            fields = {name: [str(m) for m in errors] for name, errors in form.errors.items()}
            lines = [
                f"{form.fields[name].label}: {message}" if name in form.fields else message
                for name, messages in fields.items()
                for message in messages
            ]
            return invalid(lines, fields)
        try:
            saved = registries.record_save(
                registry=registry,
                obj=form.instance,
                values={**kept, **form.cleaned_data},
                actor=request.user,
            )
        except ValidationError as e:
            lines = [
                f"{header}: {message}" if header else message
                for header, message in registries.validation_messages(registry, e)
            ]
            return invalid(lines)
        saved = self.object(saved.pk)  # read back through the scope, as a GET would
        return Response(
            represent(registry, saved, show_pii=self.show_pii(request)),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class RecordListView(RegisterView):
    def get(self, request: Request) -> Response:
        registry = self.registry
        self.require(request, registry.perm_view)
        code = request.query_params.get("area", "").strip()
        area = None
        if code:
            area = Area.objects.filter(code=code.ljust(12, "0")[:12]).first()
            if area is None:
                raise exceptions.NotFound(gettext("区划代码不存在或不在您的辖区内"))
        kind = request.query_params.get("kind", "").strip()
        if kind and registry.kind_field:
            try:  # the filter's own type (a year is a number)
                kind_field: Any = registry.model._meta.get_field(registry.kind_field)
                kind_field.to_python(kind)
            except ValidationError:
                raise exceptions.ValidationError({"kind": [gettext("类别筛选无效")]}) from None
        queryset = selectors.record_list(
            registry=registry,
            query=request.query_params.get("q", "").strip(),
            area=area,
            kind=kind,
        )
        if registry.model._meta.many_to_many:
            queryset = queryset.prefetch_related(
                *(f.name for f in registry.model._meta.many_to_many)
            )
        paginator = RecordCursor()
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        show_pii = self.show_pii(request)
        return Response(
            {
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": [represent(registry, obj, show_pii=show_pii) for obj in page],
            }
        )

    def post(self, request: Request) -> Response:
        self.require(request, self.registry.perm_edit)
        return self.save(request, self.registry.model(), created=True)


class RecordDetailView(RegisterView):
    def get(self, request: Request, pk: int) -> Response:
        self.require(request, self.registry.perm_view)
        obj = self.object(pk)
        return Response(represent(self.registry, obj, show_pii=self.show_pii(request)))

    def patch(self, request: Request, pk: int) -> Response:
        self.require(request, self.registry.perm_edit)
        return self.save(request, self.object(pk), created=False)

    def delete(self, request: Request, pk: int) -> Response:
        self.require(request, self.registry.perm_delete)
        obj = self.object(pk)
        registries.record_delete(registry=self.registry, obj=obj, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecordBulkView(RegisterView):
    def post(self, request: Request) -> Response:
        registry = self.registry
        self.require(request, registry.perm_edit)
        rows = request.data.get("rows") if isinstance(request.data, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise exceptions.ParseError(gettext('请求体应为 {"rows": [{列: 值}, …]}'))
        if not rows:
            return invalid([gettext("没有要导入的行")])
        if len(rows) > settings.XINGCUN_API_BULK_MAX_ROWS:
            return invalid(
                [gettext("一次最多导入%(n)s行") % {"n": settings.XINGCUN_API_BULK_MAX_ROWS}]
            )
        columns = [c for c in registry.columns if not c.readonly]
        known = {c.field for c in columns}
        unknown = sorted({k for row in rows for k in row} - known)
        if unknown:
            return invalid([gettext("未知的列：%(c)s") % {"c": "、".join(unknown)}])
        # Row N of the request is row N of the messages; values are read as the file's cells.
        table = Table(
            headers=[str(c.header) for c in columns],
            rows=[
                (number, [_cell(row.get(c.field)) for c in columns])
                for number, row in enumerate(rows, start=1)
            ],
        )
        result = import_table(
            registry=registry, table=table, actor=request.user, filename="api", via="api"
        )
        body = {
            "total": result.total,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "errors": result.errors,
        }
        if result.errors:
            return Response(
                {"detail": gettext("有错误，整批未写入"), **body},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(body)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"  # BoolColumn reads both
    if isinstance(value, list | dict):
        return ";".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return value


# --- the generated URL map and its OpenAPI description --------------------------------------------


def _component(registry: Registry) -> str:
    return "".join(part.capitalize() for part in registry.key.replace("_", "-").split("-"))


def _list_parameters(registry: Registry) -> list[OpenApiParameter]:
    parameters = [
        OpenApiParameter(
            "area",
            OpenApiTypes.STR,
            description="Division code: only records of this node and below",
        ),
        OpenApiParameter("ordering", OpenApiTypes.STR, enum=ordering_choices(registry)),
        OpenApiParameter(
            "cursor", OpenApiTypes.STR, description="Page cursor (from next/previous)"
        ),
        OpenApiParameter(
            "limit", OpenApiTypes.INT, description=f"Records per page, at most {MAX_PAGE_SIZE}"
        ),
    ]
    if registry.search_fields:
        parameters.append(
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Search, as the list page's search box"
            )
        )
    if registry.kind_field:
        kind: Any = registry.model._meta.get_field(registry.kind_field)
        typed = OpenApiTypes.INT if isinstance(kind, models.IntegerField) else OpenApiTypes.STR
        parameters.append(
            OpenApiParameter("kind", typed, description="Kind filter, as on the list page")
        )
    return parameters


def views_for(registry: Registry) -> tuple[type[Any], type[Any], type[Any]]:
    name, tag, op = _component(registry), registry.key, registry.key.replace("-", "_")
    title = str(registry.title)
    attrs = {"registry_key": registry.key}
    record = api_serializers.record_serializer(registry)

    def schema(action: str, summary: str, **more: Any) -> Any:
        return extend_schema(
            operation_id=f"{op}_{action}", summary=f"{title}: {summary}", tags=[tag], **more
        )

    listing = type(f"{name}ListView", (RecordListView,), attrs)
    extend_schema_view(
        get=schema(
            "list",
            "list",
            parameters=_list_parameters(registry),
            responses={200: api_serializers.page_serializer(registry), **LIST_ERRORS},
        ),
        post=schema(
            "create",
            "create",
            request=api_serializers.input_serializer(registry, partial=False),
            responses={201: record, **WRITE_ERRORS},
        ),
    )(listing)
    detail = type(f"{name}DetailView", (RecordDetailView,), attrs)
    extend_schema_view(
        get=schema("retrieve", "detail", responses={200: record, **READ_ERRORS}),
        patch=schema(
            "partial_update",
            "update",
            request=api_serializers.input_serializer(registry, partial=True),
            responses={200: record, **WRITE_ERRORS},
        ),
        delete=schema("destroy", "delete", responses={204: None, **WRITE_ERRORS}),
    )(detail)
    bulk = type(f"{name}BulkView", (RecordBulkView,), attrs)
    extend_schema_view(
        post=schema(
            "bulk",
            "bulk import (all rows or none)",
            request=api_serializers.bulk_serializer(registry),
            responses={200: api_serializers.BulkResultSerializer, **WRITE_ERRORS},
        ),
    )(bulk)
    return listing, detail, bulk


def register_urls() -> list[URLPattern]:
    patterns: list[URLPattern] = []
    for registry in registries.all_registries():
        listing, detail, bulk = views_for(registry)
        base = f"registers/{registry.key}/"
        patterns += [
            path(base, listing.as_view(), name=f"{registry.key}-list"),
            path(f"{base}<int:pk>/", detail.as_view(), name=f"{registry.key}-detail"),
            path(f"{base}bulk/", bulk.as_view(), name=f"{registry.key}-bulk"),
        ]
    return patterns
