"""Benchmark: the pairing recommendation on 2,000 strong × 2,000 weak organisations (target < 2 s).

    python bench/pairing.py [--size 2000] [--runs 3] [--seed 1] [--write-docs]

Synthetic candidates spread over the 18 towns of 临安区, each with up to three industry tags from
nine and a star level; 2,000 random forbidden pairs; the built-in neighbour list. For capacity
k = 1 and k = 2 (the matrix then has 2,000 × 4,000 cells) it times the optimal solver
(`xingcun.pairing.solver.solve`: scores, expansion and `scipy.optimize.linear_sum_assignment`) and
the greedy baseline (best remaining pair first), and compares the pairs formed and the total
scores. Medians of `--runs` runs after one warm-up are printed and, with --write-docs, appended to
docs/performance.md under "Pairing recommendation". Not part of the test suite.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xingcun.pairing.linan import LINAN_NEIGHBOURS, LINAN_TOWNS  # noqa: E402
from xingcun.pairing.solver import Problem, Side, Solution, greedy, solve  # noqa: E402

TARGET = 2.0
SECTION = "## Pairing recommendation"
TAGS = ("竹笋", "民宿", "茶叶", "电商", "山核桃", "香榧", "中药材", "高山蔬菜", "苗木")


def problem(size: int, capacity: int, seed: int) -> Problem:
    rng = random.Random(seed)

    def side(key: int) -> Side:
        tags = frozenset(rng.sample(TAGS, rng.randint(0, 3)))
        return Side(key, rng.choice(LINAN_TOWNS), tags, rng.randint(0, 5))

    strong = [side(n) for n in range(size)]
    weak = [side(100_000 + n) for n in range(size)]
    forbidden = [(rng.randrange(size), 100_000 + rng.randrange(size)) for _ in range(size)]
    return Problem(
        strong=strong,
        weak=weak,
        capacity=capacity,
        neighbours=LINAN_NEIGHBOURS,
        forbidden=forbidden,
    )


def timed(fn: object, p: Problem, runs: int) -> tuple[float, Solution]:
    solution = fn(p)  # type: ignore[operator]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        solution = fn(p)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), solution


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    lines = [
        "| k | cells | optimal: time | pairs | total score | greedy: time | pairs | total score "
        "| optimal − greedy |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    slowest = 0.0
    for capacity in (1, 2):
        p = problem(args.size, capacity, args.seed)
        t_opt, best = timed(solve, p, args.runs)
        t_greedy, base = timed(greedy, p, args.runs)
        slowest = max(slowest, t_opt)
        gain = best.total - base.total
        lines.append(
            f"| {capacity} | {args.size:,} × {args.size * capacity:,} | {t_opt:.2f} s "
            f"| {best.count:,} | {best.total:,.2f} | {t_greedy:.2f} s | {base.count:,} "
            f"| {base.total:,.2f} | +{gain:,.2f} (+{100 * gain / base.total:.1f}%) |"
        )
    verdict = "within" if slowest < TARGET else "OVER"
    machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
    text = "\n".join(
        [
            "",
            SECTION,
            "",
            f"`python bench/pairing.py --size {args.size} --runs {args.runs} --seed {args.seed}` "
            f"({time.strftime('%Y-%m-%d')}, {machine}). Medians of {args.runs} runs after a "
            f"warm-up; {args.size:,} strong × {args.size:,} weak organisations in the 18 towns of "
            f"临安区, {args.size:,} forbidden pairs. Slowest optimal solve {slowest:.2f} s: "
            f"{verdict} the {TARGET:.0f} s target.",
            "",
            *lines,
            "",
            "The optimal solver pairs as many weak organisations as possible and then maximises the "
            "total score; the greedy baseline takes the best remaining pair each time.",
            "",
        ]
    )
    print(text)
    if args.write_docs:
        docs = ROOT / "docs" / "performance.md"
        existing = docs.read_text(encoding="utf-8") if docs.exists() else "# Performance\n"
        docs.write_text(existing.rstrip("\n") + "\n" + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
