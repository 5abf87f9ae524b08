"""Writes of the industry organisations: returned entrepreneurs join a 新农人 branch (their home
organisation is unchanged) and its projects are linked. Each is atomic, permission-checked and
audited; yearly e-commerce records and rules go through the registry framework."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.permissions import require
from xingcun.core.writes import save_checked
from xingcun.ecommerce.models import NewFarmerBranch, NewFarmerProject
from xingcun.ecommerce.permissions import ECOMMERCE_EDIT
from xingcun.organisations.models import BranchMembership
from xingcun.people.models import PartyMember
from xingcun.projects.models import Project


@transaction.atomic
def newfarmer_join(
    *, branch: NewFarmerBranch, member: PartyMember, joined_on: dt.date, actor: Any
) -> BranchMembership:
    """A returned-entrepreneur member joins the branch from `joined_on`."""
    require(actor, ECOMMERCE_EDIT)
    if not member.returned_entrepreneur:
        raise ValidationError(
            gettext("“%(member)s”未登记为返乡创业党员，不能加入新农人党组织") % {"member": member}
        )
    if member.left_on is not None and member.left_on <= joined_on:
        raise ValidationError(gettext("“%(member)s”已离开，不能加入") % {"member": member})
    org = branch.organisation
    if org.founded_on and joined_on < org.founded_on:
        raise ValidationError(gettext("加入日期不能早于新农人党组织成立日期"))
    current = BranchMembership.objects.inherited().filter(
        member=member, organisation=org, left_on__isnull=True
    )
    if current.exists():
        raise ValidationError(gettext("“%(member)s”已是该新农人党组织成员") % {"member": member})
    membership = BranchMembership(
        area=org.area, member=member, organisation=org, joined_on=joined_on
    )
    save_checked(membership)
    audit.log(
        actor=actor,
        action="newfarmer_member.joined",
        obj=membership,
        changes={"branch": str(branch), "joined_on": str(joined_on)},
    )
    return membership


@transaction.atomic
def newfarmer_project_link(
    *,
    branch: NewFarmerBranch,
    project: Project,
    actor: Any,
    member: PartyMember | None = None,
) -> NewFarmerProject:
    """Record a project of the project registry as one of the branch's entrepreneurship
    projects, optionally with the member who runs it (who must be in the branch)."""
    require(actor, ECOMMERCE_EDIT)
    if NewFarmerProject.objects.inherited().filter(branch=branch, project=project).exists():
        raise ValidationError(
            gettext("项目“%(project)s”已关联该新农人党组织") % {"project": project}
        )
    if (
        member is not None
        and not BranchMembership.objects.inherited()
        .filter(member=member, organisation=branch.organisation)
        .exists()
    ):
        raise ValidationError(gettext("“%(member)s”不是该新农人党组织成员") % {"member": member})
    link = NewFarmerProject(area=branch.area, branch=branch, project=project, member=member)
    save_checked(link)
    audit.log(
        actor=actor,
        action="newfarmer_project.linked",
        obj=link,
        changes={"branch": str(branch), "project": project.code},
    )
    return link
