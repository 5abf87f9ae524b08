"""Indicator values against an independent count over the fixture records, for two nodes and two
periods."""

import datetime as dt
from decimal import Decimal

from django_scopes import scope

from xingcun.indicators.engine import Period, drilldown
from xingcun.indicators.tests.support import value
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.vanguard import services
from xingcun.vanguard.models import Result, ScoreEvent


def record(w, member, code, on, source="manual"):
    with scope(area=w.tree.district.path):
        return services.score_event_record(
            member=member, item_code=code, date=on, evidence="事实", recorded_by=w.district,
            source=source,
        )  # fmt: skip


def final_round(w, town, year):
    with scope(area=w.tree.district.path):
        rnd = services.round_compute(town=town, year=year, actor=w.district)
        rnd = services.round_publicise(round=rnd, actor=w.district, start=dt.date(year + 1, 1, 4))
        return services.round_finalise(round=rnd, actor=w.district, today=dt.date(year + 1, 2, 1))


def test_vanguard_figures_match_the_results_for_two_nodes_and_two_years(world):
    w = world
    extra = PartyMemberFactory(area=w.tree.village_b, organisation=w.dave.organisation)
    for day in (dt.date(2019, 3, 1), dt.date(2019, 4, 1), dt.date(2019, 5, 1)):
        record(w, w.alice, "lead_income", day)
    record(w, w.alice, "family_model", dt.date(2019, 6, 1))  # 80 + 9 + 5 = 94: qualified
    record(w, w.bob, "discipline", dt.date(2019, 6, 1))  # 60: warning, follow-up
    record(w, w.dave, "family_tradition", dt.date(2020, 6, 1))
    record(w, extra, "family_model", dt.date(2020, 7, 1))
    for _ in range(3):
        record(w, extra, "lead_income", dt.date(2020, 8, 1))
    record(w, extra, "honour", dt.date(2020, 9, 1))  # 80 + 9 + 5 + 5 = 99 → excellent
    final_round(w, w.tree.town_a, 2019)
    final_round(w, w.tree.town_b, 2020)
    with scope(area=w.tree.district.path):
        services.round_compute(town=w.tree.town_a, year=2020, actor=w.district)  # not final

    results = list(Result._base_manager.select_related("round", "area"))

    def count(area, year, test=lambda r: True):
        return sum(
            1
            for r in results
            if r.round.year == year and r.round.status == "final"
            and r.area.path.startswith(area.path) and test(r)
        )  # fmt: skip

    for area in (w.tree.district, w.tree.town_a):
        for year in (2019, 2020):
            assert value("vanguard.rated", area, year) == count(area, year)
            assert value("vanguard.excellent", area, year) == count(
                area, year, lambda r: r.grade == "excellent"
            )
            assert value("vanguard.follow_up", area, year) == count(
                area, year, lambda r: r.follow_up
            )
            assert value("vanguard.family_members", area, year) == count(
                area, year, lambda r: r.family_points > 0
            )
    assert value("vanguard.rated", w.tree.district, 2019) == 3
    assert value("vanguard.rated", w.tree.town_a, 2020) == 0  # computed, not final
    assert value("vanguard.excellent", w.tree.district, 2020) == 1
    assert value("vanguard.follow_up", w.tree.district, 2019) == 1
    scores = [r.score for r in results if r.round.year == 2019]
    assert value("vanguard.average_score", w.tree.district, 2019) == sum(scores) / len(scores)


def test_good_family_events_count_approved_events_and_drill_down_to_them(world):
    w = world
    first = record(w, w.alice, "family_model", dt.date(2019, 6, 1))
    record(w, w.dave, "family_tradition", dt.date(2020, 6, 1))
    record(w, w.carol, "family_tradition", dt.date(2020, 6, 2))
    record(w, w.carol, "volunteer", dt.date(2020, 6, 3))  # not 好家风
    with scope(area=w.tree.village_a.path):
        services.score_event_record(
            member=w.alice, item_code="family_tradition", date=dt.date(2020, 7, 1),
            evidence="待审核", recorded_by=w.village, source="manual",
        )  # fmt: skip
    with scope(area=w.tree.district.path):
        services.score_event_correct(
            event=first, points=Decimal(0), reason="重复", recorded_by=w.town
        )
    events = ScoreEvent._base_manager.select_related("item", "area", "approval")

    def count(area, year):
        return sum(
            1
            for e in events
            if e.date.year == year and e.item.group == "family" and e.item.kind == "bonus"
            and e.area.path.startswith(area.path) and e.is_effective_approval()
            and not ScoreEvent._base_manager.filter(corrects=e).exists()
        )  # fmt: skip

    for area in (w.tree.district, w.tree.town_a):
        for year in (2019, 2020):
            assert value("vanguard.family_events", area, year) == count(area, year)
    assert value("vanguard.family_events", w.tree.district, 2019) == 1  # the correction itself
    assert value("vanguard.family_events", w.tree.district, 2020) == 2
    with scope(area=w.tree.town_b.path):
        rows = list(
            drilldown("vanguard.family_events", area=w.tree.town_b, period=Period.year(2020))
        )
    assert [e.member for e in rows] == [w.dave]
