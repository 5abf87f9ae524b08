import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.permissions import Role
from xingcun.ecommerce import services
from xingcun.ecommerce.models import NewFarmerBranch, NewFarmerProject
from xingcun.ecommerce.tests.factories import BranchFactory
from xingcun.organisations.models import BranchMembership
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.projects.tests.factories import ProjectFactory


@pytest.fixture
def branch(tree):
    return BranchFactory(
        organisation__area=tree.town_a, organisation__founded_on=dt.date(2019, 3, 1)
    )


@pytest.fixture
def town_user(tree, make_user):
    return make_user(Role.TOWN, tree.town_a)


def count(model):
    with scopes_disabled():
        return model.objects.count()


def test_returned_entrepreneur_joins_keeping_the_home_organisation(tree, branch, town_user):
    member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=True)
    home = member.organisation_id
    with scope(area=tree.town_a.path):
        joined = services.newfarmer_join(
            branch=branch, member=member, joined_on=dt.date(2019, 4, 1), actor=town_user
        )
    assert (joined.organisation, joined.area) == (branch.organisation, tree.town_a)
    with scopes_disabled():
        member.refresh_from_db()
    assert member.organisation_id == home


def test_member_not_flagged_as_returned_entrepreneur_is_refused(tree, branch, town_user):
    member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=False)
    with scope(area=tree.town_a.path), pytest.raises(ValidationError, match="返乡创业"):
        services.newfarmer_join(
            branch=branch, member=member, joined_on=dt.date(2019, 4, 1), actor=town_user
        )
    assert count(BranchMembership) == 0


def test_joining_twice_or_before_founding_is_refused(tree, branch, town_user):
    member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=True)
    with scope(area=tree.town_a.path):
        with pytest.raises(ValidationError, match="早于"):
            services.newfarmer_join(
                branch=branch, member=member, joined_on=dt.date(2018, 4, 1), actor=town_user
            )
        services.newfarmer_join(
            branch=branch, member=member, joined_on=dt.date(2019, 4, 1), actor=town_user
        )
        with pytest.raises(ValidationError, match="已是"):
            services.newfarmer_join(
                branch=branch, member=member, joined_on=dt.date(2020, 4, 1), actor=town_user
            )
    assert count(BranchMembership) == 1


def test_project_is_linked_with_a_member_of_the_branch(tree, branch, town_user):
    member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=True)
    outsider = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=True)
    project = ProjectFactory(area=tree.village_a)
    with scope(area=tree.town_a.path):
        services.newfarmer_join(
            branch=branch, member=member, joined_on=dt.date(2019, 4, 1), actor=town_user
        )
        with pytest.raises(ValidationError, match="不是该新农人党组织成员"):
            services.newfarmer_project_link(
                branch=branch, project=project, member=outsider, actor=town_user
            )
        link = services.newfarmer_project_link(
            branch=branch, project=project, member=member, actor=town_user
        )
        with pytest.raises(ValidationError, match="已关联"):
            services.newfarmer_project_link(branch=branch, project=project, actor=town_user)
    assert link.area == tree.town_a
    assert count(NewFarmerProject) == 1


def test_member_role_may_not_add_to_a_branch(tree, branch, make_user):
    user = make_user(Role.MEMBER, tree.village_a)
    member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=True)
    with scope(area=tree.village_a.path), pytest.raises(PermissionDenied):
        services.newfarmer_join(
            branch=branch, member=member, joined_on=dt.date(2019, 4, 1), actor=user
        )


def test_regular_organisation_cannot_be_a_newfarmer_branch(tree):
    from xingcun.organisations.tests.factories import OrganisationFactory

    org = OrganisationFactory(area=tree.town_a)
    branch = NewFarmerBranch(area=tree.town_a, organisation=org, sponsor="town")
    with scopes_disabled(), pytest.raises(ValidationError, match="临时或功能型"):
        branch.full_clean()
