"""Imports against the physical limit: the people register from an xlsx file.

    .venv/bin/python bench/imports.py --rows 100000 --write-docs
    .venv/bin/python bench/imports.py --rows 100000 --database-url postgres://postgres@127.0.0.1:5432/xc_imports

Builds a county of 340 areas (1 district, 20 towns, 17 villages each) in a fresh database, writes
an xlsx of `--rows` valid people (as the register's export writes it), then runs each contender
in its own child process, so that its memory peak (ru_maxrss) is its own:

- `project`: `reading.read_path` + `imports.import_table` into `people.Person`, in the district's
  scope, as the import worker runs it. The write lock is the time inside the write transaction
  (`ImportResult.write_seconds`), as a share of the whole import; the JSON also keeps how long
  other writers of the register wait (`ImportResult.register_lock_seconds`).
- `limit`: python-calamine reads the same file and the same rows (area code resolved through a
  dict) go into an equivalent table with `sqlite3.executemany` (SQLite) or `COPY` (PostgreSQL):
  the speed of the disk, with no validation at all.
- `iex`: django-import-export 4 (`ModelResource`, default row-by-row mode, in a transaction)
  importing the first `--iex-rows` rows of the same file into the same model. It runs at a few
  hundred rows a second, so it imports a slice (100,000 rows at most); its rows/s is what is
  compared, also for a run of more rows than it imported.

Each child gets an empty people table. `--contenders` runs some of them (into a separate
`--database-url` each, so that long runs can go side by side); results are merged into
`var/bench/imports-<db>-<rows>.json`;
`--write-docs` renders every stored result into the "Imports" section of `docs/performance.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
MARK = "bench:imports"
sys.path.insert(0, str(ROOT))


# --- the child processes ----------------------------------------------------------------------------


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("XINGCUN_VAR_DIR", str(ROOT / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _empty_people() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("core_audittarget", "core_auditentry", "people_person", "bench_person"):
            try:
                cursor.execute(f"DELETE FROM {table}")
            except Exception:
                connection.rollback() if connection.vendor == "postgresql" else None


def child_project(file: Path, database_url: str) -> dict[str, Any]:
    _django(database_url)
    from django_scopes import scope

    from xingcun.core import registry
    from xingcun.core.imports import import_table
    from xingcun.core.models import Area
    from xingcun.core.reading import read_path

    _empty_people()
    reg = registry.get("people")
    district = Area.tree.get(code="330112000000")
    started = time.perf_counter()
    cpu = time.process_time()
    table = read_path(
        file, file.name, max_bytes=2**31, headers=[str(c.header) for c in reg.columns]
    )
    read = time.perf_counter() - started
    with scope(area=district.path):
        result = import_table(registry=reg, table=table, actor=None, filename=file.name)
    seconds = time.perf_counter() - started
    if not result.ok:
        raise RuntimeError(result.errors[:5])
    return {
        "rows": result.created,
        "seconds": seconds,
        "cpu": time.process_time() - cpu,
        "read_seconds": read,
        "lock_seconds": result.write_seconds,
        "register_lock_seconds": result.register_lock_seconds,
    }


def child_limit(file: Path, database_url: str) -> dict[str, Any]:
    _django(database_url)
    from django.db import connection
    from python_calamine import CalamineWorkbook

    from xingcun.core.models import Area

    areas = dict(Area.tree.values_list("code", "pk"))
    _empty_people()
    started = time.perf_counter()
    cpu = time.process_time()
    book = CalamineWorkbook.from_path(str(file))
    rows = book.get_sheet_by_name("数据").to_python()
    book.close()
    now = dt.datetime.now(dt.UTC)
    genders = {"男": "male", "女": "female"}
    records = [
        (
            str(r[0]),
            r[1],
            genders[str(r[2])],
            r[3] if isinstance(r[3], dt.date) else dt.date.fromisoformat(str(r[3])),
            str(r[4]).removesuffix(".0"),
            areas[str(r[5]).removesuffix(".0")],
            now,
            now,
        )
        for r in rows[1:]
    ]
    columns = "id_number, name, gender, birth_date, phone, area_id, created_at, updated_at"
    lock = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_person (id serial primary key, "
                "id_number varchar(18) unique, name varchar(32), gender varchar(8), "
                "birth_date date, phone varchar(11), area_id bigint, "
                "created_at timestamptz, updated_at timestamptz)"
            )
            cursor.execute("TRUNCATE bench_person")
            with raw.copy(f"COPY bench_person ({columns}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
        connection.commit() if not connection.get_autocommit() else None
    else:
        import sqlite3

        db = sqlite3.connect(connection.settings_dict["NAME"])
        db.execute(
            "CREATE TABLE IF NOT EXISTS bench_person (id integer primary key, "
            "id_number varchar(18) unique, name varchar(32), gender varchar(8), "
            "birth_date date, phone varchar(11), area_id integer, "
            "created_at datetime, updated_at datetime)"
        )
        db.execute("DELETE FROM bench_person")
        db.commit()
        with db:
            db.executemany(
                f"INSERT INTO bench_person ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (*r[:3], r[3].isoformat(), *r[4:6], r[6].isoformat(), r[7].isoformat())
                    for r in records
                ],
            )
        db.close()
    lock = time.perf_counter() - lock
    return {
        "rows": len(records),
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "lock_seconds": lock,
    }


def child_iex(file: Path, database_url: str, limit: int) -> dict[str, Any]:
    _django(database_url)
    import tablib  # type: ignore[import-untyped]
    from django_scopes import scopes_disabled
    from import_export import fields, resources, widgets  # type: ignore[import-untyped]
    from python_calamine import CalamineWorkbook

    from xingcun.core.models import Area
    from xingcun.people.models import Person

    _empty_people()
    genders = {"男": "male", "女": "female"}

    class PersonResource(resources.ModelResource):  # type: ignore[misc]
        id_number = fields.Field(attribute="id_number", column_name="身份证号")
        name = fields.Field(attribute="name", column_name="姓名")
        gender = fields.Field(attribute="gender", column_name="性别")
        birth_date = fields.Field(
            attribute="birth_date", column_name="出生日期", widget=widgets.DateWidget("%Y-%m-%d")
        )
        phone = fields.Field(attribute="phone", column_name="手机号")
        area = fields.Field(
            attribute="area",
            column_name="所在村社代码",
            widget=widgets.ForeignKeyWidget(Area, field="code"),
        )

        class Meta:
            model = Person
            import_id_fields = ("id_number",)
            fields = ("id_number", "name", "gender", "birth_date", "phone", "area")
            use_transactions = True

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            row["性别"] = genders.get(row["性别"], row["性别"])

    started = time.perf_counter()
    cpu = time.process_time()
    book = CalamineWorkbook.from_path(str(file))
    rows = book.get_sheet_by_name("数据").to_python()[: limit + 1]
    book.close()
    data = tablib.Dataset(headers=[str(h) for h in rows[0]])
    for r in rows[1:]:
        birth = r[3].isoformat() if isinstance(r[3], dt.date) else str(r[3])
        data.append([str(r[0]), r[1], r[2], birth, str(r[4]).removesuffix(".0"), str(r[5])])
    with scopes_disabled():  # import-export knows no jurisdiction: the whole table
        result = PersonResource().import_data(data, dry_run=False, raise_errors=True)
    if result.has_errors():
        raise RuntimeError("django-import-export reported errors")
    return {
        "rows": len(rows) - 1,
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "lock_seconds": time.perf_counter() - started,  # one transaction around everything
    }


def child(args: argparse.Namespace) -> None:
    if args.child == "project":
        out = child_project(args.file, args.database_url)
    elif args.child == "limit":
        out = child_limit(args.file, args.database_url)
    else:
        out = child_iex(args.file, args.database_url, args.iex_rows)
    out["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


# --- the parent ---------------------------------------------------------------------------------------


def check_char(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def build_county(database_url: str) -> list[str]:
    """A fresh database with the district, 20 towns and 340 villages; the villages' codes."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    _django(database_url)
    from django_scopes import scopes_disabled

    from xingcun.core.models import Area

    codes: list[str] = []
    with scopes_disabled():  # building the bench county, before any user exists
        Area.tree.all().delete() if not Area.tree.filter(code="330112000000").exists() else None
        if not Area.tree.filter(code="330112000000").exists():
            province = Area.tree.create(code="330000000000", name="浙江省", level=1, path="/33/")
            city = Area.tree.create(
                code="330100000000", name="杭州市", level=2, parent=province, path="/33/3301/"
            )
            district = Area.tree.create(
                code="330112000000", name="临安区", level=3, parent=city, path="/33/3301/330112/"
            )
            for t in range(20):
                short = f"330112{100 + t:03d}"
                town = Area.tree.create(
                    code=short.ljust(12, "0"),
                    name=f"镇{t}",
                    level=4,
                    parent=district,
                    path=f"{district.path}{short}/",
                )
                for v in range(17):
                    code = f"{short}{200 + v:03d}"
                    Area.tree.create(
                        code=code,
                        name=f"村{t}-{v}",
                        level=5,
                        parent=town,
                        path=f"{town.path}{code}/",
                    )
        codes = sorted(Area.tree.filter(level=5).values_list("code", flat=True))
    return codes


def write_file(path: Path, rows: int, villages: list[str]) -> None:
    from xingcun.core.tabular import save_xlsx

    headers = ["身份证号", "姓名", "性别", "出生日期", "手机号", "所在村社代码"]
    start = dt.date(1940, 1, 1)

    def people() -> Any:
        for n in range(rows):
            birth = start + dt.timedelta(days=n % 25000)
            # the sequence digit's parity is the gender; several people share a birth date
            body = f"330112{birth:%Y%m%d}{(n // 25000) % 1000:03d}"
            number = body + check_char(body)
            gender = "男" if int(body[16]) % 2 else "女"
            yield [number, f"李{n}", gender, birth, f"139{n:08d}", villages[n % len(villages)]]

    save_xlsx(headers, people(), path)


def run_child(mode: str, file: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--file", str(file)]
    command += ["--database-url", args.database_url, "--iex-rows", str(args.iex_rows)]
    env = {**os.environ, "DEBUG": "1"}
    done = subprocess.run(  # noqa: S603 - this script
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["rows_per_second"] = result["rows"] / result["seconds"]
    result["lock_share"] = result["lock_seconds"] / result["seconds"]
    result["rows_per_cpu_second"] = result["rows"] / result["cpu"]
    print(mode, json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--iex-rows", type=int, default=3000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--docs-only", action="store_true")
    parser.add_argument(
        "--contenders",
        default="limit,project,iex",
        help="which to run (comma-separated); results are merged into the stored run",
    )
    parser.add_argument("--child", choices=["project", "limit", "iex"])
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.docs_only:
        if not args.database_url:
            args.database_url = f"sqlite:///{OUT / 'imports.sqlite3'}"
        villages = build_county(args.database_url)
        file = OUT / f"people-{args.rows}.xlsx"
        if not file.exists():
            write_file(file, args.rows, villages)
        vendor = "postgresql" if args.database_url.startswith("postgres") else "sqlite"
        stored = OUT / f"imports-{vendor}-{args.rows}.json"
        results = json.loads(stored.read_text()) if stored.exists() else {}
        results.update(
            {
                "rows": args.rows,
                "database": vendor,
                "file_mib": file.stat().st_size / 2**20,
                "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared)",
                "load": os.getloadavg()[0],
            }
        )
        for mode in args.contenders.split(","):
            result = run_child(mode, file, args)
            # another run (another contender, another database) may have stored meanwhile
            results = {**(json.loads(stored.read_text()) if stored.exists() else {}), **results}
            results[mode] = result
            stored.write_text(json.dumps(results, indent=1))
    if args.write_docs or args.docs_only:
        write_docs()


def write_docs() -> None:
    runs = [json.loads(p.read_text()) for p in sorted(OUT.glob("imports-*.json"))]
    lines = [
        f"<!-- {MARK} -->",
        "| database | rows | contender | rows/s (wall) | rows per CPU-second | seconds | "
        "memory peak MiB | write lock (share of its duration) | xingcun against it: wall, CPU |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    measured = {run["database"]: run["iex"] for run in runs if "iex" in run}
    for run in runs:
        if "project" not in run:
            continue
        ours = run["project"]
        for name, label in (
            ("project", "xingcun (set-based)"),
            ("limit", "(a) calamine + executemany/COPY"),
            ("iex", "(b) django-import-export"),
        ):
            r = run.get(name) or (measured.get(run["database"]) if name == "iex" else None)
            if r is None:
                continue
            if name == "iex" and r["rows"] != run["rows"]:
                label += f" (measured on {r['rows']:,} rows: its rows/s)"
            wall = ours["rows_per_second"] / r["rows_per_second"]
            cpu = ours["rows_per_cpu_second"] / r["rows_per_cpu_second"]
            if name == "project":
                versus = "—"
            elif wall < 1:
                versus = f"{1 / wall:.1f}× slower, {1 / cpu:.1f}× slower"
            else:
                versus = f"{wall:.1f}× faster, {cpu:.1f}× faster"
            lines.append(
                f"| {run['database']} | {r['rows']:,} | {label} | {r['rows_per_second']:,.0f} | "
                f"{r['rows_per_cpu_second']:,.0f} | {r['seconds']:.1f} | {r['max_rss_mib']:.0f} | "
                f"{r['lock_seconds']:.1f} s ({100 * r['lock_share']:.0f} %) | {versus} |"
            )
    lines.append("")
    lines += [
        f"{run['database']}, {run['rows']:,} rows ({run['file_mib']:.1f} MiB xlsx): {run['date']}, "
        f"{run['machine']}, load average {run.get('load', 0):.1f}."
        for run in runs
    ]
    lines.append(f"<!-- /{MARK} -->")
    table = "\n".join(lines)
    docs = ROOT / "docs" / "performance.md"
    text = docs.read_text()
    start, end = text.find(f"<!-- {MARK} -->"), text.find(f"<!-- /{MARK} -->")
    if start >= 0 and end >= 0:
        text = text[:start] + table + text[end + len(f"<!-- /{MARK} -->") :]
        docs.write_text(text)
    else:
        print(table)


if __name__ == "__main__":
    main()
