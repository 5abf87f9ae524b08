"""Writes of 党建联盟: members join and leave on dates, projects are linked. Each is atomic,
permission-checked and audited; records entered through the registries go through the registry
framework's own save (validated and audited the same way)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from xingcun.alliances import selectors
from xingcun.alliances.models import Alliance, AllianceMember, AllianceProject
from xingcun.alliances.permissions import ALLIANCE_EDIT
from xingcun.core import audit
from xingcun.core.permissions import require
from xingcun.core.writes import save_checked
from xingcun.organisations.models import Organisation
from xingcun.projects.models import Project


@transaction.atomic
def member_add(
    *, alliance: Alliance, organisation: Organisation, joined_on: dt.date, actor: Any
) -> tuple[AllianceMember, list[str]]:
    """Add a member organisation from `joined_on`. Returns the membership and warnings (members
    that are not in the same or a neighbouring town: allowed, but unusual)."""
    require(actor, ALLIANCE_EDIT)
    if alliance.dissolved_on is not None and joined_on > alliance.dissolved_on:
        raise ValidationError(gettext("联盟已解散，不能再加入"))
    member = AllianceMember(
        area=organisation.area, alliance=alliance, organisation=organisation, joined_on=joined_on
    )
    save_checked(member)
    warnings = selectors.contiguity_warnings(alliance=alliance, organisation=organisation)
    audit.log(
        actor=actor,
        action="alliance_member.joined",
        obj=member,
        changes={"alliance": alliance.name, "joined_on": str(joined_on), "warnings": warnings},
    )
    return member, warnings


@transaction.atomic
def member_leave(
    *, member: AllianceMember, left_on: dt.date, reason: str, actor: Any
) -> AllianceMember:
    require(actor, ALLIANCE_EDIT)
    if member.left_on is not None:
        raise ValidationError(gettext("该成员已退出联盟"))
    if not reason.strip():
        raise ValidationError(gettext("请填写退出原因"))
    before = audit.snapshot(member)
    member.left_on, member.left_reason = left_on, reason.strip()
    save_checked(member)
    audit.log_change(actor=actor, action="alliance_member.left", obj=member, before=before)
    return member


@transaction.atomic
def project_link(
    *, alliance: Alliance, project: Project, actor: Any, note: str = ""
) -> AllianceProject:
    """Record that a project of the project registry was landed through the alliance."""
    require(actor, ALLIANCE_EDIT)
    if AllianceProject.objects.inherited().filter(alliance=alliance, project=project).exists():
        raise ValidationError(gettext("项目“%(project)s”已关联本联盟") % {"project": project})
    link = AllianceProject(area=alliance.area, alliance=alliance, project=project, note=note)
    save_checked(link)
    audit.log(
        actor=actor,
        action="alliance_project.linked",
        obj=link,
        changes={"alliance": alliance.name, "project": project.code},
    )
    return link
