"""The indicator engine's approval status of a figure, told by the work cycle: final when every
village under the node has its report of the figure's data sets for the period accepted,
provisional otherwise; none for figures not reported through a task."""

from __future__ import annotations

from django_scopes import scope, scopes_disabled

from xingcun.core.permissions import Role
from xingcun.indicators import engine
from xingcun.indicators.engine import Approval, Period
from xingcun.reporting import services
from xingcun.reporting.models import TaskInstance
from xingcun.reporting.tests.factories import instance_of, profile, profile_task

Y2020 = Period.year(2020)


def _accept(task, *villages):
    with scopes_disabled():  # fixture: the state the review steps leave behind
        TaskInstance.objects.filter(task=task, area__in=villages).update(
            status=TaskInstance.Status.ACCEPTED
        )


def _status(tree, code, area, period=Y2020):
    with scope(area=tree.district.path):
        return engine.approval_of(code, area=area, period=period)


def _all_profiles(tree, year=2020):
    for v in (tree.village_a, tree.village_a2, tree.village_b, tree.village_b2):
        profile(v, year=year)


def test_figures_of_unreported_records_have_no_status(tree):
    _all_profiles(tree)
    profile_task(tree)
    assert _status(tree, "villages.count", tree.district) is None
    assert _status(tree, "party.organisations", tree.district) is None


def test_figure_is_provisional_until_every_contributing_village_is_accepted(tree):
    _all_profiles(tree)
    code = "villages.collective_income"
    assert _status(tree, code, tree.district) == Approval.PROVISIONAL  # no task at all
    task = profile_task(tree)
    assert _status(tree, code, tree.district) == Approval.PROVISIONAL
    _accept(task, tree.village_a, tree.village_a2)
    assert _status(tree, code, tree.village_a) == Approval.FINAL
    assert _status(tree, code, tree.town_a) == Approval.FINAL
    assert _status(tree, code, tree.town_b) == Approval.PROVISIONAL
    assert _status(tree, code, tree.district) == Approval.PROVISIONAL
    _accept(task, tree.village_b, tree.village_b2)
    assert _status(tree, code, tree.district) == Approval.FINAL
    # a year whose reports were not accepted stays provisional
    assert _status(tree, code, tree.district, Period.year(2019)) == Approval.PROVISIONAL


def test_return_from_above_makes_the_figure_provisional_again(tree):
    _all_profiles(tree)
    task = profile_task(tree)
    _accept(task, tree.village_a, tree.village_a2, tree.village_b, tree.village_b2)
    code = "villages.collective_income"
    assert _status(tree, code, tree.district) == Approval.FINAL
    instance = instance_of(task, tree.village_b)
    with scope(area=tree.district.path):
        services.instance_return(instance=instance, actor=None, role=Role.DISTRICT, reason="复核")
    assert _status(tree, code, tree.district) == Approval.PROVISIONAL
    assert _status(tree, code, tree.town_a) == Approval.FINAL


def test_ratio_reads_only_its_reported_part_and_change_needs_both_years(tree):
    _all_profiles(tree, 2019)
    _all_profiles(tree, 2020)
    task = profile_task(tree)
    villages = (tree.village_a, tree.village_a2, tree.village_b, tree.village_b2)
    _accept(task, *villages)
    # weak villages / villages: the count of areas is not reported, the profiles are
    assert _status(tree, "villages.weak_share", tree.district) == Approval.FINAL
    # growth on the year reads 2019 too, whose reports were never accepted
    growth = "villages.collective_income_growth"
    assert _status(tree, growth, tree.district) == Approval.PROVISIONAL
    earlier = profile_task(tree, year=2019, today=None)
    _accept(earlier, *villages)
    assert _status(tree, growth, tree.district) == Approval.FINAL


def test_grid_results_carry_the_same_status_for_every_node(tree):
    _all_profiles(tree)
    task = profile_task(tree)
    _accept(task, tree.village_a, tree.village_a2)
    codes = ["villages.collective_income", "villages.count"]
    with scope(area=tree.district.path):
        grid = engine.evaluate_grid(
            area=tree.district, periods=[Y2020], codes=codes, levels=(4,), approval=True
        )["2020"]
        plain = engine.evaluate_grid(area=tree.district, periods=[Y2020], codes=codes, levels=(4,))
    income = grid["villages.collective_income"]
    assert income[tree.town_a.code].final
    assert income[tree.town_b.code].provisional
    assert income[tree.district.code].provisional
    assert all(r.approval is None for r in grid["villages.count"].values())
    assert all(r.approval is None for r in plain["2020"]["villages.collective_income"].values())


def _card(tree, code):
    from xingcun.indicators import selectors

    with scope(area=tree.district.path):
        board = selectors.dashboard(area=tree.district, year=2020)
    cards = [c for _, section in board.sections for c in section]
    return next(c.result for c in cards if c.result.indicator.code == code)


def test_report_page_and_dashboard_say_final_or_provisional(tree, client_as):
    _all_profiles(tree)
    task = profile_task(tree)
    client = client_as(Role.DISTRICT, tree.district)
    html = client.get(f"/reports/r/{tree.district.code}/2020/").content.decode()
    assert 'data-approval="provisional"' in html
    assert "初步数" in html
    board = client.get("/indicators/?year=2020").content.decode()
    assert 'data-approval="provisional"' in board
    assert 'data-approval="final"' not in board
    assert _card(tree, "villages.collective_income").provisional
    _accept(task, tree.village_a, tree.village_a2, tree.village_b, tree.village_b2)
    html = client.get(f"/reports/r/{tree.district.code}/2020/").content.decode()
    assert 'id="approval-status" data-approval="final"' in html
    board = client.get("/indicators/?year=2020").content.decode()
    assert 'data-approval="final"' in board
    assert _card(tree, "villages.collective_income").final
    # growth on 2019, whose reports were never accepted, stays provisional on the same page
    assert _card(tree, "villages.collective_income_growth").provisional
    # a town whose villages are all accepted is final while the district is not
    _accept_none = TaskInstance.Status.APPROVED
    with scopes_disabled():
        TaskInstance.objects.filter(task=task, area=tree.village_b).update(status=_accept_none)
    town = client_as(Role.TOWN, tree.town_a).get(f"/reports/r/{tree.town_a.code}/2020/")
    assert 'id="approval-status" data-approval="final"' in town.content.decode()
    html = client.get(f"/reports/r/{tree.district.code}/2020/").content.decode()
    assert 'id="approval-status" data-approval="provisional"' in html


def test_town_and_district_homes_show_key_figures_with_their_status(tree, client_as):
    _all_profiles(tree, 2019)
    _all_profiles(tree, 2020)
    task = profile_task(tree)
    _accept(task, tree.village_a, tree.village_a2)
    town = client_as(Role.TOWN, tree.town_a).get("/").content.decode()
    district = client_as(Role.DISTRICT, tree.district).get("/").content.decode()
    assert "昌化镇</a>概况（2020年）" in town
    assert "临安区概况（2020年）" in district  # the district has no 360° page of its own
    # each village: 20 + 5 + 5 + 10 = 40万元; two in the town, four in the district
    assert "<dd>80.0万元" in town
    assert "<dd>160.0万元" in district
    glance = town.split('id="glance"', 1)[1].split("</dl>", 1)[0]
    assert 'data-approval="final"' in glance
    glance = district.split('id="glance"', 1)[1].split("</dl>", 1)[0]
    assert 'data-approval="provisional"' in glance
    assert 'data-approval="final"' not in glance
