"""Load test of the production server: 32 concurrent clients against the pages people wait for.

    .venv/bin/python bench/pages.py --db var/xingcun.sqlite3 --label after --write-docs

Starts gunicorn (`config/gunicorn.conf.py`, production settings from the environment: a
SECRET_KEY, DEBUG unset, ALLOWED_HOSTS=127.0.0.1, no TLS redirect or secure cookies, Redis as the
shared cache) on a demo database, logs in as each demo role, then drives `--clients` threads
against the home page, the dashboard, the report page, a drill-down, a large register list and the
login page, one page at a time: `--requests` requests of the page, or fewer when `--seconds` have
passed. Each page's p95 is also given as a ratio to the login page's p95 of the same run (the
login page does almost no work, so the ratio says what a page costs beyond serving a request).

Then, unless `--no-cold`, single requests as the district: the dashboard with an empty cache
(every figure recomputed), after a write to one table (the figures of that table recomputed), and
warm. `--code DIR` runs the server from another checkout (the code before a change: `git worktree
add /tmp/before main`). Only 127.0.0.1 is contacted. Results go to `var/bench/pages-LABEL.json`;
`--write-docs` renders every stored label into `docs/performance.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import platform
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent
# Production refuses the demo logins' published password: the copy's roles get this one.
PASSWORD = secrets.token_urlsafe(16)
ROLES = ("district", "town", "village", "member", "expert", "partner")
PAGES = ("login", "home", "dashboard", "report", "drilldown", "register")
MARK = "bench:pages"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(args: argparse.Namespace, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis,
        WEB_CONCURRENCY=str(args.workers),
        BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG=str(args.var / "gunicorn-access.log"),
        GUNICORN_ERROR_LOG=str(args.var / "gunicorn-error.log"),
        LOG_LEVEL="WARNING",
        XINGCUN_VAR_DIR=str(args.var),
    )
    return env


def manage(args: argparse.Namespace, env: dict[str, str], *command: str) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [str(VENV / "python"), "manage.py", *command], cwd=args.code, env=env, check=True
    )


def start_server(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], str]:
    port = args.port or free_port()
    env = server_env(args, port)
    manage(args, env, "migrate", "--noinput", "-v", "0")
    manage(args, env, "collectstatic", "--noinput", "-v", "0")
    manage(
        args,
        env,
        "shell",
        "-c",
        "from xingcun.accounts.models import User\n"
        f"for u in User.objects.filter(username__in={list(ROLES)!r}):\n"
        f"    u.set_password({PASSWORD!r}); u.save(update_fields=['password'])",
    )
    server = subprocess.Popen(  # noqa: S603
        [str(VENV / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=args.code,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=5).read()  # noqa: S310
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("服务未能启动")


def login(base: str, username: str) -> str:
    """The Cookie header of a logged-in session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise SystemExit("登录页没有 CSRF 令牌")
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
    ).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    answer = opener.open(request, timeout=60).read().decode()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.split("<main", 1)[-1]))
        raise SystemExit(f"{username} 登录失败：{text[:300]}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def demo_targets(db: str) -> dict[str, Any]:
    """The district's code, a town, the default year and a drill-down, read from the database."""
    if db.startswith("postgres"):
        import psycopg

        conn: Any = psycopg.connect(db.replace("postgres://", "postgresql://", 1))
    else:
        conn = sqlite3.connect(db.removeprefix("sqlite:///"))
    cur = conn.cursor()
    cur.execute(
        "SELECT a.code, a.level FROM accounts_membership m JOIN accounts_user u ON u.id = m.user_id"
        " JOIN core_area a ON a.id = m.area_id WHERE u.username = 'district'"
    )
    district, _ = cur.fetchone()
    cur.execute("SELECT max(year) FROM villages_villageprofile")
    (year,) = cur.fetchone()
    conn.close()
    return {"district": district, "year": int(year)}


def urls(targets: dict[str, Any]) -> dict[str, tuple[str | None, str]]:
    """page → (role whose session is used, path)."""
    district, year = targets["district"], targets["year"]
    return {
        "login": (None, "/accounts/login/"),
        "home": ("*", "/"),  # every role in turn
        "dashboard": ("district", f"/indicators/?year={year}"),
        "report": ("district", f"/reports/r/{district}/{year}/"),
        "drilldown": ("district", f"/indicators/party.members/{district}/{year}/"),
        "register": ("district", "/r/members/"),
    }


def fetch(base: str, path: str, cookie: str | None) -> tuple[float, int, str]:
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            response.read()
            status = response.status
        error = "" if status == 200 else f"HTTP {status}"
    except urllib.error.HTTPError as e:
        status, error = e.code, f"HTTP {e.code}"
    except OSError as e:
        status, error = 0, type(e).__name__
    return time.perf_counter() - started, status, error


def phase(
    base: str, role: str | None, path: str, sessions: dict[str, str], args: Any
) -> tuple[list[float], list[str], float]:
    """`args.clients` threads share `args.requests` requests of one page, stopping early after
    `args.seconds` (requests under way are waited for): times, errors, wall time."""
    lock = threading.Lock()
    times: list[float] = []
    errors: list[str] = []
    remaining = args.requests
    deadline = time.monotonic() + args.seconds

    def client(index: int) -> None:
        nonlocal remaining
        who = ROLES[index % len(ROLES)] if role == "*" else role  # home: every role in turn
        cookie = sessions.get(who) if who else None
        while time.monotonic() < deadline:
            with lock:
                if remaining <= 0:
                    return
                remaining -= 1
            elapsed, _status, error = fetch(base, path, cookie)
            with lock:
                times.append(elapsed)
                if error:
                    errors.append(error)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors, time.monotonic() - started


def load(
    base: str, plan: dict[str, tuple[str | None, str]], sessions: dict[str, str], args: Any
) -> dict[str, Any]:
    """One phase per page."""
    times, errors, walls = {}, {}, {}
    for page in PAGES:
        role, path = plan[page]
        times[page], errors[page], walls[page] = phase(base, role, path, sessions, args)
    return {"walls": walls, "times": times, "errors": errors}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(run: dict[str, Any]) -> dict[str, dict[str, float]]:
    login_p95 = percentile(run["times"]["login"], 0.95)
    rows = {}
    for page in PAGES:
        values = run["times"].get(page, [])
        if not values:
            continue
        p95 = percentile(values, 0.95)
        rows[page] = {
            "n": len(values),
            "p50": statistics.median(values),
            "p95": p95,
            "max": max(values),
            "rps": len(values) / run["walls"][page],
            "errors": len(run["errors"].get(page, [])),
            "ratio": p95 / login_p95,
        }
    return rows


def flush_cache(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def touch_one_table(db: str) -> None:
    """A write to the party members' table through raw SQL, as an import would commit."""
    sql = (
        "UPDATE people_partymember SET updated_at = updated_at "
        "WHERE id = (SELECT min(id) FROM people_partymember)"
    )
    if db.startswith("postgres"):
        import psycopg

        with psycopg.connect(db.replace("postgres://", "postgresql://", 1)) as conn:
            conn.execute(sql)
    else:
        with sqlite3.connect(db.removeprefix("sqlite:///")) as conn:
            conn.execute(sql)


def warm_task(args: argparse.Namespace, targets: dict[str, Any]) -> float:
    """What the worker does after an import commits (`indicators.grids_warm` of the county), run
    with the server's settings; its own time, without starting Python."""
    code = (
        "import time\n"
        "from xingcun.core.models import Area\n"
        "from xingcun.indicators.tasks import grids_warm\n"
        "started = time.perf_counter()\n"
        f"grids_warm.call(area_id=Area.tree.get(code={targets['district']!r}).pk)\n"
        "print('TASK', time.perf_counter() - started)\n"
    )
    env = server_env(args, 0)
    out = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [str(VENV / "python"), "manage.py", "shell", "-c", code],
        cwd=args.code,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out.split("TASK", 1)[1].split()[0])


def single(base: str, path: str, cookie: str) -> float:
    elapsed, _status, error = fetch(base, path, cookie)
    if error:
        raise SystemExit(f"{path}: {error}")
    return elapsed


def measure(args: argparse.Namespace) -> dict[str, Any]:
    targets = demo_targets(args.database_url)
    plan = urls(targets)
    server, base = start_server(args)
    try:
        sessions = {role: login(base, role) for role in ROLES}
        flush_cache(args.redis)
        dashboard = plan["dashboard"][1]
        cold: dict[str, float] = {}
        if not args.no_cold:
            cold["empty cache"] = single(base, dashboard, sessions["district"])
            touch_one_table(args.database_url)
            cold["after a write to the members table"] = single(
                base, dashboard, sessions["district"]
            )
            cold["warm"] = min(single(base, dashboard, sessions["district"]) for _ in range(3))
            # Warm on write: an import's commit queues the county's warm-up; the worker runs it.
            touch_one_table(args.database_url)
            cold["warm-up task after the write (background)"] = warm_task(args, targets)
            cold["after the write and its warm-up task"] = single(
                base, dashboard, sessions["district"]
            )
        # One request each, so that the load runs with warm caches: every role's home page (the
        # load asks for it as each role in turn), the other pages as the district.
        for role, path in plan.values():
            for who in ROLES if role == "*" else [role] if role else []:
                single(base, path, sessions[who])
        run = load(base, plan, sessions, args)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {
        "label": args.label,
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "database": "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite",
        "workers": args.workers,
        "clients": args.clients,
        "requests": sum(len(v) for v in run["times"].values()),
        "wall": sum(run["walls"].values()),
        "pages": summarise(run),
        "errors": {k: sorted(set(v)) for k, v in run["errors"].items()},
        "cold": cold,
        "paths": {page: path for page, (_role, path) in plan.items()},
    }


def render(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        lines += [
            f"**{r['label']}** — {r['database']}, gunicorn {r['workers']} workers, "
            f"{r['clients']} clients, {r['requests']} requests in {r['wall']:.0f} s, page by page "
            f"({r['date']}, {r['machine']})",
            "",
            "| page | requests | p50 | p95 | max | req/s | errors | p95 ÷ login p95 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for page, row in r["pages"].items():
            lines.append(
                f"| {page} `{r['paths'][page]}` | {row['n']:.0f} | {row['p50'] * 1000:,.0f} ms | "
                f"{row['p95'] * 1000:,.0f} ms | {row['max'] * 1000:,.0f} ms | {row['rps']:.1f} | "
                f"{row['errors']:.0f} | {row['ratio']:.1f}× |"
            )
        if r["cold"]:
            cold = ", ".join(f"{k}: {v * 1000:,.0f} ms" for k, v in r["cold"].items())
            lines += ["", f"Single dashboard requests as the district: {cold}."]
        lines.append("")
    return "\n".join(lines)


def write_docs(var: Path) -> None:
    order = {"before": 0, "after": 1}
    results = [json.loads(p.read_text()) for p in var.glob("pages-*.json")]
    results.sort(key=lambda r: (order.get(r["label"], 2), r["label"]))
    docs = ROOT / "docs" / "performance.md"
    text = docs.read_text()
    block = f"<!-- {MARK} -->\n{render(results)}<!-- /{MARK} -->"
    pattern = re.compile(rf"<!-- {MARK} -->.*?<!-- /{MARK} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    docs.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "var" / "xingcun.sqlite3"))
    parser.add_argument("--database-url", default="", help="instead of --db: postgres://…")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to serve from")
    parser.add_argument("--label", default="after")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--requests", type=int, default=192, help="per page")
    parser.add_argument("--seconds", type=float, default=60, help="per page, at most")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--no-cold", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    args.database_url = args.database_url or f"sqlite:///{Path(args.db).resolve()}"
    args.var = ROOT / "var" / "bench"
    args.var.mkdir(parents=True, exist_ok=True)
    result = measure(args)
    (args.var / f"pages-{args.label}.json").write_text(json.dumps(result, indent=1))
    print(render([result]))
    if args.write_docs:
        write_docs(args.var)


if __name__ == "__main__":
    main()
