import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.alliances import selectors, services
from xingcun.alliances.models import AllianceMember, AllianceProject, Steward, TownTourism
from xingcun.alliances.tests.factories import AllianceFactory, MemberFactory
from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.core.tests.factories import child_area
from xingcun.pairing.tests.factories import ProfileFactory, VillageOrganisationFactory
from xingcun.projects.tests.factories import ProjectFactory


@pytest.fixture
def town_user(tree, make_user):
    return make_user(Role.TOWN, tree.town_a)


@pytest.fixture
def alliance(tree):
    return AllianceFactory(area=tree.town_a, lead__area=tree.village_a, uses_stewards=True)


def count(model):
    with scopes_disabled():  # counting rows of the whole fixture
        return model.objects.count()


def test_member_joins_without_changing_its_organisation(tree, town_user, alliance):
    org = VillageOrganisationFactory(area=tree.village_a2)
    with scope(area=tree.town_a.path):
        member, warnings = services.member_add(
            alliance=alliance, organisation=org, joined_on=dt.date(2019, 6, 1), actor=town_user
        )
    assert member.area == tree.village_a2
    assert warnings == []
    assert AuditEntry._base_manager.filter(action="alliance_member.joined").count() == 1


def test_member_from_a_far_town_is_accepted_with_a_warning(tree, make_user, alliance):
    user = make_user(Role.DISTRICT, tree.district)
    MemberFactory(alliance=alliance, organisation__area=tree.village_a)
    far = child_area(tree.district, "330112117000", "龙岗镇")  # not next to 昌化镇 by code
    village = child_area(far, "330112117201", "龙岗村委会")
    org = VillageOrganisationFactory(area=village)
    with scope(area=tree.district.path):
        _, warnings = services.member_add(
            alliance=alliance, organisation=org, joined_on=dt.date(2019, 6, 1), actor=user
        )
    assert len(warnings) == 1
    assert "不在同一镇或相邻镇" in warnings[0]
    assert count(AllianceMember) == 2


def test_member_from_outside_the_district_is_refused(tree, make_user, alliance, foreign):
    user = make_user(Role.DISTRICT, tree.district.parent)
    org = VillageOrganisationFactory(area=foreign.county)
    with scope(area=tree.district.parent.path), pytest.raises(ValidationError, match="不在"):
        services.member_add(
            alliance=alliance, organisation=org, joined_on=dt.date(2019, 6, 1), actor=user
        )
    assert count(AllianceMember) == 0


def test_joining_before_the_alliance_was_founded_is_refused(tree, town_user, alliance):
    org = VillageOrganisationFactory(area=tree.village_a2)
    with scope(area=tree.town_a.path), pytest.raises(ValidationError, match="早于联盟成立"):
        services.member_add(
            alliance=alliance, organisation=org, joined_on=dt.date(2018, 6, 1), actor=town_user
        )


def test_joining_twice_is_refused(tree, town_user, alliance):
    member = MemberFactory(alliance=alliance, organisation__area=tree.village_a2)
    with scope(area=tree.town_a.path), pytest.raises(ValidationError, match="已是本联盟成员"):
        services.member_add(
            alliance=alliance,
            organisation=member.organisation,
            joined_on=dt.date(2020, 6, 1),
            actor=town_user,
        )


def test_member_leaves_with_a_reason(tree, town_user, alliance):
    member = MemberFactory(alliance=alliance, organisation__area=tree.village_a2)
    with scope(area=tree.town_a.path):
        services.member_leave(
            member=member, left_on=dt.date(2020, 12, 31), reason="村社调整", actor=town_user
        )
        with pytest.raises(ValidationError, match="已退出"):
            services.member_leave(
                member=member, left_on=dt.date(2021, 1, 1), reason="x", actor=town_user
            )
    assert member.left_reason == "村社调整"


def test_leaving_before_joining_is_refused(tree, town_user, alliance):
    member = MemberFactory(alliance=alliance, organisation__area=tree.village_a2)
    with scope(area=tree.town_a.path), pytest.raises(ValidationError, match="不能早于加入日期"):
        services.member_leave(
            member=member, left_on=dt.date(2019, 1, 1), reason="x", actor=town_user
        )


def test_member_user_may_not_change_an_alliance(tree, make_user, alliance):
    user = make_user(Role.MEMBER, tree.village_a)
    org = VillageOrganisationFactory(area=tree.village_a)
    with scope(area=tree.village_a.path), pytest.raises(PermissionDenied):
        services.member_add(
            alliance=alliance, organisation=org, joined_on=dt.date(2019, 6, 1), actor=user
        )


def test_project_is_linked_once(tree, town_user, alliance):
    project = ProjectFactory(area=tree.town_a)
    with scope(area=tree.town_a.path):
        services.project_link(alliance=alliance, project=project, actor=town_user)
        with pytest.raises(ValidationError, match="已关联"):
            services.project_link(alliance=alliance, project=project, actor=town_user)
    assert count(AllianceProject) == 1


def test_steward_needs_an_alliance_with_stewards(tree):
    alliance = AllianceFactory(area=tree.town_a, lead__area=tree.village_a, uses_stewards=False)
    steward = Steward(area=tree.town_a, alliance=alliance, role="红色管家", name="王芳")
    with scopes_disabled(), pytest.raises(ValidationError, match="未设立管家"):
        steward.full_clean()


def test_negative_tourism_figures_are_refused(tree):
    row = TownTourism(area=tree.town_a, year=2020, visitors=-1, revenue=10)
    with scopes_disabled(), pytest.raises(ValidationError, match="不能为负数"):
        row.full_clean()


def test_member_incomes_compare_with_the_year_before_joining(tree, alliance):
    member = MemberFactory(alliance=alliance, organisation__area=tree.village_a2)
    ProfileFactory(area=tree.village_a2, year=2018, per_capita_income=20000, population=1000)
    ProfileFactory(area=tree.village_a2, year=2020, per_capita_income=25000, population=1000)
    with scope(area=tree.town_a.path):
        (income,) = selectors.member_incomes(alliance=alliance, year=2020)
    assert (income.member, income.base_year) == (member, 2018)
    assert income.increase == 500  # 万元
