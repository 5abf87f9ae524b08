"""Production settings: `check --deploy` is clean, and a missing SECRET_KEY stops start-up."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from tests.commands import run_manage


def production_env(**extra: str) -> dict[str, str]:
    """The environment a deployment would have: none of the test settings' variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"}
        and not k.startswith(("DJANGO_", "CSRF_", "SESSION_", "SECURE_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(extra)
    return env


def site_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """`production_env` of a site example.org on SQLite, keeping its files under `var_dir`."""
    return production_env(
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite:////tmp/x.sqlite3",
        XINGCUN_VAR_DIR=str(var_dir),
        **extra,
    )


def test_deploy_check_passes_with_production_settings(tmp_path):
    env = site_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(64))
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_load_without_secret_key_when_debug_is_off(tmp_path):
    env = site_env(tmp_path, DEBUG="0")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert result.stderr.startswith("配置错误：未设置 SECRET_KEY")
    assert "Traceback" not in result.stderr  # one sentence, not a stack


def test_key_written_by_make_run_is_used_when_the_environment_has_none(tmp_path):
    (tmp_path / "secret_key").write_text(secrets.token_urlsafe(64))
    env = site_env(tmp_path, DEBUG="0")
    result = run_manage("check", env=env)
    assert result.returncode == 0, result.stderr


def test_process_memory_cache_is_refused_with_several_workers(tmp_path):
    env = site_env(
        tmp_path, SECRET_KEY=secrets.token_urlsafe(64), CACHE_BACKEND="locmem", WEB_CONCURRENCY="3"
    )
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "进程内缓存无法共享" in result.stderr
    assert "Traceback" not in result.stderr
