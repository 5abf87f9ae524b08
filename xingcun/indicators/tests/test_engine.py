from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Q
from django_scopes import scope, scopes_disabled

from xingcun.core.models import Area
from xingcun.core.scoping import ScopeError
from xingcun.indicators import engine
from xingcun.indicators.engine import Indicator, Kind, Period, Semantics
from xingcun.indicators.tests.conftest import Records, profile
from xingcun.projects.models import Project
from xingcun.projects.tests.factories import ProjectFactory

VILLAGE_KINDS = {"committee", "general_branch", "branch"}
PERIODS = [Period.year(2019), Period.year(2020), Period.month_end(2020, 6)]


# --- an independent reading of each definition, in plain Python over the fixture rows -------------


def inside(area: Area, node: Area) -> bool:
    return area.path.startswith(node.path)


def villages_of(tree, node):
    villages = [tree.village_a, tree.village_a2, tree.village_b, tree.village_b2]
    return [v for v in villages if inside(v, node)]


def members(r: Records, node, p: Period, extra=lambda m: True):
    return [
        m
        for m in r.members
        if inside(m.area, node)
        and m.joined_on <= p.end
        and (m.left_on is None or m.left_on > p.end)
        and extra(m)
    ]


def organisations(r: Records, node, p: Period):
    return [
        o
        for o in r.organisations
        if inside(o.area, node)
        and o.area.level == 5
        and o.category == "regular"
        and o.kind in VILLAGE_KINDS
        and (o.parent is None or o.parent.kind not in VILLAGE_KINDS)
        and (o.founded_on is None or o.founded_on <= p.end)
        and (o.dissolved_on is None or o.dissolved_on > p.end)
    ]


def profiles(r: Records, node, year: int):
    return [x for x in r.profiles if inside(x.area, node) and x.year == year]


def landed(r: Records, node, p: Period):
    return [
        x
        for x in r.projects
        if inside(x.area, node)
        and x.status in {"building", "operating"}
        and x.landed_on is not None
        and x.landed_on <= p.end
    ]


def is_weak(x) -> bool:
    operating = x.operating_income + x.contract_income + x.investment_income
    return bool(operating + x.subsidy_income + x.other_income < 10 and operating < 5)


def collective(r, node, year):
    return sum((x.collective_income for x in profiles(r, node, year)), Decimal(0))


def latest_debt(r: Records, tree, node, year: int) -> Decimal:
    total = Decimal(0)
    for village in villages_of(tree, node):
        mine = [x for x in r.profiles if x.area_id == village.pk and x.year <= year]
        if mine:
            total += max(mine, key=lambda x: x.year).debt
    return total


def ratio(numerator: Decimal, denominator: Decimal, scale: int = 1) -> Decimal | None:
    return numerator * scale / denominator if denominator else None


def income_mass(r, node, year):
    return sum((x.per_capita_income * x.population for x in profiles(r, node, year)), Decimal(0))


def population(r, node, year):
    return Decimal(sum(x.population for x in profiles(r, node, year)))


def n(rows) -> Decimal:
    return Decimal(len(rows))


Oracle = Callable[[Records, Any, Area, Period], Decimal | None]
ORACLES: dict[str, Oracle] = {
    "party.organisations": lambda r, t, a, p: n(organisations(r, a, p)),
    "party.members": lambda r, t, a, p: n(members(r, a, p)),
    "party.members_without_office": lambda r, t, a, p: n(
        members(r, a, p, lambda m: not m.holds_office)
    ),
    "party.returned_entrepreneurs": lambda r, t, a, p: n(
        members(r, a, p, lambda m: m.returned_entrepreneur)
    ),
    "villages.count": lambda r, t, a, p: n(villages_of(t, a)),
    "households.count": lambda r, t, a, p: n([h for h in r.households if inside(h.area, a)]),
    "households.demonstration": lambda r, t, a, p: n(
        [h for h in r.households if inside(h.area, a) and h.is_demonstration]
    ),
    "households.low_income": lambda r, t, a, p: n(
        [h for h in r.households if inside(h.area, a) and h.is_low_income]
    ),
    "projects.landed": lambda r, t, a, p: n(landed(r, a, p)),
    "projects.investment": lambda r, t, a, p: (
        sum((x.investment for x in landed(r, a, p)), Decimal(0)) / 10000
    ),
    "villages.collective_income": lambda r, t, a, p: collective(r, a, p.end.year),
    "villages.operating_income": lambda r, t, a, p: sum(
        (x.operating_like_income for x in profiles(r, a, p.end.year)), Decimal(0)
    ),
    "villages.population": lambda r, t, a, p: population(r, a, p.end.year),
    "villages.disposable_income": lambda r, t, a, p: income_mass(r, a, p.end.year) / 10**8,
    "villages.per_capita_income": lambda r, t, a, p: ratio(
        income_mass(r, a, p.end.year), population(r, a, p.end.year)
    ),
    "villages.weak": lambda r, t, a, p: n([x for x in profiles(r, a, p.end.year) if is_weak(x)]),
    "villages.weak_share": lambda r, t, a, p: ratio(
        n([x for x in profiles(r, a, p.end.year) if is_weak(x)]), n(villages_of(t, a)), 100
    ),
    "villages.debt": lambda r, t, a, p: latest_debt(r, t, a, p.end.year),
    "villages.collective_income_growth": lambda r, t, a, p: ratio(
        collective(r, a, p.end.year) - collective(r, a, p.end.year - 1),
        collective(r, a, p.end.year - 1),
        100,
    ),
}


def test_every_foundation_indicator_has_an_independent_reading():
    assert set(ORACLES) <= {i.code for i in engine.catalogue()}
    assert len(ORACLES) == 19


@pytest.mark.parametrize("code", sorted(ORACLES))
def test_indicator_equals_an_independent_count_over_the_records(code, tree, records):
    nodes = [tree.district, tree.town_a, tree.village_a, tree.village_b]
    with scopes_disabled():  # the oracle reads related rows of the fixture
        expected = {
            (node.code, str(p)): ORACLES[code](records, tree, node, p)
            for node in nodes
            for p in PERIODS
        }
    with scope(area=tree.district.path):
        found = {
            (node.code, str(p)): engine.evaluate(code, area=node, period=p).value
            for node in nodes
            for p in PERIODS
        }
    assert found == expected
    assert len(set(expected.values())) > 1  # the fixture tells nodes and periods apart


def test_fixture_values_differ_between_periods_for_dated_indicators(tree, records):
    with scope(area=tree.district.path):
        values = {
            code: {engine.evaluate(code, area=tree.district, period=p).value for p in PERIODS}
            for code in ("party.members", "party.organisations", "projects.landed")
        }
    assert all(len(v) == 3 for v in values.values()), values


@pytest.mark.parametrize(
    "code", sorted(c for c in ORACLES if engine.get(c).kind == Kind.COUNT), ids=str
)
def test_drilldown_lists_as_many_records_as_a_count_indicator_counts(code, tree, records):
    period = Period.month_end(2020, 6)
    with scope(area=tree.district.path):
        for node in (tree.district, tree.town_a, tree.village_b):
            value = engine.evaluate(code, area=node, period=period).value
            assert engine.drilldown(code, area=node, period=period).count() == value


def test_ratio_rolls_up_numerators_and_denominators_not_an_average_of_ratios(tree):
    profile(tree.village_a, 2020, per_capita_income=Decimal("0.50"), population=2)
    profile(tree.village_a2, 2020, per_capita_income=Decimal("0.75"), population=4)
    with scope(area=tree.district.path):
        town = engine.evaluate(
            "villages.per_capita_income", area=tree.town_a, period=Period.year(2020)
        )
        villages = engine.evaluate_children(
            "villages.per_capita_income", area=tree.town_a, period=Period.year(2020)
        )
    assert (villages[tree.village_a.code].numerator, villages[tree.village_a.code].denominator) == (
        Decimal(1),
        Decimal(2),
    )
    assert (town.numerator, town.denominator) == (Decimal(4), Decimal(6))
    assert town.value == Decimal(4) / Decimal(6)
    assert town.value != (Decimal("0.5") + Decimal("0.75")) / 2


def test_share_of_weak_villages_is_weak_villages_over_all_villages(tree, weak_rule):
    profile(tree.village_a, 2020)  # collective 7.75, operating 3.5: weak
    profile(tree.village_b, 2020, operating_income=Decimal(20))
    with scope(area=tree.district.path):
        district = engine.evaluate(
            "villages.weak_share", area=tree.district, period=Period.year(2020)
        )
        town_b = engine.evaluate("villages.weak_share", area=tree.town_b, period=Period.year(2020))
    assert (district.numerator, district.denominator, district.value) == (1, 4, 25)
    assert town_b.value == 0
    assert district.display() == "25.0%"


def test_weak_village_thresholds_are_strict(tree, weak_rule):
    profile(tree.village_a, 2020, operating_income=Decimal("3.50"), subsidy_income=Decimal("4.25"))
    profile(tree.village_a2, 2020, operating_income=Decimal("3.49"), subsidy_income=Decimal("4.25"))
    with scope(area=tree.district.path):
        weak = engine.drilldown("villages.weak", area=tree.district, period=Period.year(2020))
        assert [x.area_id for x in weak] == [tree.village_a2.pk]  # 5.00 operating is not weak


def test_a_towns_own_weak_village_rule_shadows_the_districts(tree, weak_rule):
    from xingcun.villages.models import WeakVillageRule

    with scopes_disabled():
        WeakVillageRule.objects.create(
            area=tree.town_b,
            name="5030",
            valid_from=2019,
            total_income_below=Decimal(50),
            operating_income_below=Decimal(30),
        )
    profile(tree.village_a, 2020, operating_income=Decimal(20))  # 23.75 / 21.5: not weak
    profile(tree.village_b, 2020, operating_income=Decimal(20))  # weak under the town's line
    with scope(area=tree.district.path):
        weak = engine.evaluate_children(
            "villages.weak", area=tree.district, period=Period.year(2020)
        )
        earlier = engine.evaluate("villages.weak", area=tree.town_b, period=Period.year(2018))
    assert {code: r.value for code, r in weak.items()} == {tree.town_a.code: 0, tree.town_b.code: 1}
    assert earlier.value == 0


def test_without_a_weak_village_rule_no_village_counts_as_weak(tree):
    profile(tree.village_a, 2020, operating_income=Decimal(0))
    with scope(area=tree.district.path):
        assert (
            engine.evaluate("villages.weak", area=tree.district, period=Period.year(2020)).value
            == 0
        )


def test_evaluate_children_reads_each_table_once(tree, records, django_assert_num_queries):
    # table versions, nodes, members, frozen values
    with scope(area=tree.district.path), django_assert_num_queries(4):
        by_town = engine.evaluate_children(
            "party.members", area=tree.district, period=Period.year(2020)
        )
    assert set(by_town) == {tree.town_a.code, tree.town_b.code}


def test_evaluate_children_again_reads_only_versions_and_nodes(
    tree, records, django_assert_num_queries
):
    period = Period.year(2020)
    with scope(area=tree.district.path):
        first = engine.evaluate_children("party.members", area=tree.district, period=period)
        with django_assert_num_queries(2):
            again = engine.evaluate_children("party.members", area=tree.district, period=period)
    assert {c: r.value for c, r in again.items()} == {c: r.value for c, r in first.items()}


def test_evaluating_every_foundation_indicator_reads_each_table_once(
    tree, records, django_assert_num_queries
):
    # nodes, weak-village rules + organisations, members, areas, households, projects, profiles,
    # latest debt + frozen values
    with scope(area=tree.district.path), django_assert_num_queries(10):
        engine.evaluate_grid(
            area=tree.district, periods=[Period.year(2020)], codes=ORACLES, cached=False
        )


def test_a_cached_evaluation_reads_versions_and_nodes_whatever_the_tree(
    tree, records, django_assert_num_queries
):
    periods = [Period.year(y) for y in range(2016, 2021)]
    with scope(area=tree.district.path):
        engine.evaluate_grid(area=tree.district, periods=periods, levels=(4,))
        with django_assert_num_queries(2):  # table versions, nodes
            engine.evaluate_grid(area=tree.district, periods=periods, levels=(4,))


def test_evaluate_all_agrees_with_single_evaluations_at_every_node(tree, records):
    period = Period.month_end(2020, 6)
    with scope(area=tree.district.path):
        everything = engine.evaluate_all(area=tree.district, period=period)
        towns = engine.evaluate_all(area=tree.district, period=period, level=4)
        villages = engine.evaluate_all(area=tree.district, period=period, level=5)
        nodes = list(Area.objects.filter(path__startswith=tree.district.path))
        for code, by_node in everything.items():
            assert set(by_node) == {a.code for a in nodes}
            assert set(towns[code]) == {tree.district.code, tree.town_a.code, tree.town_b.code}
        for code in ORACLES:
            by_node = everything[code]
            for node in (tree.district, tree.town_b, tree.village_a2):
                single = engine.evaluate(code, area=node, period=period)
                assert by_node[node.code].value == single.value, (code, node.code)
                if node.level != 5:
                    assert towns[code][node.code].value == single.value, (code, node.code)
                if node.level != 4:  # the district, from villages and its own records
                    assert villages[code][node.code].value == single.value, (code, node.code)


def test_records_of_a_town_count_for_the_town_and_not_for_its_villages(tree, records):
    period = Period.year(2020)
    with scope(area=tree.district.path):
        town = engine.evaluate("projects.landed", area=tree.town_a, period=period).value
        villages = engine.evaluate_children("projects.landed", area=tree.town_a, period=period)
        own = Project.objects.filter(area=tree.town_a, status__in=["building", "operating"])
    assert own.count() == 1
    assert town == sum(r.value for r in villages.values()) + 1


def test_evaluation_without_a_scope_raises(tree):
    with pytest.raises(ScopeError):
        engine.evaluate("party.members", area=tree.district, period=Period.year(2020))


def test_evaluation_sees_only_records_inside_the_callers_scope(tree, records):
    with scope(area=tree.village_a.path):
        seen = engine.evaluate("party.members", area=tree.district, period=Period.year(2020))
    with scope(area=tree.district.path):
        own = engine.evaluate("party.members", area=tree.village_a, period=Period.year(2020))
    assert seen.value == own.value


def test_result_display_uses_the_units_usual_precision(tree):
    ProjectFactory(
        area=tree.village_a,
        investment=Decimal("12345.67"),
        signed_on=dt.date(2020, 1, 1),
        landed_on=dt.date(2020, 2, 1),
    )
    with scope(area=tree.district.path):
        result = engine.evaluate(
            "projects.investment", area=tree.district, period=Period.year(2020)
        )
    assert result.value == Decimal("1.234567")
    assert result.raw == Decimal("12345.67")
    assert result.display() == "1.23亿元"
    assert result.display("万元") == "12,345.7万元"
    assert result.display_number() == "1.23"


def test_change_without_an_earlier_value_has_no_value(tree):
    profile(tree.village_a, 2020)
    with scope(area=tree.district.path):
        result = engine.evaluate(
            "villages.collective_income_growth", area=tree.district, period=Period.year(2020)
        )
    assert result.value is None
    assert result.display() == "—"


# --- definitions ----------------------------------------------------------------------------------


def test_catalogue_is_ordered_by_code_and_every_indicator_has_a_known_section():
    codes = [i.code for i in engine.catalogue()]
    assert codes == sorted(codes)
    assert {i.section for i in engine.catalogue()} <= set(engine.SECTIONS)


def new_indicator(code, **fields):
    """An indicator not in the catalogue: a count of what is current unless `fields` say
    otherwise, with the labels any indicator needs."""
    count = {"unit": "个", "kind": Kind.COUNT, "semantics": Semantics.CURRENT}
    return Indicator(code=code, name="测试指标", name_en="Test", description="", **count | fields)


def test_register_refuses_a_ratio_of_a_ratio():
    ratio = new_indicator(
        "test.bad_ratio",
        unit="%",
        kind=Kind.RATIO,
        semantics=Semantics.WITHIN_YEAR,
        numerator="villages.weak_share",
        denominator="villages.count",
    )
    with pytest.raises(ValueError, match="must be a registered count"):
        engine.register(ratio)


def test_register_refuses_a_duplicate_code():
    with pytest.raises(ValueError, match="already registered"):
        engine.register(engine.get("party.members"))


def test_register_refuses_a_model_without_a_scoped_manager():
    from xingcun.accounts.models import Membership

    unscoped = new_indicator("test.unscoped", model=Membership, where=lambda p: Q())
    with pytest.raises(ValueError, match="no scoped default manager"):
        engine.register(unscoped)


# --- periods --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "start", "end", "label"),
    [
        ("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020年"),
        ("2020-06", dt.date(2020, 1, 1), dt.date(2020, 6, 30), "截至2020年6月底"),
        ("2024-02", dt.date(2024, 1, 1), dt.date(2024, 2, 29), "截至2024年2月底"),
    ],
)
def test_period_parses_its_token_and_gives_it_back(token, start, end, label):
    period = Period.parse(token)
    assert (period.start, period.end, period.label, str(period)) == (start, end, label, token)


def test_period_parse_accepts_a_one_digit_month():
    assert Period.parse("2020-6") == Period.month_end(2020, 6)


@pytest.mark.parametrize("token", ["20", "2020-13", "2020-00", "1800", "2020/06", "x"])
def test_period_parse_refuses_bad_tokens(token):
    with pytest.raises(ValueError, match=r"期间|年份|月份"):
        Period.parse(token)


def test_previous_year_keeps_the_kind_and_month():
    assert Period.month_end(2024, 2).previous_year() == Period.month_end(2023, 2)
    assert Period.year(2020).previous_year() == Period.year(2019)
