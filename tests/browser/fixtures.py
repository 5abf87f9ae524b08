"""Playwright fixtures: one headless Debian Chromium per session, one fresh context per test.

The browser is never downloaded: tests drive /usr/bin/chromium (installed by .ci/run) and are
skipped with a clear message when it is missing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls made by fixtures and
# assertions here are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "Chromium 未安装（/usr/bin/chromium）：浏览器测试已跳过；.ci/run 会自动安装"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-test-123"  # the conftest `make_user` password


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


# Every page a browser test opens reports its Content-Security-Policy violations here: the
# `securitypolicyviolation` event (through a binding, which the policy cannot block) and Chromium's
# "Refused to …" console messages. A test that caused any fails at teardown.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolation(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.documentURI + (e.lineNumber ? ":" + e.lineNumber : ""));
});
"""


def is_csp_message(text: str) -> bool:
    return "Refused to" in text or "Content Security Policy" in text


@pytest.fixture
def csp_violations() -> list[str]:
    """The CSP violations of every page opened by `new_page` in this test."""
    return []


@pytest.fixture
def new_page(
    browser: Any, live_server: Any, csp_violations: list[str]
) -> Iterator[Callable[..., Any]]:
    """`new_page(width=..., height=...)`: a page in its own context, based at the live server."""
    contexts: list[Any] = []

    def make(width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="zh-CN",
        )
        context.set_default_timeout(10_000)
        context.expose_binding("__cspViolation", lambda _source, text: csp_violations.append(text))
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda m: csp_violations.append(m.text) if is_csp_message(m.text) else None,
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def shot() -> Callable[[Any, str], Path]:
    """Save a full-page screenshot as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page: Any, name: str) -> Path:
        path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def login(shot: Callable[[Any, str], Path]) -> Callable[..., None]:
    """Log in through the form, as a person would, and land on the home page."""

    def do(page: Any, username: str, *, prefix: str, password: str = PASSWORD) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password)
        shot(page, f"{prefix}-01-login")
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/")

    return do


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say why the browser tests did not run, even without `-rs`."""
    skipped = terminalreporter.stats.get("skipped", [])
    if any(CHROMIUM_MISSING in str(report.longrepr) for report in skipped):
        terminalreporter.write_sep("-", CHROMIUM_MISSING, yellow=True)


AXE = Path(__file__).resolve().parents[2] / "xingcun/static/vendor/axe-core/axe.min.js"
AXE_URL = "/static/vendor/axe-core/axe.min.js"
AXE_SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
}"""
OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture
def inspect_page(shot: Callable[[Any, str], Path]) -> Callable[[Any, str, str], list[str]]:
    """Open `url`, screenshot it, and list what is wrong with it: an error status, horizontal
    overflow of the page, and axe-core's serious or critical WCAG violations (axe is injected
    here, from the vendored copy; pages never load it)."""

    def check(page: Any, url: str, name: str) -> list[str]:
        response = page.goto(url)
        page.wait_for_load_state("load")
        problems = []
        if response is None or response.status >= 400:
            problems.append(f"{url}: HTTP {response.status if response else 'no response'}")
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            problems.append(
                f"{url}: {overflow}px wider than the {page.viewport_size['width']}px screen"
            )
        # From our own static files: the Content-Security-Policy refuses inline script content.
        page.add_script_tag(url=AXE_URL)
        problems += [f"{url}: {v}" for v in page.evaluate(AXE_SERIOUS)]
        shot(page, name)
        return problems

    return check
