"""Back up, restore into a fresh database, and compare every table: row counts and a checksum of
the rows. On SQLite always; on PostgreSQL when the suite runs on it (DATABASE_URL)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_scopes import scopes_disabled

from conftest import build_tree
from tests.commands import run_manage
from xingcun.core import audit, backups
from xingcun.core.models import AuditEntry


def fingerprint(cursor: Any, tables: list[str], quote: Any) -> dict[str, tuple[int, str]]:
    """Each table's row count and a SHA-256 of its rows (sorted, so row order does not matter)."""
    found = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from introspection
        rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
        found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def sqlite_fingerprint(database: str | Path) -> dict[str, tuple[int, str]]:
    """Through a plain connection: Django's own converts column values (dates, JSON)."""
    plain = sqlite3.connect(database, uri=str(database).startswith("file:"))
    try:
        tables = [
            name
            for (name,) in plain.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        return fingerprint(plain.cursor(), tables, connection.ops.quote_name)
    finally:
        plain.close()


def postgres_fingerprint(url: str) -> dict[str, tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as plain, plain.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        return fingerprint(cursor, tables, connection.ops.quote_name)


def postgres_url(database: str) -> str:
    params = connection.settings_dict
    user = f"{params['USER']}:{params['PASSWORD'] or ''}@" if params["USER"] else ""
    return f"postgres://{user}{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{database}"


def some_data():
    tree = build_tree()
    with scopes_disabled():  # arranging rows of several kinds, outside any request
        audit.log(
            actor=None, action="test.made", obj=tree.village_a, changes={"名称": "白牛村", "n": 1}
        )
        AuditEntry.objects.create(action="test.other", via="command", changes={"列表": [1, 2]})


def manage(*args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "XINGCUN_VAR_DIR": str(var_dir),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own settings, as a user runs it
    return run_manage(*args, env=env, timeout=300)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the suite runs on PostgreSQL")
def test_sqlite_backup_restores_into_a_fresh_database_with_every_row(transactional_db, tmp_path):
    some_data()
    before = sqlite_fingerprint(connection.settings_dict["NAME"])
    out = StringIO()

    call_command("backup", output=str(tmp_path / "b.sqlite3"), stdout=out)
    fresh = tmp_path / "fresh.sqlite3"
    done = manage(
        "restore",
        str(tmp_path / "b.sqlite3"),
        database_url=f"sqlite:///{fresh}",
        var_dir=tmp_path,
    )

    assert done.returncode == 0, done.stderr
    assert "恢复完成" in done.stdout
    assert "备份完成" in out.getvalue()
    assert before["core_auditentry"][0] == 2
    assert sqlite_fingerprint(fresh) == before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: run the suite with DATABASE_URL=postgres://… to check pg_dump",
)
def test_postgres_backup_restores_into_a_fresh_database_with_every_row(transactional_db, tmp_path):
    import psycopg

    some_data()
    params = connection.settings_dict
    before = postgres_fingerprint(postgres_url(params["NAME"]))
    fresh = f"xingcun_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(postgres_url("postgres"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        call_command("backup", output=str(tmp_path / "b.dump"), stdout=StringIO())
        done = manage(
            "restore", str(tmp_path / "b.dump"), database_url=postgres_url(fresh), var_dir=tmp_path
        )
        assert done.returncode == 0, done.stderr
        after = postgres_fingerprint(postgres_url(fresh))
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()
    assert before["core_auditentry"][0] == 2
    assert after == before


def a_backup_file(tmp_path: Path) -> Path:
    """A file restore would accept (the refusal comes before anything is read from it)."""
    if connection.vendor == "sqlite":
        backup = tmp_path / "b.sqlite3"
        made = sqlite3.connect(backup)
        made.execute("CREATE TABLE core_area (id integer)")
        made.commit()
        made.close()
    else:
        backup = tmp_path / "b.dump"
        backup.write_bytes(backups.PG_DUMP_HEADER + b"...")
    return backup


def test_restore_refuses_a_database_that_holds_data_without_force(db, tmp_path):
    some_data()
    backup = a_backup_file(tmp_path)

    with pytest.raises(
        CommandError, match=r"数据库中已有数据（.*core_area.*确认要覆盖时请加 --force"
    ):
        call_command("restore", str(backup), stdout=StringIO())


def test_restore_names_a_missing_or_foreign_file(db, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("不是备份")

    with pytest.raises(CommandError, match="备份文件不存在"):
        call_command("restore", str(tmp_path / "missing.sqlite3"), stdout=StringIO())
    with pytest.raises(CommandError, match="不是"):
        call_command("restore", str(other), stdout=StringIO())


def test_postgres_tools_missing_names_the_debian_package(db, tmp_path, monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)

    with pytest.raises(backups.BackupError, match=r"pg_dump.*postgresql-client"):
        backups._run("pg_dump", ["-Fc"], connection)


def test_default_backup_path_is_under_the_var_directory(settings, tmp_path):
    settings.VAR_DIR = tmp_path

    path = backups.default_path()

    assert path.parent == tmp_path / "backups"
    assert path.name.startswith("xingcun-")
