"""Without a Chinese font the PDF is refused with one sentence naming the package, never tofu."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from xingcun.core.permissions import Role
from xingcun.reports import fonts


@pytest.fixture
def no_cjk_font(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_fonts", lambda: ())


def test_command_stops_with_the_package_to_install(tree, members, tmp_path, no_cjk_font):
    target = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match="fonts-noto-cjk"):
        call_command(
            "report", "--node", "330112", "--year", "2020", "--format", "pdf", "-o", str(target)
        )
    assert not target.exists()


def test_download_page_says_which_package_is_missing(tree, members, client_as, no_cjk_font):
    client = client_as(Role.DISTRICT, tree.district)
    response = client.get("/reports/r/330112000000/2020/report.pdf")
    assert response.status_code == 503
    assert "fonts-noto-cjk" in response.content.decode()
