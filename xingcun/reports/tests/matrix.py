"""Permission-matrix rows of the reports app (collected by core's test_permission_matrix)."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row

ISSUERS = (302, 302, 302, 403, 403, 403)
EDITOR_POST = (302, 403, 403, 403, 403, 403)
AREA_2020 = {"obj": "area", "kwarg": "code", "attr": "code", "kwargs": (("period", "2020"),)}

ROWS: list[Row] = [
    Row("reports:list", expect=CADRES),
    Row("reports:generate", expect=CADRES),  # no parameters: the form again, with its errors
    Row("reports:view", expect=CADRES, **AREA_2020),  # type: ignore[arg-type]
    Row("reports:docx", expect=CADRES, **AREA_2020),  # type: ignore[arg-type]
    Row("reports:pdf", expect=CADRES, **AREA_2020),  # type: ignore[arg-type]
    Row("reports:html", expect=CADRES, **AREA_2020),  # type: ignore[arg-type]
    Row("reports:issue", method="post", expect=ISSUERS, outside=404, **AREA_2020),  # type: ignore[arg-type]
    Row("reports:issued-list", expect=CADRES),
    Row("reports:issued", expect=CADRES, obj="issued-report"),
    Row("reports:template-defaults", method="post", expect=EDITOR_POST),
    Row("reports:template-publish", method="post", expect=EDITOR_POST, obj="report-template"),
    Row("reports:template-versions", expect=DISTRICT_ONLY, obj="report-template"),
    Row(
        "reports:template-restore",
        method="post",
        expect=EDITOR_POST,
        obj="report-template",
        kwargs=(("number", 1),),
    ),
    Row("reports:template-create", method="post", expect=(302, 403, 403, 403, 403, 403)),
    Row("reports:template-edit", expect=DISTRICT_ONLY, obj="report-template"),
    Row("reports:template-preview", method="post", expect=DISTRICT_ONLY, obj="report-template"),
    Row("reports:catalogue", expect=DISTRICT_ONLY),
]


def objects(village: Any, side: str) -> dict[str, Any]:
    from xingcun.reports.models import (
        GeneratedReport,
        ReportSection,
        ReportTemplate,
        TemplateVersion,
    )

    with scopes_disabled():  # fixture rows for the matrix, created before any request
        template = ReportTemplate.objects.create(area=village, name=f"模板-{side}", year=2020)
        ReportSection.objects.create(template=template, order=10, body="{{区划}}{{期间}}")
        version = TemplateVersion.objects.create(
            template=template,
            number=1,
            name=template.name,
            title="{{区划}}报告",
            level=3,
            sections=[{"level": 0, "heading": "", "body": "{{区划}}{{期间}}", "area_code": ""}],
        )
        issued = GeneratedReport.objects.create(
            area=village, version=version, period="2020", issued_on="2021-01-15", title="报告"
        )
    return {"report-template": template, "issued-report": issued}
