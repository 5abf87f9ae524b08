"""Every write of 设岗定责: one atomic, audited function per transition."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import lock
from xingcun.core.seeding import default_row, system_create
from xingcun.core.writes import save_audited, save_status
from xingcun.people.models import PartyMember
from xingcun.posts import selectors
from xingcun.posts.models import (
    HelpLog,
    HouseholdPairing,
    Post,
    PostAssignment,
    PostReview,
    PostRule,
    PostType,
)

Status = PostAssignment.Status

HOLDS_OFFICE = gettext_noop("{member}担任村(社区)职务，设岗定责面向无职党员，不能选岗或定岗")

# The typical posts of 党员教育管理工作条例 §22 and local practice (DOMAIN.md).
DEFAULT_TYPES: tuple[tuple[str, str, str], ...] = (
    ("tech_demo", "科技示范岗", "带头应用新品种新技术，示范带动农户增收"),
    ("circulation", "流通服务岗", "帮助农户对接市场、销售农产品，发展农村电商"),
    ("information", "信息咨询岗", "宣传惠农政策，提供就业、市场等信息咨询"),
    ("finance_watch", "财务监督岗", "参与村务财务公开监督，反映群众意见"),
    ("major_matters", "重大事项监督岗", "监督村级重大事项决策和实施"),
    ("public_order", "治安维稳岗", "参与巡逻防控、矛盾纠纷排查调解"),
    ("facilities", "设施维护岗", "看护道路、水利、路灯等公共设施"),
    ("sanitation", "环境卫生岗", "带头搞好庭院和公共区域环境卫生，参与垃圾分类督导"),
    ("policy", "政策宣传岗", "宣讲党的方针政策和村规民约"),
    ("civility", "文明新风岗", "倡导移风易俗、好家风建设，弘扬文明新风"),
)
DEFAULT_FROM = 2017


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


@transaction.atomic
def defaults_ensure(*, district: Area) -> list[PostType]:
    """The ten typical post types and the 5-day publicity rule of the district, created once;
    district staff edit them (and add versions) afterwards."""
    made = [
        default_row(
            PostType.objects.inherited(),
            action="post-types.created",
            changes={"name": [None, name]},
            area=district,
            code=code,
            valid_from=DEFAULT_FROM,
            defaults={"name": name, "duties": duties, "position": position},
        )
        for position, (code, name, duties) in enumerate(DEFAULT_TYPES, start=1)
    ]
    if not PostRule.objects.inherited().filter(area=district).exists():
        rule = PostRule(
            area=district,
            name=gettext("定岗公示规则"),
            valid_from=DEFAULT_FROM,
            publicity_days=selectors.DEFAULT_PUBLICITY_DAYS,
        )
        system_create(
            rule,
            action="post-rules.created",
            changes={"publicity_days": [None, rule.publicity_days]},
        )
    return made


def _check_no_office(member: PartyMember) -> None:
    if member.holds_office:
        raise ValidationError(gettext(HOLDS_OFFICE).format(member=member))
    if member.left_on is not None:
        raise ValidationError(gettext("%(member)s已不在册") % {"member": member})


def _locked_post(post: Post) -> Post:
    return lock(post)


def _locked(assignment: PostAssignment) -> PostAssignment:
    return lock(assignment)


@transaction.atomic
def assignment_apply(
    *, post: Post, member: PartyMember, by: Any, on: dt.date | None = None
) -> PostAssignment:
    """选岗: a member without office applies for an open post of the village (or of a node above
    it). Members apply for themselves; staff may record an application made on paper."""
    day = _today(on)
    _check_no_office(member)
    if not post.area.contains(member.area):
        raise ValidationError(gettext("只能选报本村(社区)或上级党组织设立的岗位"))
    if not post.is_open_on(day):
        raise ValidationError(gettext("岗位“%(post)s”未开放选岗") % {"post": post})
    assignment = PostAssignment(
        area_id=post.area_id, post=post, member=member, status=Status.APPLIED, applied_on=day
    )
    assignment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as e:
        raise ValidationError(
            gettext("%(member)s已选报岗位“%(post)s”") % {"member": member, "post": post}
        ) from e
    audit.log(
        actor=by,
        action="post-assignments.applied",
        obj=assignment,
        changes={"member": str(member), "post": str(post)},
    )
    return assignment


@transaction.atomic
def assignment_assign(
    *, assignment: PostAssignment, by: Any, on: dt.date | None = None
) -> PostAssignment:
    """定岗: the organisation assigns the member; the assignment is publicised for the days of the
    rule valid that year before the member takes up the post."""
    post = _locked_post(assignment.post)  # seats are counted one assignment at a time
    assignment = _locked(assignment)
    if assignment.status in (Status.PUBLICISED, Status.ON_DUTY):  # a concurrent 定岗 won
        raise ValidationError(
            gettext("%(member)s已定岗（%(status)s），无需再定岗")
            % {"member": assignment.member, "status": assignment.get_status_display()}
        )
    if assignment.status != Status.APPLIED:
        raise ValidationError(gettext("只有已选岗的党员可以定岗"))
    _check_no_office(assignment.member)
    day = _today(on)
    if day < assignment.applied_on:
        raise ValidationError(gettext("定岗日期不能早于选岗日期"))
    if selectors.seats_taken(post) >= post.seats:
        raise ValidationError(
            gettext("岗位“%(post)s”设岗%(seats)s人，已经定满") % {"post": post, "seats": post.seats}
        )
    ends = day + dt.timedelta(days=selectors.publicity_days_for(area=post.area, year=day.year))
    return save_status(
        assignment,
        Status.PUBLICISED,
        actor=by,
        action="post-assignments.assigned",
        changes={"publicity_ends_on": ends.isoformat()},
        assigned_on=day,
        publicity_ends_on=ends,
    )


@transaction.atomic
def assignment_decline(*, assignment: PostAssignment, by: Any, reason: str) -> PostAssignment:
    """Not assigned: the application is turned down, or an objection during 公示 is upheld."""
    assignment = _locked(assignment)
    if assignment.status not in (Status.APPLIED, Status.PUBLICISED):
        raise ValidationError(gettext("只有选岗或公示中的定岗可以不予定岗"))
    reason = reason.strip()
    if not reason:
        raise ValidationError(gettext("请填写不予定岗的原因"))
    return save_status(
        assignment,
        Status.DECLINED,
        actor=by,
        action="post-assignments.declined",
        changes={"reason": reason},
        note=reason,
    )


@transaction.atomic
def assignment_start(
    *, assignment: PostAssignment, by: Any, on: dt.date | None = None
) -> PostAssignment:
    """上岗: after publicity without a sustained objection, the member takes up the post."""
    assignment = _locked(assignment)
    if assignment.status != Status.PUBLICISED:
        raise ValidationError(gettext("只有公示中的定岗可以上岗"))
    day = _today(on)
    ends = assignment.publicity_ends_on
    if ends is None or day <= ends:
        raise ValidationError(
            gettext("公示期至%(ends)s，期满后才能上岗")
            % {"ends": format(ends, gettext("%Y年%-m月%-d日"))}
        )
    _check_no_office(assignment.member)
    return save_status(
        assignment, Status.ON_DUTY, actor=by, action="post-assignments.started", starts_on=day
    )


@transaction.atomic
def assignments_start_due(*, by: Any, on: dt.date | None = None) -> int:
    """Start every assignment in the current scope whose publicity has ended."""
    day = _today(on)
    count = 0
    due = PostAssignment.objects.filter(status=Status.PUBLICISED, publicity_ends_on__lt=day)
    for assignment in due.select_related("member").order_by("pk"):
        if assignment.member.holds_office:
            continue
        assignment_start(assignment=assignment, by=by, on=day)
        count += 1
    return count


@transaction.atomic
def assignment_end(
    *, assignment: PostAssignment, by: Any, reason: str, on: dt.date | None = None
) -> PostAssignment:
    assignment = _locked(assignment)
    if assignment.status != Status.ON_DUTY:
        raise ValidationError(gettext("只有在岗的党员可以离岗"))
    day = _today(on)
    if assignment.starts_on and day < assignment.starts_on:
        raise ValidationError(gettext("离岗日期不能早于上岗日期"))
    if not reason.strip():
        raise ValidationError(gettext("请填写离岗原因"))
    return save_status(
        assignment,
        Status.ENDED,
        actor=by,
        action="post-assignments.ended",
        ended_on=day,
        note=reason.strip(),
    )


@transaction.atomic
def review_record(
    *,
    assignment: PostAssignment,
    year: int,
    grade: str,
    summary: str,
    by: Any,
    on: dt.date | None = None,
) -> PostReview:
    """述岗评岗: one rating a year of a member who was on the post during that year."""
    assignment = _locked(assignment)
    day = _today(on)
    if assignment.starts_on is None or assignment.starts_on.year > year:
        raise ValidationError(
            gettext("%(member)s在%(year)s年未在该岗位上岗，不能评岗")
            % {"member": assignment.member, "year": year}
        )
    if assignment.ended_on is not None and assignment.ended_on.year < year:
        raise ValidationError(
            gettext("%(member)s在%(year)s年前已离岗，不能评岗")
            % {"member": assignment.member, "year": year}
        )
    if year > day.year:
        raise ValidationError(gettext("不能评定未来年度"))
    if grade not in PostReview.Grade.values:
        raise ValidationError(gettext("请选择评定等次"))
    review = PostReview(
        area_id=assignment.area_id,
        assignment=assignment,
        year=year,
        grade=grade,
        summary=summary.strip(),
        reviewed_on=day,
        reviewed_by=by if getattr(by, "pk", None) else None,
    )
    review.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as e:
        raise ValidationError(
            gettext("%(member)s在该岗位的%(year)s年度述岗评岗已经完成")
            % {"member": assignment.member, "year": year}
        ) from e
    audit.log(
        actor=by,
        action="post-reviews.recorded",
        obj=review,
        changes={"year": year, "grade": review.get_grade_display()},
    )
    return review


@transaction.atomic
def help_log_record(
    *,
    pairing: HouseholdPairing,
    by: Any,
    kind: str,
    content: str,
    on: dt.date | None = None,
) -> HelpLog:
    """A member logs a visit to or help for a household paired with them."""
    if pairing.ended_on is not None:
        raise ValidationError(gettext("该结对已结束"))
    if not content.strip():
        raise ValidationError(gettext("请填写帮扶内容"))
    log = HelpLog(
        area_id=pairing.area_id,
        pairing=pairing,
        helped_on=_today(on),
        kind=kind,
        content=content.strip(),
    )
    return save_audited(
        log,
        actor=by,
        action="help-logs.created",
        changes={"pairing": str(pairing), "kind": log.get_kind_display()},
    )
