"""Fixtures for the report tests: a few party members in known villages, and templates."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.reports import services
from xingcun.reports.models import ReportSection, ReportTemplate

NO_CJK_FONT = (
    "服务器未安装中文字体（fc-list :lang=zh 为空），跳过 PDF 文字检查；请安装 fonts-noto-cjk"
)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def soffice_pdf(docx: bytes, tmp_path: Path) -> Path:
    """The DOCX converted to PDF by LibreOffice, with a profile of its own (none in $HOME)."""
    source = tmp_path / "report.docx"
    source.write_bytes(docx)
    subprocess.run(  # noqa: S603 - a fixed command on a file this test wrote
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "report.pdf"


@pytest.fixture
def members(tree) -> list[Any]:
    """Seven members: 3 in 白牛村 (one left in 2019), 2 in 石铺村, 2 in 玉屏村; one of them
    joined in July 2020, so June 2020 counts one fewer than the year 2020."""
    rows = []
    plan = [
        (tree.village_a, dt.date(2001, 7, 1), None),
        (tree.village_a, dt.date(2010, 7, 1), None),
        (tree.village_a, dt.date(2005, 7, 1), dt.date(2019, 3, 1)),
        (tree.village_a2, dt.date(2012, 7, 1), None),
        (tree.village_a2, dt.date(2020, 7, 1), None),
        (tree.village_b, dt.date(1999, 7, 1), None),
        (tree.village_b, dt.date(2018, 7, 1), None),
    ]
    orgs = {v.pk: OrganisationFactory(area=v) for v, _, _ in plan}
    for village, joined, left in plan:
        rows.append(
            PartyMemberFactory(
                area=village, organisation=orgs[village.pk], joined_on=joined, left_on=left
            )
        )
    return rows


def make_template(tree, sections: list[dict[str, Any]], **fields: Any) -> ReportTemplate:
    """A template owned by the district, written directly (outside any scope)."""
    with scopes_disabled():  # fixture rows, written before any request
        template = ReportTemplate.objects.create(
            area=fields.pop("area", tree.district),
            name=fields.pop("name", "测试模板"),
            title=fields.pop("title", "{{区划}}{{期间}}工作报告"),
            year=fields.pop("year", 2020),
            **fields,
        )
        for index, section in enumerate(sections):
            ReportSection.objects.create(template=template, order=(index + 1) * 10, **section)
    return template


@pytest.fixture
def default_template(tree) -> ReportTemplate:
    with scope(area=tree.district.path):
        return services.template_ensure_default(area=tree.district)
