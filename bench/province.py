"""A province-level user's dashboard on the benchmark province, cold and warm, with Redis.

    .venv/bin/python bench/province.py --build        # once: PostgreSQL database xingcun_province
    .venv/bin/python bench/province.py --write-docs   # then: measure (reuses the database)

The province is `bench/indicators.py`'s (1,089 towns, 20,691 villages, 2.0 M party members at
scale 1), built once into its own PostgreSQL database and kept. The measurement runs in this
process with production settings and Redis (database 10, flushed first) as the shared cache, as
the province's user (`scope` of the province):

- cold: every cached sum gone — the whole catalogue over the province, by city;
- after a write: one row of the party members' table changed (as an import would), so only the
  source queries that read that table are recomputed;
- warm: everything current in the cache (the target: under 1 s);
- the warm-up task of one county after that write (what a reader no longer waits for).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = os.environ.get("BENCH_PROVINCE_DB", "xingcun_province")  # another name on a shared host
ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/10")
MARK = "bench:province"


def setup() -> None:
    os.environ.update(
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:5432/{DB}",
        SECRET_KEY=secrets.token_urlsafe(40),
        REDIS_URL=REDIS,
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def build(scale: float) -> None:
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DB}")
    setup()
    from bench import indicators

    indicators.migrate()
    started = time.perf_counter()
    shape = indicators.generate(scale)
    print(f"built in {time.perf_counter() - started:.0f} s: {shape}", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(repeat: int) -> dict[str, Any]:
    setup()
    import redis
    from django.db import connection
    from django_scopes import scope, scopes_disabled

    from xingcun.core.models import Area
    from xingcun.indicators import engine, selectors, tasks

    with scopes_disabled():  # the benchmark reads its own tree
        province = Area.tree.get(level=1)
        county = Area.tree.filter(level=3).order_by("code")[0]
        sizes = {
            "villages": Area.tree.filter(level=5).count(),
            "towns": Area.tree.filter(level=4).count(),
        }
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_partymember")
        sizes["members"] = cursor.fetchone()[0]
    redis.Redis.from_url(REDIS).flushdb()

    def dashboard() -> None:
        with scope(area=province.path):
            selectors.dashboard(area=province, year=2020)

    def write() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE people_partymember SET updated_at = updated_at "
                "WHERE id = (SELECT min(id) FROM people_partymember)"
            )

    with scopes_disabled():
        counties = list(Area.tree.filter(level=3).order_by("code"))
        cities = list(Area.tree.filter(level=2).order_by("code"))
    sizes["counties"] = len(counties)

    def county_dashboard() -> None:
        with scope(area=county.path):
            selectors.dashboard(area=county, year=2020)

    def drop_above_counties() -> None:
        """Remove the province's and the cities' cached sums, the counties' staying current
        (as after every county's warm-up task): the next read rolls them up."""
        from django.core.cache import cache as shared_cache

        from xingcun.core import versions
        from xingcun.indicators import cache as indicator_cache
        from xingcun.indicators.engine import Period

        found = versions.current()
        groups = {engine.group_of(i.code) for i in engine.catalogue() if i.additive}
        with scope(area=province.path):
            keys = [
                indicator_cache._key(group, str(Period.year(y)), node, found)
                for node in [province, *cities]
                for group in groups
                for y in range(2016, 2021)
            ]
        shared_cache.delete_many(keys)

    cold = timed(dashboard)
    warm = [timed(dashboard) for _ in range(repeat)]
    write()
    after_write = timed(dashboard)
    county_after = timed(county_dashboard)  # its sums were filled by the province's scan
    drop_above_counties()
    rolled = timed(dashboard)
    write()
    one_task = timed(lambda: tasks.grids_warm.call(area_id=county.pk))
    queries = len(engine.catalogue())
    return {
        **sizes,
        "indicators": queries,
        "cold": cold,
        "warm": statistics.median(warm),
        "warm_runs": warm,
        "after_write": after_write,
        "county_after": county_after,
        "warm_task": one_task,
        "rolled": rolled,
    }


def render(r: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"PostgreSQL, Redis; {r['counties']:,} counties, {r['towns']:,} towns, "
            f"{r['villages']:,} villages, {r['members']:,} party members; the dashboard of the "
            f"province (every one of the {r['indicators']} indicators × 5 years × the province "
            "and its cities).",
            "",
            "| province dashboard | time |",
            "|---|---:|",
            f"| cold (empty cache: one scan of the province by town, which also fills every "
            f"city's and county's sums) | {r['cold']:.2f} s |",
            f"| after a write to the party members' table, before any warm-up (the members' "
            f"queries: one scan again) | {r['after_write']:.2f} s |",
            f"| a county's dashboard right after that (its sums came with the province's scan) "
            f"| {r['county_after']:.3f} s |",
            f"| warm (median of {len(r['warm_runs'])}) | **{r['warm']:.3f} s** |",
            f"| the province rolled up from its {r['counties']} counties' cached sums (its own "
            f"and its cities' entries removed) | **{r['rolled']:.3f} s** |",
            f"| after another such write: the warm-up task of one county (background; its "
            f"county rescanned) | {r['warm_task']:.2f} s |",
            "",
        ]
    )


def write_docs(text: str) -> None:
    docs = ROOT / "docs" / "performance.md"
    content = docs.read_text()
    block = f"<!-- {MARK} -->\n{text}<!-- /{MARK} -->"
    pattern = re.compile(rf"<!-- {MARK} -->.*?<!-- /{MARK} -->", re.S)
    if pattern.search(content):
        content = pattern.sub(lambda _m: block, content)
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    docs.write_text(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--build", action="store_true", help="(re)build the province database")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.build:
        build(args.scale)
        return
    result = measure(args.repeat)
    text = render(result)
    print(text)
    if args.write_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
