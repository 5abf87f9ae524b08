from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django_scopes import scope, scopes_disabled

from xingcun.people.tests.factories import PersonFactory
from xingcun.secretaries import selectors, services
from xingcun.secretaries.models import AssessmentScheme, FirstSecretary, WeakCohortVillage
from xingcun.secretaries.tests.factories import (
    FirstSecretaryFactory,
    WeakRemovalPlanFactory,
)
from xingcun.villages.tests.factories import income_profile, weak_rule

D = dt.date


def post(tree, person, started_on, sending_unit="x"):
    """Post `person` to village_b as the district office would."""
    with scope(area=tree.district.path):
        return services.secretary_post(
            village=tree.village_b,
            person=person,
            sending_unit=sending_unit,
            started_on=started_on,
            by=None,
        )


def test_secretary_is_posted_and_audited(tree):
    person = PersonFactory(area=tree.village_a)
    posting = post(tree, person, D(2019, 1, 1), sending_unit="区财政局")
    assert posting.area == tree.village_b


def test_secretary_cannot_serve_two_villages_at_once(tree):
    first = FirstSecretaryFactory(
        area=tree.village_a, started_on=D(2018, 1, 1), ended_on=D(2019, 12, 31)
    )
    with pytest.raises(ValidationError, match="任职时间不能重叠"):
        post(tree, first.person, D(2019, 6, 1))
    with scopes_disabled():
        assert FirstSecretary.objects.count() == 1


def test_open_ended_posting_blocks_any_later_start(tree):
    first = FirstSecretaryFactory(area=tree.village_a, started_on=D(2018, 1, 1))
    with pytest.raises(ValidationError, match="至今"):
        post(tree, first.person, D(2021, 1, 1))


def test_consecutive_postings_are_allowed(tree):
    first = FirstSecretaryFactory(
        area=tree.village_a, started_on=D(2018, 1, 1), ended_on=D(2019, 12, 31)
    )
    post(tree, first.person, D(2020, 1, 1))


def test_database_refuses_two_postings_starting_the_same_day(tree):
    first = FirstSecretaryFactory(area=tree.village_a)
    with scopes_disabled(), pytest.raises(IntegrityError):
        FirstSecretary.objects.create(
            area=tree.village_b, person=first.person, sending_unit="x", started_on=first.started_on
        )


def test_assessment_total_and_grade_follow_the_scheme_of_the_year(tree):
    secretary = FirstSecretaryFactory(area=tree.village_a)
    with scopes_disabled():
        services.assessment_scheme_ensure_default(district=tree.district)
        AssessmentScheme.objects.filter(area=tree.district).update(valid_to=2019)
        AssessmentScheme.objects.create(
            area=tree.district,
            name="新",
            valid_from=2020,
            excellent_from=95,
            competent_from=80,
            basic_from=60,
        )
    with scope(area=tree.district.path):
        a2019, a2020 = (
            services.assessment_record(
                secretary=secretary,
                year=year,
                town_score=Decimal(65),
                mass_score=Decimal(18),
                team_score=Decimal(9),
                by=None,
            )
            for year in (2019, 2020)
        )
    assert (a2019.total, a2019.grade) == (Decimal(92), "excellent")
    assert (a2020.total, a2020.grade) == (Decimal(92), "competent")


def test_assessment_score_above_the_part_maximum_is_refused(tree):
    secretary = FirstSecretaryFactory(area=tree.village_a)
    with scopes_disabled():
        services.assessment_scheme_ensure_default(district=tree.district)
    with scope(area=tree.district.path), pytest.raises(ValidationError, match="0到20"):
        services.assessment_record(
            secretary=secretary,
            year=2019,
            town_score=Decimal(60),
            mass_score=Decimal(25),
            team_score=Decimal(5),
            by=None,
        )


@pytest.fixture
def cohort(tree):
    """2017 rule 10/5 until 2019, then a stricter 2020 line of 20/10.
    village_a: weak 2017, recovers 2018 (first year). village_a2: weak 2017–2018, recovers 2019.
    village_b: weak 2017, fine in 2019 (8 operating), weak again under the 2020 line — left in 2019.
    village_b2: never weak."""
    weak_rule(tree.district, 2017, 2019, 10, 5)
    weak_rule(tree.district, 2020, None, 20, 10)
    for year, a, a2, b, b2 in [
        (2017, 2, 2, 2, 30),
        (2018, 6, 3, 3, 30),
        (2019, 7, 6, 8, 30),
        (2020, 12, 12, 8, 30),
    ]:
        income_profile(tree.village_a, year, Decimal(a), debt=Decimal(100 - 10 * (year - 2017)))
        income_profile(tree.village_a2, year, Decimal(a2), debt=Decimal(50))
        income_profile(tree.village_b, year, Decimal(b), debt=Decimal(30 if year == 2017 else 10))
        income_profile(tree.village_b2, year, Decimal(b2), debt=Decimal(0))
    return WeakRemovalPlanFactory(area=tree.district, baseline_year=2017)


def test_refresh_records_the_cohort_and_the_exit_years(tree, cohort):
    with scope(area=tree.district.path):
        services.weak_cohort_refresh(plan=cohort, by=None)
        exits = dict(WeakCohortVillage.objects.values_list("area__name", "exit_year"))
        summary = selectors.plan_summary(plan=cohort)
    assert exits == {"白牛村委会": 2018, "石铺村委会": 2019, "玉屏村委会": 2019}
    assert (summary.cohort, summary.left_first_year, summary.all_removed_year) == (3, 1, 2019)
    assert summary.debt_before == Decimal(60)  # (100 + 50 + 30) / 3
    assert summary.after_year == 2020
    assert summary.debt_after == Decimal(130) / 3  # (70 + 50 + 10) / 3


def test_refresh_is_idempotent_and_follows_changed_profiles(tree, cohort):
    with scope(area=tree.district.path):
        services.weak_cohort_refresh(plan=cohort, by=None)
        with scopes_disabled():
            from xingcun.villages.models import VillageProfile

            VillageProfile.objects.filter(area=tree.village_a2, year=2019).update(
                operating_income=1
            )
        services.weak_cohort_refresh(plan=cohort, by=None)
        exits = dict(WeakCohortVillage.objects.values_list("area__name", "exit_year"))
    assert exits["石铺村委会"] == 2020
    assert len(exits) == 3


def test_remaining_village_leaves_no_all_removed_year(tree, cohort):
    with scopes_disabled():
        from xingcun.villages.models import VillageProfile

        VillageProfile.objects.filter(area=tree.village_a2, year__gte=2018).update(
            operating_income=1
        )
    with scope(area=tree.district.path):
        services.weak_cohort_refresh(plan=cohort, by=None)
        summary = selectors.plan_summary(plan=cohort)
    assert (summary.remaining, summary.all_removed_year) == (1, None)
