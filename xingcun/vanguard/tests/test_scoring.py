import datetime as dt
from decimal import Decimal

from xingcun.vanguard import scoring
from xingcun.vanguard.models import Grade, Item, Scheme

D = Decimal


def scheme(**kw):
    values = {
        "base_score": D(80),
        "bonus_cap": D(20),
        "excellent_from": D(95),
        "qualified_from": D(75),
        "warning_from": D(60),
        "follow_up_below": D(75),
    }
    values.update(kw)
    return Scheme(**values)


def item(code, kind="bonus", points="2", cap="6", group="vanguard", categories=""):
    return Item(
        code=code,
        name=code,
        kind=kind,
        group=group,
        points=D(points),
        cap=D(cap) if cap else None,
        categories=categories,
    )


def ev(n, code, points, month=3):
    return scoring.EventLine(n, code, dt.date(2020, month, 1), D(points), f"事实{n}")


def test_an_item_counts_at_most_its_yearly_cap():
    s = scoring.compute(
        scheme=scheme(),
        items=[item("volunteer")],
        category="B",
        events=[ev(i, "volunteer", 2) for i in range(1, 5)],
    )
    (line,) = s.items
    assert (line.raw, line.counted, line.capped) == (D(8), D(6), True)
    assert s.score == D(86)


def test_bonuses_together_count_at_most_the_scheme_cap():
    items = [item("a", cap="10"), item("b", cap="10"), item("c", cap="10")]
    events = [ev(1, "a", 10), ev(2, "b", 10), ev(3, "c", 5)]
    s = scoring.compute(scheme=scheme(), items=items, category="B", events=events)
    assert (s.bonus_raw, s.bonus, s.bonus_capped) == (D(25), D(20), True)
    assert s.score == D(100)
    assert s.grade == Grade.EXCELLENT


def test_deductions_lower_the_score_but_never_below_zero():
    items = [item("discipline", kind="deduction", points="20", cap="100")]
    events = [ev(i, "discipline", 20) for i in range(1, 6)]
    s = scoring.compute(scheme=scheme(), items=items, category="B", events=events)
    assert s.deduction == D(100)
    assert s.score == D(0)
    assert s.grade == Grade.FAILED
    assert s.follow_up


def test_grade_and_follow_up_follow_the_cut_offs():
    items = [item("late", kind="deduction", points="2", cap="20")]
    s = scoring.compute(scheme=scheme(), items=items, category="B", events=[ev(1, "late", 10)])
    assert (s.score, s.grade, s.follow_up) == (D(70), Grade.WARNING, True)
    s = scoring.compute(scheme=scheme(), items=items, category="B", events=[])
    assert (s.score, s.grade, s.follow_up) == (D(80), Grade.QUALIFIED, False)


def test_events_outside_the_scheme_or_category_are_shown_but_not_counted():
    items = [item("floating", categories="D")]
    s = scoring.compute(
        scheme=scheme(), items=items, category="B", events=[ev(1, "floating", 1), ev(2, "gone", 3)]
    )
    assert s.score == D(80)
    assert [e.id for e in s.unmatched] == [1, 2]
    assert s.explanation()[-1]["counted"] == "0"


def test_family_points_add_up_the_good_family_items():
    items = [
        item("family_model", group="family", points="5", cap="5"),
        item("family_conflict", kind="deduction", group="family", points="5", cap="10"),
    ]
    s = scoring.compute(
        scheme=scheme(),
        items=items,
        category="B",
        events=[ev(1, "family_model", 5), ev(2, "family_conflict", 5), ev(3, "family_conflict", 5)],
    )
    assert s.family_points == D(-5)


def test_explanation_links_every_counted_event():
    s = scoring.compute(
        scheme=scheme(), items=[item("a")], category="B", events=[ev(7, "a", 2), ev(9, "a", 2)]
    )
    (row,) = s.explanation()
    assert [e["id"] for e in row["events"]] == [7, 9]
    assert (row["raw"], row["counted"], row["cap"]) == ("4", "4", "6")


def test_competition_ranks_share_a_rank_on_equal_scores():
    ranks = scoring.competition_ranks([("a", D(90)), ("b", D(95)), ("c", D(90)), ("d", D(80))])
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4}
