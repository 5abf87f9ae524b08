"""Editing data-quality rules in a page: rules are data, versioned by year. District staff add a
rule, correct a version, or start a new version from a year (the old one then ends the year
before); every change is audited; other roles read the rules only; checks of a year use the
version valid in that year."""

from __future__ import annotations

from django_scopes import scope, scopes_disabled

from xingcun.core import datasets
from xingcun.core.models import AuditEntry
from xingcun.core.periods import parse
from xingcun.core.permissions import Role
from xingcun.reporting import quality
from xingcun.reporting.models import QualityRule
from xingcun.reporting.tests.factories import profile

FORM = {
    "dataset": "villages.profile",
    "name": "户数不超过户籍人口",
    "kind": "compare",
    "left": "households",
    "op": "<=",
    "right": "population",
    "threshold": "",
    "severity": "block",
    "valid_from": "2017",
    "valid_to": "",
}


def _rule(tree, **kw):
    data = {**FORM, "valid_from": 2017, "valid_to": None, "threshold": None, **kw}
    with scopes_disabled():  # fixture rule set at the district
        return QualityRule.objects.create(area=tree.district, **data)


def _rules():
    with scopes_disabled():  # reading back what the pages wrote
        return list(QualityRule.objects.order_by("valid_from", "id"))


def _actions(rule):
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(model="reporting.qualityrule", object_id=str(rule.pk))
            .order_by("id")
            .values_list("action", flat=True)
        )


def test_district_creates_a_rule_from_the_list_page(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    r = client.post("/reporting/rules/", FORM)
    assert r.status_code == 302
    (rule,) = _rules()
    assert (rule.area, rule.left, rule.valid_from, rule.valid_to) == (
        tree.district,
        "households",
        2017,
        None,
    )
    assert _actions(rule) == ["quality_rule.created"]
    html = client.get("/reporting/rules/").content.decode()
    assert f"/reporting/rules/{rule.pk}/edit/" in html
    assert f"/reporting/rules/{rule.pk}/version/" in html


def test_unknown_figure_is_refused_naming_the_field(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    r = client.post("/reporting/rules/", {**FORM, "right": "population + nonsense"})
    assert r.status_code == 200
    assert "“nonsense”不是“村情年度档案”的指标" in r.content.decode()
    assert _rules() == []


def test_edit_corrects_a_version_in_place_and_is_audited(tree, client_as):
    rule = _rule(tree, severity="explain")
    client = client_as(Role.DISTRICT, tree.district)
    assert client.get(f"/reporting/rules/{rule.pk}/edit/").status_code == 200
    r = client.post(f"/reporting/rules/{rule.pk}/edit/", {**FORM, "severity": "block"})
    assert r.status_code == 302
    (stored,) = _rules()
    assert stored.severity == "block"
    assert _actions(rule) == ["quality_rule.updated"]
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="quality_rule.updated")
    assert entry.changes["severity"] == ["explain", "block"]


def test_new_version_ends_the_old_one_the_year_before(tree, client_as):
    rule = _rule(tree, kind="yoy", left="collective_income", op="", right="", threshold=50)
    client = client_as(Role.DISTRICT, tree.district)
    page = client.get(f"/reporting/rules/{rule.pk}/version/")
    assert page.status_code == 200
    data = {**FORM, "kind": "yoy", "left": "collective_income", "op": "", "right": ""}
    data.update(threshold="30", severity="explain", valid_from="2021", name="改名无效")
    r = client.post(f"/reporting/rules/{rule.pk}/version/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    old, new = _rules()
    assert (old.pk, old.valid_from, old.valid_to) == (rule.pk, 2017, 2020)
    assert (new.valid_from, new.valid_to, new.threshold, new.name) == (2021, None, 30, old.name)
    assert _actions(old) == ["quality_rule.updated"]
    assert _actions(new) == ["quality_rule.versioned"]
    # each year is checked by the version valid in it
    for year, income in ((2019, 100), (2020, 140), (2021, 200)):  # total = income + 20
        profile(tree.village_a, year=year, operating_income=income)
    dataset = datasets.get("villages.profile")
    with scope(area=tree.village_a.path):
        in_2020 = quality.check(dataset=dataset, area=tree.village_a, period=parse("2020"))
        in_2021 = quality.check(dataset=dataset, area=tree.village_a, period=parse("2021"))
    assert in_2020 == []  # 120 → 160, +33% is within the old version's 50%
    assert [f.rule for f in in_2021] == [new.pk]  # 160 → 220, +37.5% is beyond 30%


def test_versions_of_one_rule_may_not_overlap(tree, client_as):
    rule = _rule(tree, valid_to=2019)
    _rule(tree, valid_from=2021)
    client = client_as(Role.DISTRICT, tree.district)
    r = client.post(f"/reporting/rules/{rule.pk}/edit/", {**FORM, "valid_to": "2022"})
    assert r.status_code == 200
    assert "重叠" in r.content.decode()
    assert _rules()[0].valid_to == 2019
    r = client.post(f"/reporting/rules/{rule.pk}/version/", {**FORM, "valid_from": "2017"})
    assert "新版本的起始年度应晚于" in r.content.decode()
    assert len(_rules()) == 2


def test_only_district_staff_edit_and_only_their_own_rules(tree, client_as, make_user):
    rule = _rule(tree)
    for role, area in ((Role.TOWN, tree.town_a), (Role.VILLAGE, tree.village_a)):
        client = client_as(role, area)
        assert client.get("/reporting/rules/").status_code == 200
        assert (
            f"/reporting/rules/{rule.pk}/edit/"
            not in client.get("/reporting/rules/").content.decode()
        )
        assert client.post(f"/reporting/rules/{rule.pk}/edit/", FORM).status_code == 403
        assert client.post(f"/reporting/rules/{rule.pk}/version/", FORM).status_code == 403
        assert client.post("/reporting/rules/", FORM).status_code == 404
    with scopes_disabled():  # a rule some town had set before (read from the list, not edited)
        town_rule = QualityRule.objects.create(
            area=tree.town_a, **{**FORM, "valid_from": 2017, "valid_to": None, "threshold": None}
        )
    client = client_as(Role.DISTRICT, tree.district)
    assert client.get(f"/reporting/rules/{town_rule.pk}/edit/").status_code == 404
    assert [r.severity for r in _rules()] == ["block", "block"]
