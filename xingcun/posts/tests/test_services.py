from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xingcun.core.models import AuditEntry
from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
from xingcun.posts import registries, selectors, services
from xingcun.posts.models import HelpLog, HouseholdPairing, PostAssignment, PostReview, PostType
from xingcun.posts.tests.factories import (
    HouseholdPairingFactory,
    PostAssignmentFactory,
    PostFactory,
    PostRuleFactory,
    PostTypeFactory,
)

pytestmark = pytest.mark.usefixtures("in_district")
Status = PostAssignment.Status
DAY = dt.date(2020, 3, 10)


def _refresh(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


def test_defaults_create_the_ten_typical_posts_once(tree):
    services.defaults_ensure(district=tree.district)
    services.defaults_ensure(district=tree.district)
    assert PostType._base_manager.count() == 10
    assert selectors.publicity_days_for(area=tree.village_a, year=2020) == 5


def test_member_without_office_applies(tree, member_user):
    user, member = member_user
    post = PostFactory(area=tree.village_a)
    assignment = services.assignment_apply(post=post, member=member, by=user, on=DAY)
    assert assignment.status == Status.APPLIED
    assert AuditEntry._base_manager.filter(action="post-assignments.applied").exists()


def test_member_holding_an_office_cannot_apply_and_nothing_is_saved(tree, clerk):
    officer = PartyMemberFactory(area=tree.village_a, holds_office=True, category="A")
    post = PostFactory(area=tree.village_a)
    with pytest.raises(ValidationError, match="担任村\\(社区\\)职务"):
        services.assignment_apply(post=post, member=officer, by=clerk, on=DAY)
    assert not PostAssignment._base_manager.exists()


def test_member_cannot_apply_twice_for_the_same_post(tree, member_user):
    user, member = member_user
    post = PostFactory(area=tree.village_a)
    services.assignment_apply(post=post, member=member, by=user, on=DAY)
    with pytest.raises(ValidationError, match="已选报"):
        services.assignment_apply(post=post, member=member, by=user, on=DAY)
    assert PostAssignment._base_manager.count() == 1


def test_member_cannot_apply_for_another_villages_post(tree, member_user):
    user, member = member_user
    post = PostFactory(area=tree.village_a2)
    with pytest.raises(ValidationError, match="本村"):
        services.assignment_apply(post=post, member=member, by=user, on=DAY)


def test_a_closed_post_takes_no_applications(tree, member_user):
    user, member = member_user
    post = PostFactory(area=tree.village_a, closed_on=dt.date(2020, 3, 5))
    with pytest.raises(ValidationError, match="未开放"):
        services.assignment_apply(post=post, member=member, by=user, on=DAY)


def test_assign_publicises_for_the_days_of_the_rule(tree, clerk):
    PostRuleFactory(area=tree.district, publicity_days=7)
    assignment = PostAssignmentFactory(area=tree.village_a)
    services.assignment_assign(assignment=assignment, by=clerk, on=DAY)
    assignment = _refresh(assignment)
    assert assignment.status == Status.PUBLICISED
    assert assignment.publicity_ends_on == DAY + dt.timedelta(days=7)


def test_assign_refuses_a_member_who_took_an_office_meanwhile(tree, clerk):
    assignment = PostAssignmentFactory(area=tree.village_a)
    type(assignment.member)._base_manager.filter(pk=assignment.member_id).update(
        holds_office=True, category="A"
    )
    with pytest.raises(ValidationError, match="担任村"):
        services.assignment_assign(assignment=_refresh(assignment), by=clerk, on=DAY)
    assert _refresh(assignment).status == Status.APPLIED


def test_assign_refuses_beyond_the_seats(tree, clerk):
    post = PostFactory(area=tree.village_a, seats=1)
    PostAssignmentFactory(area=tree.village_a, post=post, on_duty=True)
    second = PostAssignmentFactory(area=tree.village_a, post=post)
    with pytest.raises(ValidationError, match="已经定满"):
        services.assignment_assign(assignment=second, by=clerk, on=DAY)


def test_start_waits_for_the_end_of_publicity(tree, clerk):
    assignment = PostAssignmentFactory(area=tree.village_a)
    services.assignment_assign(assignment=assignment, by=clerk, on=DAY)
    with pytest.raises(ValidationError, match="公示期至"):
        services.assignment_start(assignment=assignment, by=clerk, on=DAY + dt.timedelta(days=5))
    services.assignment_start(assignment=assignment, by=clerk, on=DAY + dt.timedelta(days=6))
    assert _refresh(assignment).status == Status.ON_DUTY


def test_start_due_starts_everyone_whose_publicity_ended(tree, clerk):
    due = PostAssignmentFactory(area=tree.village_a)
    services.assignment_assign(assignment=due, by=clerk, on=dt.date(2020, 3, 3))
    fresh = PostAssignmentFactory(area=tree.village_a)
    services.assignment_assign(assignment=fresh, by=clerk, on=DAY)
    assert services.assignments_start_due(by=clerk, on=dt.date(2020, 3, 12)) == 1
    assert _refresh(due).status == Status.ON_DUTY
    assert _refresh(fresh).status == Status.PUBLICISED


def test_decline_upholds_an_objection_during_publicity(tree, clerk):
    assignment = PostAssignmentFactory(area=tree.village_a)
    services.assignment_assign(assignment=assignment, by=clerk, on=DAY)
    with pytest.raises(ValidationError, match="原因"):
        services.assignment_decline(assignment=assignment, by=clerk, reason="")
    services.assignment_decline(
        assignment=assignment, by=clerk, reason="公示期间群众反映不在村居住"
    )
    assert _refresh(assignment).status == Status.DECLINED


def test_end_needs_a_member_on_duty(tree, clerk):
    assignment = PostAssignmentFactory(area=tree.village_a)
    with pytest.raises(ValidationError, match="在岗"):
        services.assignment_end(assignment=assignment, by=clerk, reason="外出务工", on=DAY)
    on_duty = PostAssignmentFactory(area=tree.village_a, on_duty=True)
    services.assignment_end(assignment=on_duty, by=clerk, reason="外出务工", on=DAY)
    assert _refresh(on_duty).ended_on == DAY


def test_review_once_a_year(tree, clerk):
    assignment = PostAssignmentFactory(area=tree.village_a, on_duty=True)

    def review(grade, on):
        services.review_record(
            assignment=assignment, year=2020, grade=grade, summary="", by=clerk, on=on
        )

    review("excellent", dt.date(2020, 12, 20))
    with pytest.raises(ValidationError, match="已经完成"):
        review("competent", dt.date(2020, 12, 21))
    assert PostReview._base_manager.get().grade == "excellent"


def test_review_refuses_a_year_before_duty(tree, clerk):
    assignment = PostAssignmentFactory(area=tree.village_a, on_duty=True)
    with pytest.raises(ValidationError, match="未在该岗位上岗"):
        services.review_record(
            assignment=assignment, year=2019, grade="competent", summary="", by=clerk
        )


def test_pairing_with_a_household_that_is_not_flagged_is_refused(tree):
    member = PartyMemberFactory(area=tree.village_a)
    plain = HouseholdFactory(area=tree.village_a)
    pairing = HouseholdPairing(
        area=tree.village_a,
        member=member,
        household=plain,
        kind=HouseholdPairing.Kind.DEMONSTRATION,
        started_on=DAY,
    )
    with pytest.raises(ValidationError, match="不是示范户"):
        pairing.full_clean()


def test_member_logs_help_for_a_paired_household(tree, member_user):
    user, member = member_user
    pairing = HouseholdPairingFactory(area=tree.village_a, member=member)
    log = services.help_log_record(
        pairing=pairing, by=user, kind="help", content="帮助申请低保", on=dt.date(2020, 5, 1)
    )
    assert HelpLog._base_manager.get() == log
    with pytest.raises(ValidationError, match="帮扶内容"):
        services.help_log_record(
            pairing=pairing, by=user, kind="help", content=" ", on=dt.date(2020, 5, 1)
        )


def test_post_registry_picks_the_catalogue_version_of_the_year(tree):
    old = PostTypeFactory(area=tree.district, code="sanitation", valid_from=2017, valid_to=2019)
    new = PostTypeFactory(area=tree.district, code="sanitation", valid_from=2020)
    org = PostFactory(area=tree.village_a).organisation
    values = {"organisation": org, "post_type": new, "opened_on": dt.date(2019, 6, 1)}
    registries._post_defaults(values)
    assert values["post_type"] == old
    assert values["area"] == tree.village_a


def test_catalogue_is_offered_to_a_village_user(tree):
    PostTypeFactory(area=tree.district, code="policy")
    PostTypeFactory(area=tree.town_b, code="elsewhere")
    from xingcun.core.scoping import scope

    with scope(area=tree.village_a.path):
        assert [t.code for t in selectors.catalogue()] == ["policy"]


def test_open_posts_include_the_towns_posts(tree, member_user):
    _user, member = member_user
    mine = PostFactory(area=tree.village_a)
    towns = PostFactory(area=tree.town_a)
    PostFactory(area=tree.village_a2)
    found = set(selectors.open_posts_for(member=member, on=DAY))
    assert found == {mine, towns}
