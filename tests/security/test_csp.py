"""Content-Security-Policy: the header allows only our own files, and no template needs more.

The failure this covers: there was no Content-Security-Policy header. The browser tests
(tests/browser/) record every violation on every page they visit and fail on any; these checks
cover the templates no browser test opens.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xingcun.core.permissions import Role

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "xingcun").rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"\sstyle\s*=|<style", re.I)
# Rendered for WeasyPrint and the `report` command's file output, never served to a browser.
NOT_SERVED = {"report_print.html"}


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/accounts/login/", "/"])
def test_every_page_carries_a_policy_of_own_files_only(url, tree, client_as):
    client = client_as(Role.VILLAGE, tree.village_a)
    policy = directives(client.get(url)["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in v for values in policy.values() for v in values)


def test_the_public_page_carries_it_too(tree, client):
    response = client.get(f"/wishes/public/{tree.village_a.code}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_templates_have_no_inline_script_handler_or_style():
    assert len(TEMPLATES) > 50
    found = []
    for path in TEMPLATES:
        if path.name in NOT_SERVED:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in (
            (INLINE_SCRIPT, "inline script"),
            (HANDLER, "event handler"),
            (STYLE, "style"),
        ):
            found += [f"{path.name}: {what}: {m.group(0)}" for m in pattern.finditer(text)]
        if "javascript:" in text or "hx-on" in text:
            found.append(f"{path.name}: javascript: URL or hx-on")
    assert not found, "\n".join(found)


def test_htmx_is_configured_to_inject_no_style_and_run_no_eval(tree, client_as):
    page = client_as(Role.VILLAGE, tree.village_a).get("/").content.decode()
    assert '"includeIndicatorStyles": false' in page
    assert '"allowEval": false' in page
