"""Every system package that .ci/run installs is named in the README (both languages), so a new
user on a fresh machine knows what to install."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ci_packages() -> list[str]:
    script = (ROOT / ".ci" / "run").read_text()
    block = re.search(r"SYSTEM_PACKAGES=\((.*?)\n\)", script, re.S)
    assert block, ".ci/run has no SYSTEM_PACKAGES=( ... ) list"
    return [
        line.split("#")[0].strip()
        for line in block.group(1).splitlines()
        if line.split("#")[0].strip()
    ]


def test_ci_installs_the_packages_the_project_needs():
    assert {"chromium", "fonts-noto-cjk", "libharfbuzz-subset0", "gettext"} <= set(ci_packages())


def test_readme_names_every_package_ci_installs():
    readme = (ROOT / "README.md").read_text()
    chinese, english = readme.split("## English", 1)
    for package in ci_packages():
        assert f"`{package}`" in chinese, f"README (中文) does not name {package}"
        assert f"`{package}`" in english, f"README (English) does not name {package}"
