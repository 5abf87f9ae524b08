"""Figures and reports: the indicator catalogue, one value with its definition, a grid of
indicators × nodes × periods in one request (the engine's grouped, cached evaluation, as the
dashboard uses it), the records behind a value (the drill-down the pages show) and a node's
report for a period as HTML, DOCX or PDF (the report pages' own rendering)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from xingcun.api.base import LIST_ERRORS, READ_ERRORS, ApiView
from xingcun.core import masking
from xingcun.core.models import Area
from xingcun.indicators import drill, engine
from xingcun.indicators.engine import Indicator, Period, Result
from xingcun.indicators.permissions import INDICATOR_VIEW

MAX_CODES, MAX_PERIODS, MAX_RECORDS = 100, 24, 1000
TAG = "figures"


# --- shapes ---------------------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField(help_text="Unit")
    kind = serializers.ChoiceField(choices=engine.Kind.values)
    kind_label = serializers.CharField()
    semantics = serializers.ChoiceField(
        choices=engine.Semantics.values,
        help_text="Period semantics: within the year, cumulative to the end, as of the end, current",
    )
    semantics_label = serializers.CharField()
    description = serializers.CharField(help_text="Definition")
    section = serializers.CharField()
    parts = serializers.ListField(
        child=serializers.CharField(), help_text="Codes of the indicators it is computed from"
    )


class AreaSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(
        help_text="2020 (a year) or 2020-06 (the year up to the end of June)"
    )
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["year", "month"])
    start = serializers.DateField()
    end = serializers.DateField()


class ValueSerializer(serializers.Serializer[Any]):
    indicator = serializers.CharField()
    area = serializers.CharField()
    period = serializers.CharField()
    value = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)
    display = serializers.CharField(help_text="The value as shown, with its unit")
    status = serializers.ChoiceField(
        choices=["final", "provisional"],
        help_text="final: frozen in a snapshot; provisional: computed live from the records, may change",
    )
    live_value = serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        allow_null=True,
        help_text="The live value, when the value is frozen",
    )
    differs = serializers.BooleanField(help_text="Whether the frozen and the live value differ")
    numerator = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)
    denominator = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)


class OneValueSerializer(ValueSerializer):
    definition = IndicatorSerializer()
    node = AreaSerializer()
    period_detail = PeriodSerializer()


class GridSerializer(serializers.Serializer[Any]):
    indicators = IndicatorSerializer(many=True)
    nodes = AreaSerializer(many=True)
    periods = PeriodSerializer(many=True)
    values = ValueSerializer(many=True)


class DrillTableSerializer(serializers.Serializer[Any]):
    indicator = serializers.CharField()
    role = serializers.CharField(
        help_text="numerator, denominator, current, a year earlier (in Chinese), or empty"
    )
    headers = serializers.ListField(child=serializers.CharField())
    total = serializers.DecimalField(max_digits=None, decimal_places=None)
    count = serializers.IntegerField()
    rows = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()))


class DrillSerializer(serializers.Serializer[Any]):
    value = ValueSerializer()
    tables = DrillTableSerializer(many=True)


def indicator_data(ind: Indicator) -> dict[str, Any]:
    return {
        "code": ind.code,
        "name": ind.name,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "kind": ind.kind,
        "kind_label": ind.kind_label,
        "semantics": ind.semantics,
        "semantics_label": ind.semantics_label,
        "description": ind.description,
        "section": ind.section,
        "parts": list(ind.parts()),
    }


def area_data(area: Area) -> dict[str, Any]:
    return {"code": area.code, "name": area.display_name, "level": area.level}


def period_data(period: Period) -> dict[str, Any]:
    return {
        "token": str(period),
        "label": period.label,
        "kind": period.kind,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def value_data(result: Result) -> dict[str, Any]:
    return {
        "indicator": result.indicator.code,
        "area": result.area.code,
        "period": str(result.period),
        "value": _number(result.value),
        "display": result.display(),
        "status": "final" if result.frozen else "provisional",
        "live_value": _number(result.live_value),
        "differs": result.differs,
        "numerator": _number(result.numerator),
        "denominator": _number(result.denominator),
    }


# --- reading the request ---------------------------------------------------------------------------


def _area(code: str) -> Area:
    return get_object_or_404(Area.objects.all(), code=code)  # scoped: another jurisdiction is 404


def _period(token: str) -> Period:
    try:
        return Period.parse(token)
    except ValueError as e:
        raise exceptions.ValidationError({"period": [str(e)]}) from e


def _indicator(code: str) -> Indicator:
    try:
        return engine.get(code)
    except KeyError as e:
        raise exceptions.NotFound(gettext("没有代码为“%(code)s”的指标") % {"code": code}) from e


def _list(text: str, name: str, limit: int) -> list[str]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if len(items) > limit:
        raise exceptions.ValidationError({name: [gettext("最多%(n)s项") % {"n": limit}]})
    return items


class FigureView(ApiView):
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.require(request, INDICATOR_VIEW)


# --- views ---------------------------------------------------------------------------------------


class CatalogueView(FigureView):
    @extend_schema(
        operation_id="indicators_list",
        summary="Indicator catalogue",
        tags=[TAG],
        responses={200: IndicatorSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request: Request) -> Response:
        return Response([indicator_data(ind) for ind in engine.catalogue()])


class ValueView(FigureView):
    @extend_schema(
        operation_id="indicators_value",
        summary="One value, with its definition, unit, period semantics and final/provisional status",
        tags=[TAG],
        responses={200: OneValueSerializer, **LIST_ERRORS},
    )
    def get(self, request: Request, code: str, area: str, period: str) -> Response:
        ind, node, when = _indicator(code), _area(area), _period(period)
        result = engine.evaluate(ind.code, area=node, period=when)
        return Response(
            {
                **value_data(result),
                "definition": indicator_data(ind),
                "node": area_data(node),
                "period_detail": period_data(when),
            }
        )


class GridView(FigureView):
    @extend_schema(
        operation_id="indicators_grid",
        summary="Indicators × nodes × periods in one request",
        tags=[TAG],
        parameters=[
            OpenApiParameter(
                "indicators",
                OpenApiTypes.STR,
                description="Indicator codes, comma-separated; all when empty",
            ),
            OpenApiParameter(
                "periods",
                OpenApiTypes.STR,
                description="Periods, comma-separated, e.g. 2019,2020,2021-06",
            ),
            OpenApiParameter(
                "level",
                OpenApiTypes.INT,
                description="Also the nodes of this level below (4 towns, 5 villages); only the node when empty",
            ),
        ],
        responses={200: GridSerializer, **LIST_ERRORS},
    )
    def get(self, request: Request, area: str) -> Response:
        node = _area(area)
        codes = _list(request.query_params.get("indicators", ""), "indicators", MAX_CODES)
        indicators = [_indicator(c) for c in codes] if codes else engine.catalogue()
        tokens = _list(request.query_params.get("periods", ""), "periods", MAX_PERIODS)
        periods = [_period(t) for t in tokens] or [Period.year(timezone.localdate().year - 1)]
        level = request.query_params.get("level", "").strip()
        if level and level not in {"4", "5"}:
            raise exceptions.ValidationError({"level": [gettext("层级应为4或5")]})
        levels = (int(level),) if level and int(level) > node.level else ()
        grid = engine.evaluate_grid(
            area=node, periods=periods, codes=[i.code for i in indicators], levels=levels
        )
        nodes: dict[str, Area] = {}
        values = []
        for period in periods:
            for ind in indicators:
                for result in grid[str(period)][ind.code].values():
                    nodes.setdefault(result.area.code, result.area)
                    values.append(value_data(result))
        return Response(
            {
                "indicators": [indicator_data(i) for i in indicators],
                "nodes": [area_data(a) for _, a in sorted(nodes.items())],
                "periods": [period_data(p) for p in periods],
                "values": values,
            }
        )


class DrillView(FigureView):
    @extend_schema(
        operation_id="indicators_records",
        summary="The records that make a value (drill-down), each table with its total",
        tags=[TAG],
        parameters=[
            OpenApiParameter(
                "limit", OpenApiTypes.INT, description=f"Rows per table (at most {MAX_RECORDS})"
            ),
            OpenApiParameter("offset", OpenApiTypes.INT, description="Rows skipped in each table"),
        ],
        responses={200: DrillSerializer, **LIST_ERRORS},
    )
    def get(self, request: Request, code: str, area: str, period: str) -> Response:
        ind, node, when = _indicator(code), _area(area), _period(period)
        limit, offset = _bounded(request, "limit", 100, MAX_RECORDS), _bounded(request, "offset", 0)
        show_pii = self.show_pii(request)
        tables = []
        for found in drill.tables(ind.code, area=node, period=when):
            rows = found.rows[offset : offset + limit]
            tables.append(
                {
                    "indicator": found.indicator.code,
                    "role": found.role,
                    "headers": found.headers(),
                    "total": format(found.total, "f"),
                    "count": found.rows.count(),
                    "rows": [
                        [_cell(v, show_pii) for v in values] for values in found.row_values(rows)
                    ],
                }
            )
        result = engine.evaluate(ind.code, area=node, period=when)
        return Response({"value": value_data(result), "tables": tables})


def _bounded(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    text = request.query_params.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or (maximum is not None and not 1 <= int(text) <= maximum):
        raise exceptions.ValidationError({name: [gettext("数值无效")]})
    return int(text)


def _cell(value: Any, show_pii: bool) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if show_pii else masking.text(text)


# --- reports ---------------------------------------------------------------------------------------

FORMATS = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class ReportView(ApiView):
    @extend_schema(
        operation_id="reports_generate",
        summary="Generate and fetch the work report of a node and period (HTML, Word or PDF)",
        tags=["reports"],
        parameters=[
            OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMATS))
        ],
        responses={
            (200, FORMATS["html"]): OpenApiResponse(OpenApiTypes.BINARY, description="HTML"),
            (200, FORMATS["docx"]): OpenApiResponse(OpenApiTypes.BINARY, description="Word"),
            (200, FORMATS["pdf"]): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            **LIST_ERRORS,
            503: OpenApiResponse(description="No Chinese font installed: the PDF cannot be made"),
        },
    )
    def get(self, request: Request, area: str, period: str, fmt: str) -> HttpResponse:
        from xingcun.reports import rendering
        from xingcun.reports import selectors as report_selectors
        from xingcun.reports.docx_output import report_docx
        from xingcun.reports.pdf_output import PdfUnavailableError, report_pdf, report_print_html
        from xingcun.reports.permissions import REPORT_VIEW

        self.require(request, REPORT_VIEW)
        if fmt not in FORMATS:
            raise exceptions.NotFound(gettext("格式应为 html、docx 或 pdf"))
        node, when = _area(area), _period(period)
        today = timezone.localdate()
        template = report_selectors.template_default_for(area=node, year=when.end.year)
        if template is None:  # nothing saved yet: the built-in default, as the page shows it
            report = rendering.report_from_defaults(area=node, period=when, issued_on=today)
        else:
            report = rendering.report_for(
                template=template, area=node, period=when, issued_on=today
            )
        if fmt == "docx":
            content = report_docx(report)
        elif fmt == "pdf":
            try:
                content = report_pdf(report)
            except PdfUnavailableError as e:
                return HttpResponse(str(e), status=503, content_type="text/plain; charset=utf-8")
        else:
            base = str(getattr(settings, "XINGCUN_BASE_URL", "") or "").rstrip("/")
            base = base or request.build_absolute_uri("/").rstrip("/")
            content = report_print_html(report, links=True, base_url=base).encode()
        response = HttpResponse(content, content_type=FORMATS[fmt])
        name = (
            gettext("%(area)s%(period)s工作报告")
            % {"area": report.area_name, "period": report.period_label}
            + f".{fmt}"
        )
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response


def urls() -> list[URLPattern]:
    one = "<str:code>/<str:area>/<str:period>/"
    return [
        path("indicators/", CatalogueView.as_view(), name="indicators"),
        path(f"indicators/{one}", ValueView.as_view(), name="indicator-value"),
        path(f"indicators/{one}records/", DrillView.as_view(), name="indicator-records"),
        path("grid/<str:area>/", GridView.as_view(), name="grid"),
        path("reports/<str:area>/<str:period>.<str:fmt>", ReportView.as_view(), name="report"),
    ]
