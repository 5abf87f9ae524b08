"""Benchmark: every indicator for every node of a province, engine against hand-written SQL.

    python bench/indicators.py --db sqlite --scale 1.0
    python bench/indicators.py --db postgres --scale 1.0 [--write-docs]

It creates a throw-away database (a SQLite file in a temporary directory, in /dev/shm where there
is one, or the PostgreSQL
database `xingcun_bench` on 127.0.0.1:5432 as user postgres), migrates it, fills it with a
deterministic province by bulk inserts (executemany on SQLite, COPY on PostgreSQL), then times

- the engine: `evaluate_all(area=province, period=2020)` — all indicators × every node (province,
  cities, counties, towns, villages), results built as `Result` objects, frozen values looked up;
- hand-written SQL: per source table one statement that groups by village path with conditional
  aggregates and re-aggregates the groups to every level above (UNION ALL of GROUP BYs).

Both are run several times, alternately, after a warm-up; the median times and the median ratio of
the back-to-back pairs are printed (and written to docs/performance.md with --write-docs). The engine's values are checked against the
hand-written ones before any timing counts. The database is dropped at the end unless --keep.

At scale 1.0: 11 cities, 99 counties, 1,089 towns, 20,691 villages, 2,007,027 party members (with
as many people), 827,640 households, 65,385 projects, 100,000+ village profiles.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

# The columns every jurisdiction-owned table starts with (core.models.AreaScoped).
SCOPED_COLUMNS = ("id", "created_at", "updated_at", "area_id")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "xingcun_bench"
SEED = 20201231
YEAR = 2020
PROFILE_YEARS = range(2016, 2021)
STAMP = "2021-01-01 00:00:00"

# Shape at scale 1.0 (a province); --scale multiplies the number of towns.
TOWNS = 1089
TOWNS_PER_COUNTY = 11
COUNTIES_PER_CITY = 9
VILLAGES_PER_TOWN = 19
MEMBERS_PER_VILLAGE = 97
HOUSEHOLDS_PER_VILLAGE = 40
PROJECTS_PER_VILLAGE = 3
PROJECTS_PER_TOWN = 3

# Path lengths of each level ("/33/" = 4, "/33/3301/" = 9, ...).
LEVEL_LENGTHS = (4, 9, 16, 26, 39)


def log(message: str) -> None:
    print(message, flush=True)


# --- database setup -------------------------------------------------------------------------------


def configure(db: str, workdir: Path) -> str:
    """Point Django at a fresh database; returns a label for the report."""
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            admin.execute(f"CREATE DATABASE {PG_BENCH_DB}")
            version = admin.execute("SHOW server_version").fetchone()
        os.environ["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
        label = f"PostgreSQL {version[0] if version else '?'}"
    else:
        import sqlite3

        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        label = f"SQLite {sqlite3.sqlite_version}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    return label


def drop(db: str) -> None:
    from django.db import connection

    connection.close()
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")


def migrate() -> None:
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    with scopes_disabled():  # migrations run outside any scope
        call_command("migrate", verbosity=0, interactive=False)


# --- data -----------------------------------------------------------------------------------------


@dataclass
class Shape:
    towns: int
    villages: int = 0
    members: int = 0
    rows: int = 0


class Writer:
    """Bulk inserts: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw: Any = connection.connection
        self.rows = 0
        if self.vendor == "sqlite":  # a throw-away file: no journal, a large page cache
            for pragma in ("synchronous=OFF", "journal_mode=OFF", "cache_size=-1000000"):
                self.raw.execute(f"PRAGMA {pragma}")

    def write(self, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
        count = 0
        if self.vendor == "sqlite":
            # secondary indexes are built once after the load instead of row by row
            indexes = self.raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                " AND sql IS NOT NULL",
                (table,),
            ).fetchall()
            for name, _sql in indexes:
                self.raw.execute(f'DROP INDEX "{name}"')
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 50_000:
                    self.raw.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            self.raw.executemany(sql, batch)
            count += len(batch)
            for _name, index_sql in indexes:
                self.raw.execute(index_sql)
            self.raw.commit()
        else:
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            self.raw.commit()
        self.rows += count

    def finish(self) -> None:
        if self.vendor == "postgres":
            with self.raw.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.raw.commit()
        else:
            self.raw.execute("ANALYZE")
            self.raw.commit()


def day(rng: random.Random, first: int, last: int) -> dt.date:
    return dt.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def money(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.2f}"


def generate(scale: float) -> Shape:
    """A deterministic province: the same rows on every database for the same scale."""
    rng = random.Random(SEED)
    shape = Shape(towns=max(2, round(TOWNS * scale)))
    out = Writer()
    t = STAMP

    # areas: province, cities, counties, towns, villages; ids assigned here
    areas: list[tuple[Any, ...]] = []
    towns: list[tuple[int, str]] = []  # (id, path)
    villages: list[tuple[int, str, int]] = []  # (id, path, town index)
    next_id = 1
    areas.append((next_id, t, t, "330000000000", "省", 1, None, "/33/"))
    province_id, next_id = next_id, next_id + 1
    cities: dict[int, tuple[int, str]] = {}
    counties: dict[int, tuple[int, str]] = {}
    for town_index in range(shape.towns):
        county_index = town_index // TOWNS_PER_COUNTY
        city_index = county_index // COUNTIES_PER_CITY
        if city_index not in cities:
            code = f"33{city_index + 1:02d}"
            cities[city_index] = (next_id, f"/33/{code}/")
            areas.append(
                (next_id, t, t, code.ljust(12, "0"), f"市{code}", 2, province_id, f"/33/{code}/")
            )
            next_id += 1
        if county_index not in counties:
            city_id, city_path = cities[city_index]
            code = f"33{city_index + 1:02d}{county_index % COUNTIES_PER_CITY + 1:02d}"
            counties[county_index] = (next_id, f"{city_path}{code}/")
            areas.append(
                (next_id, t, t, code.ljust(12, "0"), f"县{code}", 3, city_id, f"{city_path}{code}/")
            )
            next_id += 1
        county_id, county_path = counties[county_index]
        code = f"{county_path.split('/')[-2]}{town_index % TOWNS_PER_COUNTY + 1:03d}"
        town_path = f"{county_path}{code}/"
        areas.append((next_id, t, t, code.ljust(12, "0"), f"镇{code}", 4, county_id, town_path))
        towns.append((next_id, town_path))
        town_id = next_id
        next_id += 1
        for v in range(VILLAGES_PER_TOWN):
            vcode = f"{code}{v + 1:03d}"
            areas.append(
                (next_id, t, t, vcode, f"{vcode}村委会", 5, town_id, f"{town_path}{vcode}/")
            )
            villages.append((next_id, f"{town_path}{vcode}/", town_index))
            next_id += 1
    shape.villages = len(villages)
    out.write(
        "core_area",
        ["id", "created_at", "updated_at", "code", "name", "level", "parent_id", "path"],
        iter(areas),
    )

    # the default weak-village rule, at the province
    out.write(
        "villages_weakvillagerule",
        [
            *SCOPED_COLUMNS,
            "name",
            "valid_from",
            "valid_to",
            "total_income_below",
            "operating_income_below",
            "basis",
        ],
        iter([(1, t, t, province_id, "浙江省集体经济薄弱村标准", 2017, None, "10.00", "5.00", "")]),
    )

    # organisations: a committee per town; per village its own organisation, and under a
    # committee or general branch two branches of its own
    organisations: list[tuple[Any, ...]] = []
    village_org: dict[int, int] = {}
    org_id = 1
    town_org: dict[int, int] = {}
    for town_index, (town_id, _path) in enumerate(towns):
        organisations.append(
            (
                org_id,
                t,
                t,
                town_id,
                f"T{town_id}",
                "镇党委",
                "town_committee",
                "organ",
                None,
                day(rng, 1950, 1990).isoformat(),
                None,
                None,
                "",
            )
        )
        town_org[town_index] = org_id
        org_id += 1
    for village_id, _path, town_index in villages:
        kind = rng.choices(["committee", "general_branch", "branch"], [2, 2, 6])[0]
        founded = day(rng, 1950, 2021)
        dissolved = day(rng, 2015, 2022) if rng.random() < 0.03 else None
        if dissolved and dissolved <= founded:
            dissolved = None
        organisations.append(
            (
                org_id,
                t,
                t,
                village_id,
                f"V{village_id}",
                "村党组织",
                kind,
                "regular",
                town_org[town_index],
                founded.isoformat(),
                dissolved.isoformat() if dissolved else None,
                None,
                "",
            )
        )
        village_org[village_id] = parent = org_id
        org_id += 1
        if kind != "branch":
            for b in range(2):
                organisations.append(
                    (
                        org_id,
                        t,
                        t,
                        village_id,
                        f"V{village_id}-{b}",
                        "党支部",
                        "branch",
                        "regular",
                        parent,
                        founded.isoformat(),
                        None,
                        None,
                        "",
                    )
                )
                org_id += 1
        if rng.random() < 0.05:  # a functional branch (not a village organisation)
            organisations.append(
                (
                    org_id,
                    t,
                    t,
                    village_id,
                    f"V{village_id}-F",
                    "淘宝党支部",
                    "branch",
                    "functional",
                    None,
                    "2018-07-01",
                    None,
                    None,
                    "电商",
                )
            )
            org_id += 1
    out.write(
        "organisations_organisation",
        [
            *SCOPED_COLUMNS,
            "code",
            "name",
            "kind",
            "category",
            "parent_id",
            "founded_on",
            "dissolved_on",
            "secretary_id",
            "industry",
        ],
        iter(organisations),
    )
    del organisations

    # people and party members: one person per member
    def people() -> Iterator[tuple[Any, ...]]:
        person = 1
        for village_id, _path, _town in villages:
            for _ in range(MEMBERS_PER_VILLAGE):
                birth = day(rng, 1935, 2000)
                yield (
                    person,
                    t,
                    t,
                    village_id,
                    f"党员{person}",
                    "male" if person % 2 else "female",
                    birth.isoformat(),
                    f"33{person:016d}",
                    "",
                    None,
                )
                person += 1

    out.write(
        "people_person",
        [
            *SCOPED_COLUMNS,
            "name",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "user_id",
        ],
        people(),
    )

    def members() -> Iterator[tuple[Any, ...]]:
        person = 1
        for village_id, _path, _town in villages:
            org = village_org[village_id]
            for _ in range(MEMBERS_PER_VILLAGE):
                joined = day(rng, 1960, 2021)
                left = day(rng, joined.year, 2022) if rng.random() < 0.08 else None
                if left and left < joined:
                    left = joined
                office = rng.random() < 0.1
                yield (
                    person,
                    t,
                    t,
                    village_id,
                    person,
                    org,
                    joined.isoformat(),
                    "full",
                    int(office),
                    "A" if office else "B",
                    int(rng.random() < 0.03),
                    0,
                    left.isoformat() if left else None,
                )
                person += 1

    out.write(
        "people_partymember",
        [
            *SCOPED_COLUMNS,
            "person_id",
            "organisation_id",
            "joined_on",
            "status",
            "holds_office",
            "category",
            "returned_entrepreneur",
            "floating",
            "left_on",
        ],
        members(),
    )
    shape.members = len(villages) * MEMBERS_PER_VILLAGE

    def households() -> Iterator[tuple[Any, ...]]:
        number = 1
        for index, (village_id, _path, _town) in enumerate(villages):
            first_person = index * MEMBERS_PER_VILLAGE + 1
            for h in range(HOUSEHOLDS_PER_VILLAGE):
                yield (
                    number,
                    t,
                    t,
                    village_id,
                    f"H{number}",
                    first_person + h,
                    rng.randint(1, 8),
                    int(rng.random() < 0.1),
                    int(rng.random() < 0.06),
                )
                number += 1

    out.write(
        "people_household",
        [
            *SCOPED_COLUMNS,
            "number",
            "head_id",
            "size",
            "is_demonstration",
            "is_low_income",
        ],
        households(),
    )

    def projects() -> Iterator[tuple[Any, ...]]:
        number = 1
        owners = [v[0] for v in villages for _ in range(PROJECTS_PER_VILLAGE)]
        owners += [town_id for town_id, _p in towns for _ in range(PROJECTS_PER_TOWN)]
        for owner in owners:
            status = rng.choice(["signed", "building", "operating"])
            signed = day(rng, 2014, 2021)
            landed = signed + dt.timedelta(days=rng.randint(0, 400)) if status != "signed" else None
            yield (
                number,
                t,
                t,
                owner,
                f"XM{number}",
                f"项目{number}",
                "agriculture",
                None,
                None,
                money(rng, 10, 50000),
                status,
                signed.isoformat(),
                landed.isoformat() if landed else None,
            )
            number += 1

    out.write(
        "projects_project",
        [
            *SCOPED_COLUMNS,
            "code",
            "name",
            "kind",
            "sponsor_organisation_id",
            "sponsor_person_id",
            "investment",
            "status",
            "signed_on",
            "landed_on",
        ],
        projects(),
    )

    def profiles() -> Iterator[tuple[Any, ...]]:
        number = 1
        for village_id, _path, _town in villages:
            for year in PROFILE_YEARS:
                if rng.random() < 0.03:
                    continue  # a year not reported
                yield (
                    number,
                    t,
                    t,
                    village_id,
                    year,
                    rng.randint(500, 4000),
                    rng.randint(150, 1200),
                    money(rng, 15000, 60000),
                    money(rng, 0, 30),
                    money(rng, 0, 10),
                    money(rng, -2, 8),
                    money(rng, 0, 30),
                    money(rng, 0, 5),
                    money(rng, 0, 200),
                    "",
                )
                number += 1

    out.write(
        "villages_villageprofile",
        [
            *SCOPED_COLUMNS,
            "year",
            "population",
            "households",
            "per_capita_income",
            "operating_income",
            "contract_income",
            "investment_income",
            "subsidy_income",
            "other_income",
            "debt",
            "industries",
        ],
        profiles(),
    )
    out.finish()
    shape.rows = out.rows
    return shape


# --- hand-written SQL -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One source table: conditional aggregates per village path, rolled up to every level."""

    name: str
    measures: dict[str, str]  # indicator code (or code@year) → aggregate over the joined rows
    source: str  # FROM … JOIN core_area a …
    params: tuple[Any, ...] = ()  # for the measures, in order of appearance

    def sql(self) -> str:
        names = list(self.measures)
        grouped = ",\n    ".join(f"{self.measures[n]} AS m{i}" for i, n in enumerate(names))
        levels = [
            f"SELECT substr(node, 1, {length}) AS node, "
            + ", ".join(f"SUM(m{i})" for i in range(len(names)))
            + f" FROM g WHERE length(node) >= {length} GROUP BY 1"
            for length in LEVEL_LENGTHS
        ]
        return (
            f"WITH g AS (\n  SELECT substr(a.path, 1, 39) AS node,\n    {grouped}\n"
            f"  {self.source}\n  WHERE a.path LIKE '/33/%%'\n  GROUP BY 1\n)\n"
            + "\nUNION ALL\n".join(levels)
        )


def statements(vendor: str) -> list[Statement]:
    end = dt.date(YEAR, 12, 31).isoformat()
    true = "1" if vendor == "sqlite" else "TRUE"
    alive = "m.joined_on <= %s AND (m.left_on IS NULL OR m.left_on > %s)"
    village_kinds = "('committee', 'general_branch', 'branch')"
    total = (
        "(p.operating_income + p.contract_income + p.investment_income + p.subsidy_income"
        " + p.other_income)"
    )
    operating = "(p.operating_income + p.contract_income + p.investment_income)"
    return [
        Statement(
            "members",
            {
                "party.members": f"COUNT(*) FILTER (WHERE {alive})",
                "party.members_without_office": f"COUNT(*) FILTER (WHERE {alive} AND NOT m.holds_office)",
                "party.returned_entrepreneurs": f"COUNT(*) FILTER (WHERE {alive} AND m.returned_entrepreneur = {true})",
            },
            "FROM people_partymember m JOIN core_area a ON a.id = m.area_id",
            (end, end) * 3,
        ),
        Statement(
            "organisations",
            {
                "party.organisations": (
                    f"COUNT(*) FILTER (WHERE a.level = 5 AND o.category = 'regular'"
                    f" AND o.kind IN {village_kinds}"
                    f" AND (o.parent_id IS NULL OR par.kind NOT IN {village_kinds})"
                    " AND (o.founded_on IS NULL OR o.founded_on <= %s)"
                    " AND (o.dissolved_on IS NULL OR o.dissolved_on > %s))"
                ),
            },
            "FROM organisations_organisation o JOIN core_area a ON a.id = o.area_id"
            " LEFT JOIN organisations_organisation par ON par.id = o.parent_id",
            (end, end),
        ),
        Statement(
            "areas",
            {"villages.count": "COUNT(*) FILTER (WHERE a.level = 5)"},
            "FROM core_area a",
        ),
        Statement(
            "households",
            {
                "households.count": "COUNT(*)",
                "households.demonstration": f"COUNT(*) FILTER (WHERE h.is_demonstration = {true})",
                "households.low_income": f"COUNT(*) FILTER (WHERE h.is_low_income = {true})",
            },
            "FROM people_household h JOIN core_area a ON a.id = h.area_id",
        ),
        Statement(
            "projects",
            {
                "projects.landed": "COUNT(*) FILTER (WHERE x.status IN ('building', 'operating')"
                " AND x.landed_on <= %s)",
                "projects.investment": "SUM(x.investment) FILTER (WHERE x.status IN"
                " ('building', 'operating') AND x.landed_on <= %s)",
            },
            "FROM projects_project x JOIN core_area a ON a.id = x.area_id",
            (end, end),
        ),
        Statement(
            "profiles",
            {
                "villages.collective_income": f"SUM({total}) FILTER (WHERE p.year = {YEAR})",
                f"villages.collective_income@{YEAR - 1}": f"SUM({total}) FILTER (WHERE p.year = {YEAR - 1})",
                "villages.operating_income": f"SUM({operating}) FILTER (WHERE p.year = {YEAR})",
                "villages.population": f"SUM(p.population) FILTER (WHERE p.year = {YEAR})",
                "villages.disposable_income": f"SUM(p.per_capita_income * p.population) FILTER (WHERE p.year = {YEAR})",
                "villages.weak": f"COUNT(*) FILTER (WHERE p.year = {YEAR} AND {total} < 10 AND {operating} < 5)",
                "villages.debt": "SUM(p.debt) FILTER (WHERE p.year = last.year)",
            },
            "FROM villages_villageprofile p JOIN core_area a ON a.id = p.area_id"
            f" JOIN (SELECT area_id, MAX(year) AS year FROM villages_villageprofile"
            f" WHERE year <= {YEAR} GROUP BY area_id) last ON last.area_id = p.area_id",
        ),
    ]


def run_handwritten(vendor: str) -> dict[tuple[str, str], Decimal]:
    """(measure, node path) → value, from one statement per source table."""
    from django.db import connection

    values: dict[tuple[str, str], Decimal] = {}
    with connection.cursor() as cursor:
        for statement in statements(vendor):
            cursor.execute(statement.sql(), statement.params)
            names = list(statement.measures)
            for node, *row in cursor.fetchall():
                for name, value in zip(names, row, strict=True):
                    values[(name, node)] = Decimal(0) if value is None else Decimal(str(value))
    return values


# --- the engine -----------------------------------------------------------------------------------


def run_engine() -> dict[str, dict[str, Any]]:
    """The foundation indicators for the province and every node below it (evaluate_all for the
    indicators the hand-written SQL covers: other apps may have registered more)."""
    from django_scopes import scope

    from xingcun.core.models import Area
    from xingcun.indicators import engine, foundation

    province = Area.tree.get(code="330000000000")
    period = engine.Period.year(YEAR)
    with scope(area=province.path):  # a province-level user's scope
        grid = engine.evaluate_grid(area=province, periods=[period], codes=foundation.CODES)
    return grid[str(period)]


def compare(results: dict[str, dict[str, Any]], expected: dict[tuple[str, str], Decimal]) -> int:
    """Check the engine's raw values against the hand-written ones; returns values compared."""

    def close(a: Decimal, b: Decimal) -> bool:
        # SQLite adds decimals as doubles in the hand-written SQL; the engine adds exact cents.
        return abs(a - b) <= max(Decimal("0.01"), abs(b) * Decimal("1e-12"))

    by_path = {
        code: {r.area.path: r for r in by_node.values()} for code, by_node in results.items()
    }
    compared = 0
    for (name, path), value in expected.items():
        code, _, year = name.partition("@")
        if year:  # the earlier year of a change is its denominator
            got = by_path["villages.collective_income_growth"][path].denominator
        else:
            got = by_path[code][path].raw
        if got is None or not close(got, value):
            raise SystemExit(f"MISMATCH {name} at {path}: engine {got}, SQL {value}")
        compared += 1
    expected_nodes = {path for _name, path in expected}
    if expected_nodes != set(by_path["party.members"]):
        raise SystemExit("MISMATCH: the engine and the SQL do not cover the same nodes")
    return compared


# --- timing and report ----------------------------------------------------------------------------


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


TABLE_HEAD = (
    "| Database | Scale | Towns | Villages | Party members | Rows | Data generated in "
    "| Values (indicators × nodes) | Engine | Hand-written SQL | Ratio |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def write_docs(label: str, row: str) -> None:
    """Put this database's row into the results table of docs/performance.md."""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8")
    begin, end = "<!-- bench:indicators -->", "<!-- /bench:indicators -->"
    found = re.search(re.escape(begin) + "(.*?)" + re.escape(end), text, flags=re.DOTALL)
    old_rows = found.group(1).splitlines() if found else []
    engine_name = label.split()[0]
    rows = [
        r
        for r in old_rows
        if r.startswith("| ") and not r.startswith(("| Database", f"| {engine_name} "))
    ]
    rows = sorted([*rows, row], key=lambda r: not r.startswith("| SQLite"))
    block = "\n".join([begin, TABLE_HEAD, *rows, end])
    if found:
        text = text[: found.start()] + block + text[found.end() :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = a province (1,089 towns)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()

    # The SQLite file (about 1.5 GB at full scale) goes to memory when the system offers it: the
    # data set is built for this run only and the timed queries read from the page cache anyway.
    shm = Path("/dev/shm")  # noqa: S108  (mkdtemp makes a private 0700 directory in it)
    workdir = Path(tempfile.mkdtemp(prefix="xingcun-bench-", dir=shm if shm.is_dir() else None))
    label = configure(args.db, workdir)
    try:
        started = time.perf_counter()
        migrate()
        log(f"{label}: migrated in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        shape = generate(args.scale)
        generated = time.perf_counter() - started
        log(
            f"generated {shape.rows:,} rows in {generated:.1f} s: {shape.towns:,} towns, "
            f"{shape.villages:,} villages, {shape.members:,} members"
        )
        from django.db import connection

        vendor = connection.vendor
        expected = run_handwritten(vendor)  # warm-up
        results = run_engine()  # warm-up
        nodes = len(next(iter(results.values())))
        compared = compare(results, expected)
        log(f"engine equals hand-written SQL on {compared:,} values ({nodes:,} nodes)")
        del results, expected

        engine_times: list[float] = []
        sql_times: list[float] = []
        for _ in range(args.repeat):  # alternate, so that neither profits from the other's cache
            engine_times += timed(run_engine, 1)[0]
            sql_times += timed(lambda: run_handwritten(vendor), 1)[0]
        engine_s, sql_s = statistics.median(engine_times), statistics.median(sql_times)
        # each engine run is paired with the SQL run right after it, under the same machine load
        ratio = statistics.median(e / q for e, q in zip(engine_times, sql_times, strict=True))
        log(f"engine {engine_s:.2f} s, hand-written SQL {sql_s:.2f} s, ratio {ratio:.2f}")

        from xingcun.indicators import foundation

        indicators = len(foundation.CODES)
        runs = (
            f"{args.repeat} alternating runs; engine {', '.join(f'{x:.2f}' for x in engine_times)} s, "
            f"SQL {', '.join(f'{x:.2f}' for x in sql_times)} s; "
            f"{dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} CPUs, "  # noqa: DTZ011
            f"Python {platform.python_version()}"
        )
        row = (
            f"| {label} | {args.scale:g} | {shape.towns:,} | {shape.villages:,} | "
            f"{shape.members:,} | {shape.rows:,} | {generated:.0f} s | {indicators} × {nodes:,} | "
            f"**{engine_s:.2f} s** | {sql_s:.2f} s | **{ratio:.2f}×** <br><small>{runs}</small> |"
        )
        if args.write_docs:
            write_docs(label, row)
            log("docs/performance.md updated")
    finally:
        if args.keep:
            log(f"kept: {os.environ['DATABASE_URL']}")
        else:
            drop(args.db)
            for file in workdir.glob("*"):
                file.unlink()
            workdir.rmdir()


if __name__ == "__main__":
    main()
