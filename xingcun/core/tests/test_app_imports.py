"""No import cycles between apps, and core imports no domain app.

An AST walk over every module outside tests and migrations (imports under `if TYPE_CHECKING:` are
left out: they never run). A cycle fails with the files that make it."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

XINGCUN = Path(__file__).resolve().parents[2]


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    return skipped


def app_imports() -> dict[tuple[str, str], set[str]]:
    """(importing app, imported app) -> the importing files."""
    apps = {p.name for p in XINGCUN.iterdir() if (p / "__init__.py").exists()}
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in XINGCUN.rglob("*.py"):
        parts = path.relative_to(XINGCUN).parts
        if "tests" in parts or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                bits = name.split(".")
                inner = len(bits) > 1 and bits[0] == "xingcun" and bits[1] in apps
                if inner and bits[1] != parts[0]:
                    edges[(parts[0], bits[1])].add("/".join(parts))
    return edges


def cycles(edges: dict[tuple[str, str], set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one app (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_cycle_of_three():
    edges = {("a", "b"): {"x"}, ("b", "c"): {"y"}, ("c", "a"): {"z"}, ("c", "d"): {"w"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_core_imports_no_domain_app():
    edges = app_imports()
    assert {b: files for (a, b), files in edges.items() if a == "core"} == {}


def test_no_import_cycle_between_apps():
    edges = app_imports()
    bad = cycles(edges)
    detail = {
        f"{a} -> {b}": sorted(edges[(a, b)]) for g in bad for a in g for b in g if (a, b) in edges
    }
    assert not bad, f"import cycles between apps: {bad} {detail}"
