"""The OpenAPI document and its documentation page."""

from __future__ import annotations

import re

from xingcun.api.tests.test_schemathesis import openapi_document
from xingcun.core import registry


def test_document_describes_every_register_figure_and_report(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    paths = set(document["paths"])
    for reg in registry.all_registries():
        base = f"/api/v1/registers/{reg.key}/"
        assert {base, f"{base}{{id}}/", f"{base}bulk/"} <= paths, reg.key
    assert {
        "/api/v1/indicators/",
        "/api/v1/indicators/{code}/{area}/{period}/",
        "/api/v1/indicators/{code}/{area}/{period}/records/",
        "/api/v1/grid/{area}/",
        "/api/v1/reports/{area}/{period}.{fmt}",
    } <= paths
    assert set(openapi_document()["paths"]) == paths  # what schemathesis tests is what is served
    assert "bearer" in document["components"]["securitySchemes"]


def test_docs_page_uses_vendored_files_and_no_inline_script(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts
    assert all("src=" in s for s in scripts)
    assert "<style" not in html
    assert "style=" not in html
    assert all(not s.startswith("http") for s in re.findall(r'(?:src|href)="([^"]+)"', html))
    assert client.get(re.findall(r'<script src="([^"]+)"', html)[-1]).status_code == 200
