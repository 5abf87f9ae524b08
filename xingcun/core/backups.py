"""Backups of the whole database, and restoring one into an empty database.

SQLite: SQLite's online backup API (`sqlite3.Connection.backup`), which copies a consistent
snapshot page by page while the server keeps reading and writing. PostgreSQL: `pg_dump -Fc` and
`pg_restore` of the postgresql-client package, run with the connection settings of Django.
Uploaded files (MEDIA_ROOT) are not in the database: copy that directory beside the backup.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
SIGNATURE_TABLE = "core_area"  # every database of the platform has the division tree
# Rows every migrated database has, data or not.
BOOKKEEPING_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
)
CLIENT_MISSING = gettext_lazy(
    "未找到 {program} 命令：备份和恢复 PostgreSQL 数据库需要 PostgreSQL 客户端程序，"
    "请安装 Debian/Ubuntu 软件包 postgresql-client（sudo apt-get install postgresql-client），"
    "其版本不应低于数据库服务器。"
)

Progress = Callable[[str], None]


class BackupError(Exception):
    pass


def default_path(*, using: str = "default", now: dt.datetime | None = None) -> Path:
    vendor = connections[using].vendor
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if vendor == "sqlite" else "dump"
    return Path(settings.VAR_DIR) / "backups" / f"xingcun-{stamp}.{suffix}"


def backup(*, output: Path, using: str = "default", progress: Progress | None = None) -> Path:
    """Write a backup of the database to `output` (through a temporary file beside it, so that a
    failed backup never leaves a truncated file under the final name)."""
    connection = connections[using]
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, partial, progress)
        elif connection.vendor == "postgresql":
            _run(
                "pg_dump", ["-Fc", "--no-owner", "--no-privileges", "-f", str(partial)], connection
            )
        else:
            raise BackupError(
                gettext("不支持备份 %(vendor)s 数据库，只支持 SQLite 和 PostgreSQL")
                % {"vendor": connection.vendor}
            )
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return output


def restore(
    *, source: Path, force: bool = False, using: str = "default", progress: Progress | None = None
) -> None:
    """Replace the database's contents with a backup; refuses a database holding data unless
    `force`."""
    connection = connections[using]
    if not source.is_file():
        raise BackupError(gettext("备份文件不存在：%(source)s") % {"source": source})
    with source.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if connection.vendor == "sqlite" and not header.startswith(SQLITE_HEADER):
        raise BackupError(
            gettext("%(source)s 不是 SQLite 数据库备份，不能恢复到 SQLite 数据库")
            % {"source": source}
        )
    if connection.vendor == "postgresql" and not header.startswith(PG_DUMP_HEADER):
        raise BackupError(
            gettext("%(source)s 不是 pg_dump -Fc 生成的备份，不能恢复到 PostgreSQL 数据库")
            % {"source": source}
        )
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise BackupError(
            gettext("不支持恢复 %(vendor)s 数据库，只支持 SQLite 和 PostgreSQL")
            % {"vendor": connection.vendor}
        )
    tables = tables_with_data(using=using)
    if tables and not force:
        shown = "、".join(tables[:5]) + (gettext("等") if len(tables) > 5 else "")
        raise BackupError(
            gettext(
                "数据库中已有数据（%(shown)s 共 %(count)s 张表），恢复会覆盖这些数据。确认要覆盖时请加 --force。"
            )
            % {"shown": shown, "count": len(tables)}
        )
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, source, progress)
    else:
        connection.close()  # pg_restore drops the tables this connection may hold open
        _run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(source),
            ],
            connection,
        )


def tables_with_data(*, using: str = "default") -> list[str]:
    """Tables that hold rows, other than the bookkeeping every migrated database has."""
    connection = connections[using]
    with connection.cursor() as cursor:
        names = sorted(set(connection.introspection.table_names(cursor)) - BOOKKEEPING_TABLES)
        found = []
        for name in names:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608 - a table name from introspection, quoted
            if cursor.fetchone() is not None:
                found.append(name)
    return found


def _sqlite_backup(connection: Any, target: Path, progress: Progress | None) -> None:
    connection.ensure_connection()
    source: sqlite3.Connection = connection.connection
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination, pages=4096, progress=_pages(progress))
    finally:
        destination.close()


def _sqlite_restore(connection: Any, source_path: Path, progress: Progress | None) -> None:
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            ok = source.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as e:
            raise BackupError(
                gettext("%(source_path)s 已损坏，不能恢复：%(e)s")
                % {"source_path": source_path, "e": e}
            ) from e
        if ok is None or ok[0] != "ok":
            raise BackupError(
                gettext("%(source_path)s 已损坏，不能恢复：%(e)s")
                % {"source_path": source_path, "e": ok[0] if ok else gettext("无法检查")}
            )
        ours = source.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
            (SIGNATURE_TABLE,),
        ).fetchone()[0]
        if not ours:
            raise BackupError(
                gettext("%(source_path)s 不是本平台的数据库备份（没有 %(table)s 表）")
                % {"source_path": source_path, "table": SIGNATURE_TABLE}
            )
        connection.ensure_connection()
        source.backup(connection.connection, pages=4096, progress=_pages(progress))
    finally:
        source.close()


def _pages(progress: Progress | None) -> Callable[[int, int, int], None] | None:
    if progress is None:
        return None

    def report(status: int, remaining: int, total: int) -> None:
        if total:
            progress(
                gettext("已复制 %(done)s/%(total)s 页（%(percent)s%%）")
                % {
                    "done": total - remaining,
                    "total": total,
                    "percent": (total - remaining) * 100 // total,
                }
            )

    return report


def _run(program: str, arguments: list[str], connection: Any) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(CLIENT_MISSING.format(program=program))
    params = connection.settings_dict
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if params.get(key):
            env[name] = str(params[key])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    command = [executable, *arguments, "--dbname", str(params["NAME"])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - a fixed program and arguments
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise BackupError(
            gettext("%(program)s 执行失败（退出码 %(returncode)s）：%(join)s")
            % {"program": program, "returncode": done.returncode, "join": " ".join(detail)}
        )
