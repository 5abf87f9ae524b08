"""Indicator values against an independent count over fixture records, for two nodes and two
periods."""

from __future__ import annotations

import datetime as dt

import pytest

from xingcun.competitions.tests.factories import (
    CompetitionEntryFactory,
    PartyGroupFactory,
    TemporaryBranchFactory,
)
from xingcun.indicators.tests.support import independent_count_test
from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory

D = dt.date


@pytest.fixture
def data(tree):
    houlang = TemporaryBranchFactory(area=tree.town_a, founded_on=D(2020, 5, 4))
    xinnongren = TemporaryBranchFactory(area=tree.town_b, founded_on=D(2019, 3, 15))
    taobao = OrganisationFactory(
        area=tree.village_a, category="functional", founded_on=D(2016, 6, 18)
    )
    groups = [
        PartyGroupFactory(area=tree.town_a, parent=houlang, founded_on=D(2020, 5, 4)),
        PartyGroupFactory(area=tree.town_a, parent=houlang, founded_on=D(2020, 7, 1)),
        PartyGroupFactory(area=tree.town_b, parent=xinnongren, founded_on=D(2019, 4, 1),
                          dissolved_on=D(2020, 3, 1)),
        PartyGroupFactory(area=tree.village_a, parent=taobao, category="functional",
                          founded_on=D(2017, 1, 1)),
        OrganisationFactory(area=tree.village_a, kind="group", founded_on=D(2010, 1, 1)),
    ]  # fmt: skip
    entries = [
        CompetitionEntryFactory(area=tree.town_a, group=groups[0], competition__branch=houlang,
                                achieved_on=D(2020, 6, 10)),
        CompetitionEntryFactory(area=tree.town_a, group=groups[0], competition__branch=houlang,
                                achieved_on=D(2020, 8, 10)),
        CompetitionEntryFactory(area=tree.town_a, group=groups[1], competition__branch=houlang,
                                achieved_on=D(2020, 9, 1), voided_at="2020-09-02T00:00:00Z",
                                void_reason="重复"),
    ]  # fmt: skip
    return [houlang, xinnongren, taobao, *groups], entries


def exists(org, end):
    return (org.founded_on is None or org.founded_on <= end) and (
        org.dissolved_on is None or org.dissolved_on > end
    )


def expected(orgs, entries, node, period):
    end = period.end
    under = [o for o in orgs if o.area.path.startswith(node.path) and exists(o, end)]
    return {
        "competitions.temporary_branches": len(
            [o for o in under if o.category == "temporary" and o.kind != "group"]
        ),
        "competitions.temporary_groups": len(
            [
                o
                for o in under
                if o.kind == Organisation.Kind.GROUP
                and o.parent is not None
                and o.parent.category == "temporary"
            ]
        ),
        "competitions.entries": len(
            [
                e
                for e in entries
                if e.area.path.startswith(node.path)
                and e.voided_at is None
                and period.start <= e.achieved_on <= end
            ]
        ),
    }


test_indicators_match_an_independent_count = independent_count_test(expected)
