"""Every `manage.py` command shown in README.md's code blocks works as written.

They run as `python manage.py ...` from the repository root, with DEBUG=1 and a temporary
XINGCUN_VAR_DIR holding a migrated SQLite database with a small demo (the state `make run` leaves,
at a smaller scale). Commands that start a server or a long-running process, and commands with a
placeholder (DIR, FILE, <...>), are only checked with `--help`; `load_demo` runs with `--if-empty`
because the demo is already there.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.commands import run_manage

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
LONG_RUNNING = {"runserver", "db_worker", "run_worker", "worker", "run_scheduler", "scheduler"}
FINITE = {"--list", "--once", "--help"}  # options that make a long-running command return
PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]+$|[<>\[\]…]")


def readme_commands() -> list[list[str]]:
    """The arguments after `manage.py` of each command line in the README's code blocks."""
    found = []
    for block in FENCE.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        for line in block.splitlines():
            if "manage.py" not in line:
                continue
            words = shlex.split(line, comments=True)
            if "manage.py" not in words:
                continue
            arguments = words[words.index("manage.py") + 1 :]
            for separator in ("&&", ";", "|", "||"):
                if separator in arguments:
                    arguments = arguments[: arguments.index(separator)]
            if arguments:
                found.append(arguments)
    return found


def as_run(arguments: list[str]) -> list[str]:
    name = arguments[0]
    serves = name in LONG_RUNNING and not FINITE.intersection(arguments)
    if serves or any(PLACEHOLDER.search(a) for a in arguments[1:]):
        return [name, "--help"]
    if name == "load_demo" and "--if-empty" not in arguments:
        return [*arguments, "--if-empty"]
    return arguments


def manage(arguments: list[str], var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DEBUG="1", XINGCUN_VAR_DIR=str(var_dir))
    return run_manage(*arguments, env=env, timeout=600)  # the README's words


@pytest.fixture(scope="module")
def demo_var_dir(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("readme-var")
    for arguments in (["migrate", "--noinput"], ["load_demo", "--scale", "0.01"]):
        done = manage(arguments, var_dir)
        assert done.returncode == 0, done.stdout + done.stderr
    return var_dir


def test_readme_shows_manage_py_commands():
    assert readme_commands(), "README.md shows no manage.py command in a code block"


def test_every_readme_command_runs_as_written(demo_var_dir):
    before = {p.name for p in ROOT.iterdir()}
    failures = []
    try:
        for arguments in readme_commands():
            done = manage(as_run(arguments), demo_var_dir)
            if done.returncode != 0:
                failures.append(f"python manage.py {shlex.join(arguments)}\n{done.stderr[-800:]}")
    finally:
        for path in ROOT.iterdir():  # files the commands wrote (a report's -o 报告.docx)
            if path.name not in before and path.is_file():
                path.unlink()
    assert failures == []


def test_placeholders_and_servers_are_only_asked_for_help():
    assert as_run(["runserver", "0.0.0.0:8001"]) == ["runserver", "--help"]
    assert as_run(["run_scheduler", "--list"]) == ["run_scheduler", "--list"]
    assert as_run(["restore", "FILE"]) == ["restore", "--help"]
    assert as_run(["load_divisions", "--county", "330106", "--source", "DIR"]) == [
        "load_divisions",
        "--help",
    ]
    assert as_run(["load_demo"]) == ["load_demo", "--if-empty"]
    assert as_run(["report", "--node", "330112", "--year", "2020"]) == [
        "report",
        "--node",
        "330112",
        "--year",
        "2020",
    ]
