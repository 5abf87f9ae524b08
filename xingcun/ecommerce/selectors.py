"""Reads of the industry organisations pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from xingcun.ecommerce.models import NewFarmerBranch, NewFarmerProject
from xingcun.organisations.models import BranchMembership
from xingcun.people.models import PartyMember


def branch_list() -> QuerySet[NewFarmerBranch]:
    return NewFarmerBranch.objects.select_related("organisation", "area")


def branch_members(*, branch: NewFarmerBranch) -> QuerySet[BranchMembership]:
    return (
        BranchMembership.objects.filter(organisation=branch.organisation)
        .select_related("member__person", "member__organisation")
        .order_by("joined_on", "id")
    )


def branch_projects(*, branch: NewFarmerBranch) -> QuerySet[NewFarmerProject]:
    return NewFarmerProject.objects.filter(branch=branch).select_related(
        "project", "member__person"
    )


def entrepreneurs() -> QuerySet[PartyMember]:
    """Returned-entrepreneur members in scope who have not left."""
    return (
        PartyMember.objects.filter(returned_entrepreneur=True)
        .filter(Q(left_on__isnull=True))
        .select_related("person")
        .order_by("person__name")
    )
