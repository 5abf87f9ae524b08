import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xingcun.pairing.solver import (
    Problem,
    ProblemError,
    Side,
    Weights,
    feature_matrices,
    forbidden_mask,
    greedy,
    score_matrix,
    solve,
)

TOWNS = ("330112102", "330112103", "330112108", "330112112")
TAGS = ("竹笋", "民宿", "茶叶", "电商", "山核桃")


def brute_force(problem):
    """(pairs, total score) of the best assignment by exhaustive search."""
    scores = score_matrix(problem)
    forbidden = forbidden_mask(problem)
    caps = problem.capacities()
    s_index = {s.key: j for j, s in enumerate(problem.strong)}
    w_index = {w.key: i for i, w in enumerate(problem.weak)}
    locked = {w_index[w]: s_index[s] for s, w in problem.locked}
    best = (-1, -1.0)
    options = [None, *range(len(problem.strong))]
    for choice in itertools.product(options, repeat=len(problem.weak)):
        if any(choice[i] != j for i, j in locked.items()):
            continue
        used = [0] * len(problem.strong)
        total, count, ok = 0.0, 0, True
        for i, j in enumerate(choice):
            if j is None:
                continue
            if forbidden[i, j]:
                ok = False
                break
            used[j] += 1
            total += scores[i, j]
            count += 1
        if not ok or any(u > c for u, c in zip(used, caps, strict=True)):
            continue
        if (count, total) > (best[0], best[1] + 1e-9):
            best = (count, total)
    return best


sides = st.builds(
    Side,
    key=st.just(0),
    town=st.sampled_from(TOWNS),
    industries=st.frozensets(st.sampled_from(TAGS), max_size=3),
    star=st.integers(0, 5),
)


@st.composite
def problems(draw):
    strong = [
        Side(100 + n, s.town, s.industries, s.star)
        for n, s in enumerate(draw(st.lists(sides, min_size=1, max_size=3)))
    ]
    weak = [
        Side(200 + n, s.town, s.industries, s.star)
        for n, s in enumerate(draw(st.lists(sides, min_size=1, max_size=5)))
    ]
    all_pairs = [(s.key, w.key) for s in strong for w in weak]
    forbidden = draw(st.lists(st.sampled_from(all_pairs), max_size=4, unique=True))
    capacity = draw(st.lists(st.integers(0, 2), min_size=len(strong), max_size=len(strong)))
    weights = Weights(
        industry=draw(st.sampled_from([0.0, 0.2, 0.5, 1.0])),
        distance=draw(st.sampled_from([0.0, 0.3, 1.0])),
        strength=draw(st.sampled_from([0.0, 0.3, 0.7])),
    )
    locked = []
    free = list(capacity)
    for s_key, w_key in draw(st.lists(st.sampled_from(all_pairs), max_size=2, unique=True)):
        j = s_key - 100
        if (s_key, w_key) in forbidden or free[j] == 0 or any(w == w_key for _, w in locked):
            continue
        free[j] -= 1
        locked.append((s_key, w_key))
    return Problem(
        strong=strong,
        weak=weak,
        weights=weights,
        capacity=capacity,
        neighbours=[(TOWNS[0], TOWNS[1]), (TOWNS[2], TOWNS[3])],
        forbidden=forbidden,
        locked=locked,
    )


@settings(max_examples=150, deadline=None)
@given(problems())
def test_solver_matches_brute_force_optimum(problem):
    solution = solve(problem)
    count, total = brute_force(problem)
    assert solution.count == count
    assert solution.total == pytest.approx(total, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_solution_respects_capacity_forbidden_and_locks(problem):
    solution = solve(problem)
    caps = dict(zip([s.key for s in problem.strong], problem.capacities(), strict=True))
    used = {}
    for pair in solution.pairs:
        used[pair.strong] = used.get(pair.strong, 0) + 1
        assert (pair.strong, pair.weak) not in set(problem.forbidden)
    assert all(used[k] <= caps[k] for k in used)
    assert len({p.weak for p in solution.pairs}) == solution.count
    assert set(problem.locked) <= {(p.strong, p.weak) for p in solution.pairs}


@settings(max_examples=100, deadline=None)
@given(problems())
def test_greedy_never_beats_the_solver(problem):
    best, baseline = solve(problem), greedy(problem)
    assert (baseline.count, round(baseline.total, 9)) <= (best.count, round(best.total, 9))


def test_features_are_explainable():
    strong = [Side(1, "330112102", frozenset({"竹笋", "民宿", "电商"}), 5)]
    weak = [
        Side(2, "330112102", frozenset({"竹笋", "茶叶"}), 1),  # same town, one of two tags
        Side(3, "330112103", frozenset(), 0),  # neighbour, no tags
        Side(4, "330112112", frozenset({"民宿"}), 5),  # elsewhere, same stars
    ]
    problem = Problem(strong, weak, neighbours=[("330112103", "330112102")])
    f = feature_matrices(problem)
    assert f["industry"][:, 0].tolist() == [0.5, 0.0, 1.0]
    assert f["distance"][:, 0].tolist() == [1.0, 0.6, 0.2]
    assert f["strength"][:, 0].tolist() == pytest.approx([0.8, 1.0, 0.0])
    assert score_matrix(problem)[0, 0] == pytest.approx(0.4 * 0.5 + 0.3 * 1.0 + 0.3 * 0.8)


def test_capacity_lets_one_strong_organisation_take_two():
    strong = [Side(1, "330112102", frozenset({"竹笋"}), 5)]
    weak = [Side(2, "330112102", frozenset({"竹笋"}), 0), Side(3, "330112102", frozenset(), 0)]
    assert solve(Problem(strong, weak, capacity=2)).count == 2
    assert solve(Problem(strong, weak, capacity=1)).count == 1


def test_locked_pair_beyond_capacity_is_refused():
    strong = [Side(1, "330112102")]
    weak = [Side(2, "330112102"), Side(3, "330112102")]
    with pytest.raises(ProblemError, match="超过"):
        solve(Problem(strong, weak, capacity=1, locked=[(1, 2), (1, 3)]))


def test_locked_and_forbidden_pair_is_refused():
    strong, weak = [Side(1, "330112102")], [Side(2, "330112102")]
    with pytest.raises(ProblemError, match="既锁定又禁止"):
        solve(Problem(strong, weak, locked=[(1, 2)], forbidden=[(1, 2)]))


def test_same_organisation_on_both_sides_is_refused():
    with pytest.raises(ProblemError, match="既是帮扶方又是受援方"):
        solve(Problem([Side(1, "330112102")], [Side(1, "330112102")]))


def test_empty_problem_gives_no_pairs():
    assert solve(Problem([Side(1, "330112102")], [], capacity=2)).pairs == []
