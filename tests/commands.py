"""Running this checkout's `manage.py` in a child process, as an operator would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(
    *arguments: str, env: dict[str, str], timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """`python manage.py ARGUMENTS` from the repository root with exactly `env`; its output is
    captured as text, and a failure is the caller's to read (no exception)."""
    return subprocess.run(  # noqa: S603 - this interpreter and our own manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
