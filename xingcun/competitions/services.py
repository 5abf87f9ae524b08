"""Every write of the party-group competition: one atomic, audited function per change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xingcun.competitions import selectors
from xingcun.competitions.models import AUXILIARY, Competition, CompetitionEntry, CompetitionItem
from xingcun.core import audit
from xingcun.core.numerals import CHINESE_NUMERALS
from xingcun.core.scoping import lock
from xingcun.core.writes import save_audited, save_fields
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.people.models import PartyMember

EVIDENCE_TYPES = (".jpg", ".jpeg", ".png", ".heic", ".webp", ".pdf", ".doc", ".docx", ".xlsx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _check_branch(branch: Organisation) -> None:
    if branch.category not in AUXILIARY or branch.kind == Organisation.Kind.GROUP:
        raise ValidationError(gettext("只能在临时或功能型党支部下设立党小组、开展比拼"))
    if branch.dissolved_on is not None:
        raise ValidationError(gettext("%(branch)s已撤销") % {"branch": branch})


@transaction.atomic
def party_group_create(
    *, branch: Organisation, name: str, by: Any, on: dt.date | None = None
) -> Organisation:
    """A party group of a temporary or functional branch: an Organisation of kind "group" whose
    parent is the branch, registered where the branch is."""
    _check_branch(branch)
    lock(branch)  # codes in turn
    existing = Organisation.objects.inherited().filter(parent=branch, kind=Organisation.Kind.GROUP)
    number = existing.count() + 1
    name = name.strip() or gettext("%(name)s第%(number)s党小组") % {
        "name": branch.name,
        "number": CHINESE_NUMERALS[min(number, 10) - 1],
    }
    if existing.filter(name=name).exists():
        raise ValidationError(
            gettext("%(branch)s已有名为“%(name)s”的党小组") % {"branch": branch, "name": name}
        )
    code = f"{branch.code}-G{number}"
    while Organisation.objects.inherited().filter(code=code).exists():
        number += 1
        code = f"{branch.code}-G{number}"
    group = Organisation(
        area=branch.area,
        code=code,
        name=name,
        kind=Organisation.Kind.GROUP,
        category=branch.category,
        parent=branch,
        founded_on=_today(on),
    )
    return save_audited(
        group,
        actor=by,
        action="organisations.created",
        changes={"name": [None, group.name], "parent": str(branch)},
    )


@transaction.atomic
def group_member_add(
    *, group: Organisation, member: PartyMember, by: Any, on: dt.date | None = None
) -> BranchMembership:
    """Put a member into a party group of a branch (and into the branch itself if not yet); the
    member keeps their home organisation. One group per branch at a time."""
    branch = group.parent
    if group.kind != Organisation.Kind.GROUP or branch is None:
        raise ValidationError(gettext("请选择党小组"))
    _check_branch(branch)
    day = _today(on)
    if member.left_on is not None:
        raise ValidationError(gettext("%(member)s已不在册") % {"member": member})
    current = selectors.current_memberships(day)
    lock(member)
    other = (
        BranchMembership.objects.inherited()
        .filter(current, member=member, organisation__parent=branch)
        .select_related("organisation")
        .first()
    )
    if other is not None:
        raise ValidationError(
            gettext("%(member)s已在%(organisation)s，每名党员只参加一个党小组")
            % {"member": member, "organisation": other.organisation}
        )
    if (
        not BranchMembership.objects.inherited()
        .filter(current, member=member, organisation=branch)
        .exists()
    ):
        _join(branch, member, day)
    membership = _join(group, member, day)
    audit.log(
        actor=by,
        action="branch-members.created",
        obj=membership,
        changes={"member": str(member), "organisation": str(group)},
    )
    return membership


def _join(organisation: Organisation, member: PartyMember, day: dt.date) -> BranchMembership:
    membership = BranchMembership(
        area=organisation.area, member=member, organisation=organisation, joined_on=day
    )
    membership.full_clean(validate_constraints=False)
    membership.save()
    return membership


def _check_evidence(upload: UploadedFile[Any] | None) -> None:
    if upload is None:
        return
    if not (upload.name or "").lower().endswith(EVIDENCE_TYPES):
        raise ValidationError(gettext("佐证材料只能是照片、PDF、Word 或 Excel 文件"))
    if upload.size and upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(gettext("佐证材料不能超过 10 MB"))


@transaction.atomic
def entry_record(
    *,
    competition: Competition,
    group: Organisation,
    item: CompetitionItem,
    title: str,
    achieved_on: dt.date,
    evidence: str,
    by: Any,
    points: Decimal | None = None,
    evidence_file: UploadedFile[Any] | None = None,
) -> CompetitionEntry:
    """Record a task or achievement of a group; points default to the item's and may not take the
    group past the item's cap."""
    competition = lock(competition)
    if competition.is_closed:
        raise ValidationError(gettext("比拼已结束评比，不能再登记"))
    if group.parent_id != competition.branch_id or group.kind != Organisation.Kind.GROUP:
        raise ValidationError(
            gettext("%(group)s不是%(branch)s的党小组")
            % {"group": group, "branch": competition.branch}
        )
    if item.competition_id != competition.pk:
        raise ValidationError(gettext("“%(item)s”不是本次比拼的项目") % {"item": item})
    if not competition.starts_on <= achieved_on <= competition.ends_on:
        raise ValidationError(
            gettext("完成日期应在比拼期间（%(starts_on)s至%(ends_on)s）")
            % {
                "starts_on": format(competition.starts_on, "%Y-%m-%d"),
                "ends_on": format(competition.ends_on, "%Y-%m-%d"),
            }
        )
    if achieved_on > timezone.localdate():
        raise ValidationError(gettext("完成日期不能晚于今天"))
    if not title.strip():
        raise ValidationError(gettext("请填写完成事项"))
    if not evidence.strip():
        raise ValidationError(gettext("请填写佐证说明"))
    amount = item.points if points is None else points
    if amount <= 0:
        raise ValidationError(gettext("得分应大于0"))
    if item.cap is not None:
        so_far = selectors.item_total(competition=competition, group=group, item_id=item.pk)
        if so_far + amount > item.cap:
            raise ValidationError(
                gettext(
                    "%(group)s的“%(item)s”已得%(so_far)s分，上限%(cap)s分，本次最多还能记%(value)s分"
                )
                % {
                    "group": group,
                    "item": item,
                    "so_far": so_far,
                    "cap": item.cap,
                    "value": item.cap - so_far,
                }
            )
    _check_evidence(evidence_file)
    entry = CompetitionEntry(
        area_id=competition.area_id,
        competition=competition,
        group=group,
        item=item,
        title=title.strip(),
        points=amount,
        achieved_on=achieved_on,
        evidence=evidence.strip(),
        recorded_by=by if getattr(by, "pk", None) else None,
    )
    if evidence_file is not None:
        entry.evidence_file = evidence_file
    return save_audited(
        entry,
        actor=by,
        action="competition-entries.recorded",
        changes={"group": str(group), "item": str(item), "points": str(amount)},
    )


@transaction.atomic
def entry_void(*, entry: CompetitionEntry, by: Any, reason: str) -> CompetitionEntry:
    entry = lock(entry)
    if entry.is_void:
        raise ValidationError(gettext("该记录已作废"))
    if Competition.objects.inherited().get(pk=entry.competition_id).is_closed:
        raise ValidationError(gettext("比拼已结束评比，记录不能再作废"))
    reason = reason.strip()
    if not reason:
        raise ValidationError(gettext("请填写作废原因"))
    return save_fields(
        entry,
        actor=by,
        action="competition-entries.voided",
        changes={"reason": reason, "points": str(entry.points)},
        voided_at=timezone.now(),
        void_reason=reason,
    )


@transaction.atomic
def competition_close(*, competition: Competition, by: Any) -> Competition:
    """End the scoring: the scoreboard becomes the final ranking."""
    competition = lock(competition)
    if competition.is_closed:
        raise ValidationError(gettext("比拼已结束评比"))
    competition.closed_at = timezone.now()
    competition.save(update_fields=["closed_at", "updated_at"])
    ranking = [
        gettext("%(rank)s. %(name)s %(points)s分")
        % {"rank": s.rank, "name": s.group.name, "points": s.points}
        for s in selectors.scoreboard(competition)
    ]
    audit.log(actor=by, action="competitions.closed", obj=competition, changes={"ranking": ranking})
    return competition
