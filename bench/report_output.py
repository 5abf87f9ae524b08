"""Benchmark: the district's annual report as DOCX and as PDF (targets: 2 s and 5 s).

    python bench/report_output.py [--scale 1.0] [--runs 5] [--write-docs]

It creates a throw-away SQLite database in a temporary directory, migrates it, fills 临安区 with
the deterministic demo data (`load_demo`; at scale 1.0 about 20,000 party members, 25,000
households, 1,300 village profiles, 150 projects in 18 towns and 319 villages), then times, for
the district and the year 2020 with the default template:

- build: the template rendered to a `Report` (every indicator tag evaluated by the engine);
- DOCX: build + python-docx writer, as the download view does;
- PDF: build + WeasyPrint, as the download view does (the first run, which loads the fonts, is
  reported separately);
- the download views end to end through Django's test client (login, scope, response).

Each is run once to warm up, then `--runs` times; medians and maxima are printed and, with
--write-docs, written to the "Report output" section of docs/performance.md. Not part of the test
suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"DOCX": 2.0, "PDF": 5.0}
SECTION = "## Report output"
BEGIN, END = "<!-- bench:report-output -->", "<!-- /bench:report-output -->"  # this script's block


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """(first run, the following `runs` timings, last result)."""
    started = time.perf_counter()
    result = fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return first, times, result


def setup_django(var_dir: str) -> None:
    os.environ["XINGCUN_VAR_DIR"] = var_dir
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="xingcun-report-bench-") as var_dir:
        setup_django(var_dir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("load_demo", scale=args.scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"demo data (scale {args.scale:g}): {time.perf_counter() - started:.1f} s")
        rows, facts = measure(args.runs)
    print_rows(rows, facts)
    if args.write_docs:
        write_docs(rows, facts, args)
    return 0 if all(r["ok"] for r in rows) else 1


def measure(runs: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scope

    from xingcun.accounts.models import Membership, User
    from xingcun.core.models import Area
    from xingcun.indicators.engine import Period
    from xingcun.reports import rendering, services
    from xingcun.reports.docx_output import report_docx
    from xingcun.reports.pdf_output import report_pdf

    district = Area.tree.get(code="330112000000")
    period = Period.year(2020)
    rows: list[dict[str, Any]] = []
    with scope(area=district.path):
        template = services.template_ensure_default(area=district)

        def build() -> Any:
            return rendering.report_for(template=template, area=district, period=period)

        first, times, report = timed(build, runs)
        rows.append(row("build (template → figures)", first, times))
        first, times, docx = timed(lambda: report_docx(build()), runs)
        rows.append(row("DOCX (build + write)", first, times, "DOCX"))
        first, times, pdf = timed(lambda: report_pdf(build()), runs)
        rows.append(row("PDF (build + WeasyPrint)", first, times, "PDF"))

    user = User.objects.create_user(username="bench-district")  # no password: force_login
    Membership.objects.create(user=user, area=district, role="district")
    client = Client()
    client.force_login(user)
    for name, label, target in (
        ("reports:docx", "DOCX download view", "DOCX"),
        ("reports:pdf", "PDF download view", "PDF"),
    ):
        url = reverse(name, args=[district.code, "2020"])
        first, times, response = timed(partial(client.get, url), runs)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        rows.append(row(label, first, times, target))
    facts = {
        "figures": len(report.figures()),
        "sections": len(report.blocks),
        "docx_bytes": len(docx),
        "pdf_bytes": len(pdf),
        "fonts": ", ".join(embedded_fonts(pdf)) or "none",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}",
    }
    return rows, facts


def embedded_fonts(pdf: bytes) -> list[str]:
    """The fonts the PDF embeds (what the fallback chain resolved to on this machine)."""
    import io

    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return sorted(names)


def row(label: str, first: float, times: list[float], target: str = "") -> dict[str, Any]:
    median, worst = statistics.median(times), max(times)
    limit = TARGETS.get(target)
    return {
        "label": label,
        "first": first,
        "median": median,
        "max": worst,
        "target": f"< {limit:g} s" if limit else "",
        "ok": limit is None or max(worst, first) < limit,
    }


def print_rows(rows: list[dict[str, Any]], facts: dict[str, Any]) -> None:
    print(f"{'step':32} {'first':>8} {'median':>8} {'max':>8}  target")
    for r in rows:
        mark = "" if not r["target"] else ("ok" if r["ok"] else "MISSED")
        print(
            f"{r['label']:32} {r['first']:8.3f} {r['median']:8.3f} {r['max']:8.3f}  "
            f"{r['target']} {mark}"
        )
    print(facts)


def write_docs(rows: list[dict[str, Any]], facts: dict[str, Any], args: Any) -> None:
    """Replace (or append) this benchmark's own block of docs/performance.md, between its
    markers; the rest of the file belongs to other benchmarks and is left as it is."""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    lines = [
        SECTION,
        "",
        "`python bench/report_output.py --write-docs` (throw-away SQLite database, demo data at "
        f"scale {args.scale:g}; {args.runs} runs after one warm-up). The default template for "
        f"临安区, year 2020: {facts['sections']} sections, {facts['figures']} figures; "
        f"DOCX {facts['docx_bytes']:,} bytes, PDF {facts['pdf_bytes']:,} bytes. "
        f"Machine: {facts['machine']}. Fonts embedded in the PDF: {facts['fonts']}.",
        "",
        "| step | first run (s) | median (s) | max (s) | target |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {r['label']} | {r['first']:.3f} | {r['median']:.3f} | {r['max']:.3f} | "
            f"{r['target']}{' ✓' if r['target'] and r['ok'] else (' ✗' if r['target'] else '')} |"
            for r in rows
        ),
        "",
        "The first PDF includes loading the CJK fonts into WeasyPrint (once per process). "
        "Building the report costs one `evaluate_grid` call per node named in the template, so "
        "its time depends on the number of nodes, not on the number of tags.",
        "",
    ]
    block = f"{BEGIN}\n" + "\n".join(lines).rstrip("\n") + f"\n{END}"
    if BEGIN in text:
        text = re.sub(
            re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.DOTALL
        )
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
