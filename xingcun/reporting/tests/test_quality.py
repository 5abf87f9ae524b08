"""Data-quality rules (comparisons, year-on-year change, distance from the town's median): a
block finding stops submission, an explain finding needs an explanation that reviewers see."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from xingcun.core import datasets
from xingcun.core.periods import parse
from xingcun.core.permissions import Role
from xingcun.core.tests.factories import child_area
from xingcun.reporting import quality, services
from xingcun.reporting.tests.factories import (
    QualityRuleFactory,
    instance_of,
    profile,
    profile_task,
)


def rule(tree, **kw):
    """A quality rule of the district unless `kw` names another area."""
    return QualityRuleFactory(**{"area": tree.district} | kw)


def findings(tree, village, year=2020):
    with scope(area=village.path):
        return quality.check(
            dataset=datasets.get("villages.profile"), area=village, period=parse(str(year))
        )


def test_compare_rule_flags_households_above_population(tree):
    rule(tree, kind="compare", left="households", op="<=", right="population", name="户数≤人口")
    profile(tree.village_a, population=100, households=120)
    found = findings(tree, tree.village_a)
    assert [f.name for f in found] == ["户数≤人口"]
    assert "户数（120）应≤户籍人口（100）" in found[0].message


def test_sum_of_parts_on_either_side(tree):
    rule(
        tree,
        kind="compare",
        left="operating_income + contract_income + investment_income",
        op="=",
        right="operating_like_income",
    )
    profile(tree.village_a)
    assert findings(tree, tree.village_a) == []


def test_party_members_not_above_population(tree):
    from xingcun.people.tests.factories import PartyMemberFactory

    rule(tree, kind="compare", left="party_members", op="<=", right="population")
    profile(tree.village_a, population=2)
    for _ in range(3):
        PartyMemberFactory(area=tree.village_a)
    assert len(findings(tree, tree.village_a)) == 1


def test_rule_outside_its_years_does_not_apply(tree):
    rule(tree, kind="compare", left="households", op="<=", right="population", valid_to=2019)
    profile(tree.village_a, population=100, households=120)
    assert findings(tree, tree.village_a) == []


def test_town_rule_applies_only_in_its_town(tree):
    rule(tree, area=tree.town_b, kind="compare", left="households", op="<=", right="population")
    profile(tree.village_a, population=100, households=120)
    profile(tree.village_b, population=100, households=120)
    assert findings(tree, tree.village_a) == []
    assert len(findings(tree, tree.village_b)) == 1


def test_year_on_year_change_beyond_threshold(tree):
    rule(tree, kind="yoy", left="collective_income", threshold=Decimal(50), severity="explain")
    profile(tree.village_a, year=2019, operating_income=Decimal(10))  # total 30
    profile(tree.village_a, year=2020, operating_income=Decimal(40))  # total 60: +100%
    profile(tree.village_a2, year=2019, operating_income=Decimal(10))
    profile(tree.village_a2, year=2020, operating_income=Decimal(15))  # 35: +16.7%
    found = findings(tree, tree.village_a)
    assert len(found) == 1
    assert "+100.0%" in found[0].message
    assert findings(tree, tree.village_a2) == []


def test_outlier_far_from_town_median(tree):
    # two more villages in town A for a median of four peers
    extra = [child_area(tree.town_a, code) for code in ("330112108232", "330112108233")]
    rule(tree, kind="outlier", left="per_capita_income", threshold=Decimal(3), severity="explain")
    for v in (tree.village_a2, *extra):
        profile(v, per_capita_income=Decimal(30000))
    profile(tree.village_a, per_capita_income=Decimal(150000))
    found = findings(tree, tree.village_a)
    assert len(found) == 1
    assert "中位数" in found[0].message
    assert findings(tree, tree.village_a2) == []


def test_block_finding_stops_submission(tree):
    rule(tree, kind="compare", left="households", op="<=", right="population")
    profile(tree.village_a, population=100, households=120)
    instance = instance_of(profile_task(tree), tree.village_a)
    with scope(area=tree.village_a.path), pytest.raises(ValidationError) as e:
        services.instance_submit(instance=instance, actor=None, role=Role.VILLAGE)
    assert "户数（120）" in str(e.value)


def test_explain_finding_needs_an_explanation_which_is_kept_for_the_reviewer(tree, client_as):
    r = rule(tree, kind="yoy", left="collective_income", threshold=Decimal(50), severity="explain")
    profile(tree.village_a, year=2019, operating_income=Decimal(10))
    profile(tree.village_a, year=2020, operating_income=Decimal(40))
    instance = instance_of(profile_task(tree), tree.village_a)
    with scope(area=tree.village_a.path):
        with pytest.raises(ValidationError) as e:
            services.instance_submit(instance=instance, actor=None, role=Role.VILLAGE)
        assert "请填写说明" in str(e.value)
        instance = services.instance_submit(
            instance=instance,
            actor=None,
            role=Role.VILLAGE,
            explanations={str(r.pk): "新建民宿项目当年投产"},
        )
    assert instance.explanations == {str(r.pk): "新建民宿项目当年投产"}
    page = client_as(Role.TOWN, tree.town_a).get(f"/reporting/instances/{instance.pk}/")
    html = page.content.decode()
    assert "新建民宿项目当年投产" in html
    assert "+100.0%" in html


def test_default_rules_are_created_once(tree):
    with scope(area=tree.district.path):
        assert services.rules_ensure_default(district=tree.district) == 6
        assert services.rules_ensure_default(district=tree.district) == 0


def test_rule_with_an_unknown_figure_is_refused(tree, make_user):
    with scope(area=tree.district.path), pytest.raises(ValidationError) as e:
        services.rule_create(
            actor=make_user(Role.DISTRICT, tree.district),
            area=tree.district,
            values={
                "dataset": "villages.profile",
                "name": "x",
                "kind": "compare",
                "left": "income",
                "op": "<=",
                "right": "population",
                "severity": "block",
                "valid_from": 2020,
            },
        )
    assert "“income”不是" in str(e.value)
