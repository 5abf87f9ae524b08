"""The pairing recommendation as an assignment problem, independent of the database.

Given strong organisations (each able to take up to `capacity` weak ones) and weak organisations,
find pairs that, first, pair as many weak organisations as possible and, among those, maximise the
total score. A pair's score is the weighted sum of three explainable features, each in [0, 1]:

- industry: the share of the weak village's industry tags that the strong village also has (it can
  pass on experience, channels and buyers); 0 when the weak village has no tags;
- distance: by division code — the same town, a neighbouring town (a configurable adjacency list),
  or elsewhere in the district, each with its own value;
- strength: the gap of star levels (strong minus weak) over five, clipped to [0, 1].

Forbidden pairs (staff's choice, or an earlier pair that failed) are never proposed; locked pairs are
fixed before solving and use up the strong side's capacity.

The solver is `scipy.optimize.linear_sum_assignment` on an expanded matrix: one row per free weak
organisation, one column per free slot of a strong organisation (a strong organisation with
capacity k appears k times). Allowed cells cost `-score`, forbidden cells a prohibitive cost larger
than any sum of scores, so the assignment first avoids forbidden cells (which maximises the number
of real pairs) and then maximises the score; assignments to forbidden cells are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

FEATURES = ("industry", "distance", "strength")
Matrix = NDArray[np.float64]


class ProblemError(ValueError):
    """A problem that cannot be solved as stated (the message is Chinese, for the user)."""


@dataclass(frozen=True)
class Side:
    """One candidate organisation: `key` identifies it (the organisation's pk)."""

    key: int
    town: str
    industries: frozenset[str] = frozenset()
    star: int = 0


@dataclass(frozen=True)
class Weights:
    industry: float = 0.4
    distance: float = 0.3
    strength: float = 0.3
    same_town: float = 1.0
    neighbour: float = 0.6
    elsewhere: float = 0.2


@dataclass
class Problem:
    strong: Sequence[Side]
    weak: Sequence[Side]
    weights: Weights = field(default_factory=Weights)
    capacity: Sequence[int] | int = 1  # per strong organisation (aligned with `strong`), or one k
    neighbours: Iterable[tuple[str, str]] = ()  # pairs of town codes, either order
    forbidden: Iterable[tuple[int, int]] = ()  # (strong key, weak key)
    locked: Iterable[tuple[int, int]] = ()  # (strong key, weak key)

    def capacities(self) -> list[int]:
        if isinstance(self.capacity, int):
            return [self.capacity] * len(self.strong)
        caps = list(self.capacity)
        if len(caps) != len(self.strong):
            raise ProblemError(gettext("容量个数与帮扶组织个数不一致"))
        return caps


@dataclass(frozen=True)
class Pair:
    strong: int
    weak: int
    score: float
    features: dict[str, float]
    locked: bool = False


@dataclass
class Solution:
    pairs: list[Pair]

    @property
    def count(self) -> int:
        return len(self.pairs)

    @property
    def total(self) -> float:
        return float(sum(p.score for p in self.pairs))


# --- scores --------------------------------------------------------------------------------------


def feature_matrices(problem: Problem) -> dict[str, Matrix]:
    """Each feature as a (weak × strong) matrix of values in [0, 1]."""
    weak, strong, w = problem.weak, problem.strong, problem.weights
    nw, ns = len(weak), len(strong)
    tags = sorted({t for side in (*weak, *strong) for t in side.industries})
    tag_index = {t: i for i, t in enumerate(tags)}
    w_tags = np.zeros((nw, len(tags)))
    s_tags = np.zeros((ns, len(tags)))
    for i, side in enumerate(weak):
        w_tags[i, [tag_index[t] for t in side.industries]] = 1.0
    for j, side in enumerate(strong):
        s_tags[j, [tag_index[t] for t in side.industries]] = 1.0
    shared = w_tags @ s_tags.T
    own = w_tags.sum(axis=1)[:, None]
    industry = np.divide(shared, own, out=np.zeros((nw, ns)), where=own > 0)

    towns = sorted({side.town for side in (*weak, *strong)})
    town_index = {t: i for i, t in enumerate(towns)}
    adjacent = np.zeros((len(towns), len(towns)), dtype=bool)
    for a, b in problem.neighbours:
        if a in town_index and b in town_index:
            adjacent[town_index[a], town_index[b]] = adjacent[town_index[b], town_index[a]] = True
    w_town = np.array([town_index[s.town] for s in weak], dtype=np.intp)
    s_town = np.array([town_index[s.town] for s in strong], dtype=np.intp)
    same = w_town[:, None] == s_town[None, :]
    near = adjacent[w_town[:, None], s_town[None, :]] if towns else np.zeros((nw, ns), bool)
    distance = np.where(same, w.same_town, np.where(near, w.neighbour, w.elsewhere))

    w_star = np.array([s.star for s in weak], dtype=np.float64)
    s_star = np.array([s.star for s in strong], dtype=np.float64)
    strength = np.clip((s_star[None, :] - w_star[:, None]) / 5.0, 0.0, 1.0)
    return {
        "industry": industry.astype(np.float64),
        "distance": distance.astype(np.float64).reshape(nw, ns),
        "strength": strength.reshape(nw, ns),
    }


def score_matrix(problem: Problem, features: dict[str, Matrix] | None = None) -> Matrix:
    features = features if features is not None else feature_matrices(problem)
    w = problem.weights
    return np.asarray(
        w.industry * features["industry"]
        + w.distance * features["distance"]
        + w.strength * features["strength"],
        dtype=np.float64,
    )


def forbidden_mask(problem: Problem) -> NDArray[np.bool_]:
    s_index = {side.key: j for j, side in enumerate(problem.strong)}
    w_index = {side.key: i for i, side in enumerate(problem.weak)}
    mask = np.zeros((len(problem.weak), len(problem.strong)), dtype=bool)
    for s_key, w_key in problem.forbidden:
        if s_key in s_index and w_key in w_index:
            mask[w_index[w_key], s_index[s_key]] = True
    return mask


# --- solving -------------------------------------------------------------------------------------


@dataclass
class _Prepared:
    scores: Matrix
    features: dict[str, Matrix]
    forbidden: NDArray[np.bool_]
    free_capacity: list[int]
    locked: list[tuple[int, int]]  # (weak index, strong index)


def _prepare(problem: Problem) -> _Prepared:
    s_index = {side.key: j for j, side in enumerate(problem.strong)}
    w_index = {side.key: i for i, side in enumerate(problem.weak)}
    if len(s_index) != len(problem.strong) or len(w_index) != len(problem.weak):
        raise ProblemError(gettext("候选党组织有重复"))
    if set(s_index) & set(w_index):
        raise ProblemError(gettext("同一党组织不能既是帮扶方又是受援方"))
    caps = problem.capacities()
    if any(c < 0 for c in caps):
        raise ProblemError(gettext("容量不能为负数"))
    features = feature_matrices(problem)
    scores = score_matrix(problem, features)
    forbidden = forbidden_mask(problem)
    locked: list[tuple[int, int]] = []
    seen_weak: set[int] = set()
    for s_key, w_key in problem.locked:
        if s_key not in s_index or w_key not in w_index:
            raise ProblemError(gettext("锁定的结对不在本次候选名单中"))
        i, j = w_index[w_key], s_index[s_key]
        if forbidden[i, j]:
            raise ProblemError(gettext("同一结对不能既锁定又禁止"))
        if i in seen_weak:
            raise ProblemError(gettext("一个受援党组织只能锁定一个结对"))
        seen_weak.add(i)
        caps[j] -= 1
        if caps[j] < 0:
            raise ProblemError(gettext("锁定的结对超过了帮扶党组织可结对的数量"))
        locked.append((i, j))
    return _Prepared(scores, features, forbidden, caps, locked)


def _pair(problem: Problem, prep: _Prepared, i: int, j: int, *, locked: bool) -> Pair:
    return Pair(
        strong=problem.strong[j].key,
        weak=problem.weak[i].key,
        score=float(prep.scores[i, j]),
        features={name: float(m[i, j]) for name, m in prep.features.items()},
        locked=locked,
    )


def solve(problem: Problem) -> Solution:
    """The optimal pairs: the most pairs possible, then the highest total score."""
    prep = _prepare(problem)
    pairs = [_pair(problem, prep, i, j, locked=True) for i, j in prep.locked]
    taken = {i for i, _ in prep.locked}
    rows = np.array([i for i in range(len(problem.weak)) if i not in taken], dtype=np.intp)
    columns = np.repeat(np.arange(len(problem.strong), dtype=np.intp), prep.free_capacity)
    if rows.size and columns.size:
        scores = prep.scores[np.ix_(rows, columns)]
        allowed = ~prep.forbidden[np.ix_(rows, columns)]
        prohibitive = float(min(rows.size, columns.size)) * (float(scores.max(initial=0)) + 1) + 1
        cost = np.where(allowed, -scores, prohibitive)
        chosen_rows, chosen_cols = linear_sum_assignment(cost)
        keep = allowed[chosen_rows, chosen_cols]
        pairs += [
            _pair(problem, prep, int(rows[r]), int(columns[c]), locked=False)
            for r, c in zip(chosen_rows[keep], chosen_cols[keep], strict=True)
        ]
    pairs.sort(key=lambda p: (-p.score, p.weak))
    return Solution(pairs)


def greedy(problem: Problem) -> Solution:
    """The baseline: locked pairs, then repeatedly the best remaining allowed pair."""
    prep = _prepare(problem)
    pairs = [_pair(problem, prep, i, j, locked=True) for i, j in prep.locked]
    taken = {i for i, _ in prep.locked}
    capacity = list(prep.free_capacity)
    scores = np.where(prep.forbidden, -np.inf, prep.scores)
    order = np.argsort(-scores, axis=None, kind="stable")
    ns = len(problem.strong)
    remaining = len(problem.weak) - len(taken)
    slots = sum(capacity)
    for flat in order:
        if remaining == 0 or slots == 0:
            break
        i, j = divmod(int(flat), ns)
        if scores[i, j] == -np.inf:
            break
        if i in taken or capacity[j] == 0:
            continue
        taken.add(i)
        capacity[j] -= 1
        remaining -= 1
        slots -= 1
        pairs.append(_pair(problem, prep, i, j, locked=False))
    pairs.sort(key=lambda p: (-p.score, p.weak))
    return Solution(pairs)
