"""Every write of the vanguard index: schemes, score events (append-only), rounds and objections.

Other modules record points through `score_event_record` (e.g. a fulfilled micro-wish); its
signature is kept stable. Events from such automatic sources are trusted (the calling module has
checked its own permission), approved on recording and never refused for a cap: the computation
caps them. Events entered by staff (`source` "manual" or "import") are checked against the caps and
refused once the year's result is final.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.permissions import holds_at, require_at
from xingcun.core.scoping import correlated, lock
from xingcun.core.seeding import system_create
from xingcun.core.writes import publish_version, save_audited, save_checked, save_fields
from xingcun.people.models import PartyMember
from xingcun.vanguard import scoring, selectors
from xingcun.vanguard.models import (
    EventDecision,
    Item,
    Objection,
    Result,
    Round,
    Scheme,
    ScoreEvent,
)
from xingcun.vanguard.permissions import (
    VANGUARD_ANSWER,
    VANGUARD_APPROVE,
    VANGUARD_CONFIG,
    VANGUARD_MANAGE,
    VANGUARD_RECORD,
)

TWO_PLACES = Decimal("0.01")
MAX_POINTS = Decimal(1000)


# --- permissions ----------------------------------------------------------------------------------


def fmt(value: Decimal) -> str:
    """'8', '2.5': a score without trailing zeros, for messages."""
    return f"{value.quantize(TWO_PLACES).normalize():f}"


def _points(value: Any, *, allow_zero: bool = False) -> Decimal:
    try:
        points = Decimal(str(value)).quantize(TWO_PLACES)
    except (InvalidOperation, ValueError) as e:
        raise ValidationError(gettext("分值应为数字")) from e
    if points < 0 or (points == 0 and not allow_zero):
        raise ValidationError(gettext("分值应大于0（加分或扣分由评分项目决定）"))
    if points >= MAX_POINTS:
        raise ValidationError(gettext("分值过大，请核对"))
    return points


def _required(text: str | None, missing: str) -> str:
    """`text` without surrounding blanks, or a refusal saying `missing` when nothing is left."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(missing)
    return text


# --- schemes --------------------------------------------------------------------------------------

DEFAULT_CODE = "XFZS-2019"
DEFAULT_NAME = "农村党员先锋指数考评办法"
# (code, name, group, kind, points, yearly cap, categories)
DEFAULT_ITEMS: tuple[tuple[str, str, str, str, str, str | None, str], ...] = (
    ("study", "参加组织生活和学习教育", "study", "bonus", "1", "6", ""),
    ("post_duty", "履行党员先锋岗位职责", "vanguard", "bonus", "2", "8", ""),
    ("volunteer", "参加志愿服务和急难险重任务", "vanguard", "bonus", "2", "8", ""),
    ("lead_income", "带头发展产业、带动群众增收", "vanguard", "bonus", "3", "9", ""),
    ("pair_help", "结对帮扶示范户、低收入户", "service", "bonus", "2", "6", ""),
    ("wish_fulfilled", "认领并实现群众微心愿", "service", "bonus", "2", "6", ""),
    ("competition", "党小组比拼中取得成绩", "vanguard", "bonus", "2", "6", ""),
    ("family_model", "家庭获评好家风、最美家庭", "family", "bonus", "5", "5", ""),
    ("family_tradition", "立家训、传家风，参加好家风褒奖活动", "family", "bonus", "1", "3", ""),
    ("honour", "个人获区级以上表彰", "vanguard", "bonus", "5", "10", ""),
    ("floating_report", "流动党员定期向党组织报告", "study", "bonus", "1", "4", "D"),
    ("absent_meeting", "无故不参加组织生活", "discipline", "deduction", "2", "10", ""),
    ("dues_late", "未按时足额交纳党费", "discipline", "deduction", "2", "6", ""),
    ("family_conflict", "家庭不和睦、违背公序良俗", "family", "deduction", "5", "10", ""),
    ("village_rules", "违反村规民约、不支持村级中心工作", "discipline", "deduction", "5", "15", ""),
    ("discipline", "受到党纪政务处分", "discipline", "deduction", "20", "40", ""),
)


@transaction.atomic
def ensure_defaults(*, district: Area) -> Scheme:
    """The default scheme (DOMAIN.md: categories A–D, base plus bonuses minus deductions, grades
    优秀/合格/警示/不合格, 帮教 below the pass line), published, created once per district."""
    existing = Scheme.objects.inherited().filter(area=district).order_by("valid_from").first()
    if existing is not None:
        return existing
    scheme = Scheme(
        area=district,
        code=DEFAULT_CODE,
        name=DEFAULT_NAME,
        valid_from=2019,
        categories="ABCD",
        base_score=Decimal(80),
        bonus_cap=Decimal(20),
        excellent_from=Decimal(95),
        qualified_from=Decimal(75),
        warning_from=Decimal(60),
        follow_up_below=Decimal(75),
        follow_up_action="由党组织书记谈心谈话，列为帮教对象，限期改进",
        publicity_days=7,
        status=Scheme.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    system_create(
        scheme,
        action="vanguard_scheme.created",
        changes={"code": [None, scheme.code], "items": len(DEFAULT_ITEMS)},
    )
    for code, name, group, kind, points, cap, categories in DEFAULT_ITEMS:
        Item.objects.create(
            area=district,
            scheme=scheme,
            code=code,
            name=name,
            group=group,
            kind=kind,
            points=Decimal(points),
            cap=Decimal(cap) if cap else None,
            categories=categories,
        )
    return scheme


# what a new version copies from the scheme (Scheme.SETTINGS) and from each of its items
_ITEM_FIELDS = ("code", "name", "group", "kind", "points", "cap", "categories", "description")


@transaction.atomic
def scheme_copy(*, scheme: Scheme, code: str, name: str, valid_from: int, actor: Any) -> Scheme:
    """A new draft version with the same settings and items, to be changed and published."""
    require_at(actor, VANGUARD_CONFIG, scheme.area, gettext("您无权管理先锋指数方案"))
    if Scheme.objects.inherited().filter(code=code).exists():
        raise ValidationError(gettext("版本编号“%(code)s”已被使用") % {"code": code})
    copy = Scheme(
        area=scheme.area,
        code=code.strip(),
        name=name.strip() or scheme.name,
        valid_from=valid_from,
        status=Scheme.Status.DRAFT,
        **{field: getattr(scheme, field) for field in Scheme.SETTINGS},
    )
    copy.full_clean()
    copy.save()
    Item.objects.bulk_create(
        Item(area=copy.area, scheme=copy, **{field: getattr(i, field) for field in _ITEM_FIELDS})
        for i in selectors.scheme_items(scheme)
    )
    audit.log(
        actor=actor,
        action="vanguard_scheme.copied",
        obj=copy,
        changes={"from": scheme.code, "code": [None, copy.code]},
    )
    return copy


@transaction.atomic
def scheme_publish(*, scheme: Scheme, actor: Any) -> Scheme:
    """Publish a draft. An earlier open-ended version of the same jurisdiction is closed the year
    before; results already final keep their own figures and do not change."""
    require_at(actor, VANGUARD_CONFIG, scheme.area, gettext("您无权发布先锋指数方案"))
    scheme = lock(scheme)
    if scheme.is_published:
        raise ValidationError(gettext("方案“%(code)s”已经发布") % {"code": scheme.code})
    if not Item.objects.inherited().filter(scheme=scheme).exists():
        raise ValidationError(gettext("方案至少需要一个评分项目才能发布"))
    return publish_version(
        scheme,
        actor=actor,
        action="vanguard_scheme.published",
        closed_action="vanguard_scheme.closed",
    )


# --- score events ---------------------------------------------------------------------------------


def _scheme_and_item(*, member: PartyMember, code: str, on: dt.date) -> tuple[Scheme, Item]:
    scheme = selectors.scheme_for(area=member.area, year=on.year)
    if scheme is None:
        raise ValidationError(
            gettext("%(year)s年度没有已发布的先锋指数方案，不能登记积分") % {"year": on.year}
        )
    category = PartyMember.Category(member.category).label
    if not scheme.rates(member.category):
        raise ValidationError(
            gettext("%(name)s不对%(category)s评分") % {"name": scheme.name, "category": category}
        )
    item = selectors.item_in_scheme(scheme=scheme, code=code.strip())
    if item is None:
        raise ValidationError(
            gettext("“%(code)s”不是%(name)s（%(code2)s）中的评分项目")
            % {"code": code, "name": scheme.name, "code2": scheme.code}
        )
    if not item.applies_to(member.category):
        raise ValidationError(
            gettext("评分项目“%(name)s”不适用于%(category)s")
            % {"name": item.name, "category": category}
        )
    return scheme, item


def _check_member_on(member: PartyMember, on: dt.date) -> None:
    if on > timezone.localdate():
        raise ValidationError(gettext("发生日期不能晚于今天"))
    if on < member.joined_on or (member.left_on is not None and on > member.left_on):
        raise ValidationError(
            gettext("%(on)s不在%(member)s的在册期间")
            % {"on": format(on, "%Y-%m-%d"), "member": member}
        )


def _check_not_final(member: PartyMember, year: int) -> None:
    found = selectors.round_for(town=selectors.town_of(member.area), year=year)
    if found is not None and found.is_final:
        raise ValidationError(
            gettext("%(year)s年度先锋指数结果已确定，不能再登记或更正该年度的积分事件")
            % {"year": year}
        )


def _counted_so_far(
    *, member: PartyMember, code: str, year: int, without: ScoreEvent | None = None
) -> Decimal:
    """Points of an item this year that count or may count: approved or pending, not rejected,
    not replaced by an approved correction."""
    rejected = correlated(EventDecision).filter(event=OuterRef("pk"), approved=False)
    replaced = correlated(EventDecision).filter(event__corrects=OuterRef("pk"), approved=True)
    rows = (
        ScoreEvent.objects.inherited()
        .filter(member=member, item_code=code, date__year=year)
        .exclude(Exists(rejected))
        .exclude(Exists(replaced))
    )
    if without is not None:
        rows = rows.exclude(pk=without.pk)
    total: Decimal | None = rows.aggregate(total=Sum("points"))["total"]
    return total or Decimal(0)


def _check_cap(
    *,
    member: PartyMember,
    item: Item,
    year: int,
    points: Decimal,
    without: ScoreEvent | None = None,
) -> None:
    if item.cap is None:
        return
    so_far = _counted_so_far(member=member, code=item.code, year=year, without=without)
    if so_far + points > item.cap:
        left = max(item.cap - so_far, Decimal(0))
        raise ValidationError(
            gettext(
                "超过“%(name)s”的年度上限：上限%(fmt)s分，%(member)s本年已登记%(fmt2)s分，本次最多还能登记%(fmt3)s分"
            )
            % {
                "name": item.name,
                "fmt": fmt(item.cap),
                "member": member,
                "fmt2": fmt(so_far),
                "fmt3": fmt(left),
            }
        )


def _decide_on_record(event: ScoreEvent, recorded_by: Any) -> None:
    """Approved at once when it comes from another module or from staff who may approve."""
    if not event.is_manual or holds_at(recorded_by, VANGUARD_APPROVE, event.area):
        decision = EventDecision(
            area=event.area,
            event=event,
            approved=True,
            decided_by=recorded_by if getattr(recorded_by, "pk", None) else None,
            note=gettext("登记时通过"),
        )
        decision.full_clean()
        decision.save()


@transaction.atomic
def score_event_record(
    *,
    member: PartyMember,
    item_code: str,
    date: dt.date,
    points: Decimal | None = None,
    evidence: str,
    recorded_by: Any,
    source: str,
) -> ScoreEvent:
    """Record one scoring fact. `points` defaults to the item's points in the scheme valid for
    `date`. Staff entries (source "manual"/"import") need the record permission, must stay within
    the item's yearly cap and cannot enter a year whose result is final."""
    source = (source or "").strip() or "manual"
    manual = source in ScoreEvent.MANUAL_SOURCES
    if manual:
        require_at(recorded_by, VANGUARD_RECORD, member.area, gettext("您无权为该党员登记积分"))
    evidence = _required(evidence, gettext("请填写事实与佐证"))
    _check_member_on(member, date)
    _scheme, item = _scheme_and_item(member=member, code=item_code, on=date)
    amount = item.points if points is None else _points(points)
    if manual:
        _check_not_final(member, date.year)
        PartyMember.objects.inherited().select_for_update(of=("self",)).filter(
            pk=member.pk
        ).first()  # serialise caps
        _check_cap(member=member, item=item, year=date.year, points=amount)
    event = ScoreEvent(
        area=member.area,
        member=member,
        item=item,
        item_code=item.code,
        date=date,
        points=amount,
        evidence=evidence[:500],
        source=source,
        recorded_by=recorded_by if getattr(recorded_by, "pk", None) else None,
    )
    event.full_clean()
    event.save()
    _decide_on_record(event, recorded_by)
    audit.log(
        actor=recorded_by,
        action="vanguard_event.recorded",
        obj=event,
        changes={
            "member": str(member),
            "item": item.code,
            "date": date.isoformat(),
            "points": str(amount),
            "source": source,
        },
    )
    return event


@transaction.atomic
def score_event_correct(
    *,
    event: ScoreEvent,
    points: Decimal,
    reason: str,
    recorded_by: Any,
    item_code: str | None = None,
    evidence: str = "",
) -> ScoreEvent:
    """A new event that replaces `event` (same member and date); points 0 cancel it. The original
    stays as it was, marked as corrected once the correction is approved."""
    require_at(recorded_by, VANGUARD_RECORD, event.area, gettext("您无权更正该党员的积分"))
    event = (
        ScoreEvent.objects.inherited()
        .select_for_update(of=("self",))
        .select_related("member", "item")
        .get(pk=event.pk)
    )
    if ScoreEvent.objects.inherited().filter(corrects=event).exists():
        raise ValidationError(gettext("该事件已有更正记录，请更正最新的那条记录"))
    decision = event.decision
    if decision is None or not decision.approved:
        raise ValidationError(gettext("只能更正已通过审核的事件；待审核的事件请直接审核为不通过"))
    reason = _required(reason, gettext("请填写更正原因"))
    member = event.member
    _scheme, item = _scheme_and_item(
        member=member, code=item_code or event.item_code, on=event.date
    )
    amount = _points(points, allow_zero=True)
    _check_not_final(member, event.date.year)
    _check_cap(member=member, item=item, year=event.date.year, points=amount, without=event)
    correction = ScoreEvent(
        area=event.area,
        member=member,
        item=item,
        item_code=item.code,
        date=event.date,
        points=amount,
        evidence=(evidence or "").strip()[:500] or event.evidence,
        source="manual",
        recorded_by=recorded_by,
        corrects=event,
        reason=reason[:200],
    )
    save_checked(correction, clash=gettext("该事件已有更正记录，请更正最新的那条记录"))
    _decide_on_record(correction, recorded_by)
    audit.log(
        actor=recorded_by,
        action="vanguard_event.corrected",
        obj=correction,
        changes={
            "corrects": event.pk,
            "points": [str(event.points), str(amount)],
            "item": [event.item_code, item.code],
            "reason": reason,
        },
    )
    return correction


@transaction.atomic
def score_event_decide(
    *, event: ScoreEvent, approved: bool, note: str, actor: Any
) -> EventDecision:
    """Approve or reject an event recorded by a village; recorded once, never changed."""
    require_at(actor, VANGUARD_APPROVE, event.area, gettext("您无权审核积分事件"))
    event = lock(event)
    if EventDecision.objects.inherited().filter(event=event).exists():
        raise ValidationError(gettext("该事件已审核，不能重复审核"))
    note = (note or "").strip()
    if not approved and not note:
        raise ValidationError(gettext("审核不通过时请填写理由"))
    decision = EventDecision(
        area=event.area, event=event, approved=approved, decided_by=actor, note=note[:200]
    )
    return save_audited(
        decision,
        actor=actor,
        action="vanguard_event.approved" if approved else "vanguard_event.rejected",
        about=event,
        changes={"note": note},
    )


# --- rounds ---------------------------------------------------------------------------------------


def _rated_members(*, town: Area, scheme: Scheme, year: int) -> list[PartyMember]:
    end = dt.date(year, 12, 31)
    return list(
        PartyMember.objects.filter(area__path__startswith=town.path, joined_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
        .filter(category__in=list(scheme.categories))
        .select_related("person", "organisation__parent")
        .order_by("pk")
    )


def _write_results(rnd: Round) -> int:
    """(Re)compute every result of a round that is not final; returns the number of results."""
    scheme = rnd.scheme
    members = _rated_members(town=rnd.area, scheme=scheme, year=rnd.year)
    events = selectors.effective_events(area=rnd.area, year=rnd.year)
    items = selectors.scheme_items(scheme)
    scores = {
        m.pk: scoring.compute(
            scheme=scheme, items=items, category=m.category, events=events.get(m.pk, [])
        )
        for m in members
    }
    branches = {m.pk: selectors.branch_of(m) for m in members}
    town_ranks = scoring.competition_ranks([(pk, s.score) for pk, s in scores.items()])
    by_branch: defaultdict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for m in members:
        by_branch[branches[m.pk].pk].append((m.pk, scores[m.pk].score))
    branch_ranks: dict[int, int] = {}
    for pairs in by_branch.values():
        branch_ranks.update(scoring.competition_ranks(pairs))

    # Rows that an objection points at are updated in place; the others are simply replaced.
    kept = Result.objects.inherited().filter(round=rnd, objections__isnull=False).distinct()
    existing = {r.member_id: r for r in kept}
    Result.objects.inherited().filter(round=rnd).exclude(pk__in=[r.pk for r in kept]).delete()
    fresh, changed = [], []
    fields = [
        "organisation",
        "category",
        "scheme_code",
        "base",
        "bonus_raw",
        "bonus",
        "deduction",
        "score",
        "grade",
        "follow_up",
        "follow_up_action",
        "rank_branch",
        "branch_size",
        "rank_town",
        "town_size",
        "explanation",
        "family_points",
    ]
    for m in members:
        s = scores[m.pk]
        branch = branches[m.pk]
        values: dict[str, Any] = {
            "organisation": branch,
            "category": m.category,
            "scheme_code": scheme.code,
            "base": s.base,
            "bonus_raw": s.bonus_raw,
            "bonus": s.bonus,
            "deduction": s.deduction,
            "score": s.score,
            "grade": s.grade,
            "follow_up": s.follow_up,
            "follow_up_action": scheme.follow_up_action if s.follow_up else "",
            "rank_branch": branch_ranks[m.pk],
            "branch_size": len(by_branch[branch.pk]),
            "rank_town": town_ranks[m.pk],
            "town_size": len(members),
            "explanation": s.explanation(),
            "family_points": s.family_points,
        }
        row = existing.pop(m.pk, None)
        if row is None:
            fresh.append(Result(area_id=m.area_id, round=rnd, member=m, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    Result.objects.bulk_create(fresh, batch_size=500)
    if changed:
        Result.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=100)
    return len(members)


@transaction.atomic
def round_compute(*, town: Area, year: int, actor: Any) -> Round:
    """Compute (or recompute) a town's results for a year from the scheme valid that year."""
    require_at(actor, VANGUARD_MANAGE, town, gettext("您无权测算该镇街的先锋指数"))
    if town.level != Area.Level.TOWN:
        raise ValidationError(gettext("先锋指数按镇(街道)测算，请选择一个镇(街道)"))
    if year > timezone.localdate().year:
        raise ValidationError(gettext("不能测算未来年度的先锋指数"))
    scheme = selectors.scheme_for(area=town, year=year)
    if scheme is None:
        raise ValidationError(gettext("%(year)s年度没有已发布的先锋指数方案") % {"year": year})
    rnd = (
        Round.objects.inherited()
        .select_for_update(of=("self",))
        .filter(area=town, year=year)
        .first()
    )
    if rnd is not None and rnd.is_final:
        raise ValidationError(
            gettext("%(display_name)s%(year)s年度先锋指数已确定，不能重新测算")
            % {"display_name": town.display_name, "year": year}
        )
    if rnd is None:
        rnd = Round(area=town, year=year, status=Round.Status.COMPUTED)
    before = rnd.scheme_id if rnd.pk else None
    rnd.scheme = scheme
    rnd.computed_at = timezone.now()
    rnd.full_clean()
    rnd.save()
    count = _write_results(rnd)
    audit.log(
        actor=actor,
        action="vanguard_round.computed",
        obj=rnd,
        changes={"scheme": [before, scheme.code], "results": count},
    )
    return rnd


@transaction.atomic
def round_publicise(*, round: Round, actor: Any, start: dt.date | None = None) -> Round:
    """Recompute from the latest events, then publicise for the scheme's number of days."""
    require_at(actor, VANGUARD_MANAGE, round.area, gettext("您无权公示该镇街的先锋指数"))
    rnd = (
        Round.objects.inherited()
        .select_for_update(of=("self",))
        .select_related("scheme", "area")
        .get(pk=round.pk)
    )
    if rnd.status != Round.Status.COMPUTED:
        raise ValidationError(
            gettext("当前状态为“%(get_status_display)s”，只有已测算的结果可以公示")
            % {"get_status_display": rnd.get_status_display()}
        )
    scheme = selectors.scheme_for(area=rnd.area, year=rnd.year)
    if scheme is None:
        raise ValidationError(gettext("%(year)s年度没有已发布的先锋指数方案") % {"year": rnd.year})
    rnd.scheme = scheme
    rnd.computed_at = timezone.now()
    count = _write_results(rnd)
    if count == 0:
        raise ValidationError(gettext("没有参评党员，不能公示"))
    rnd.status = Round.Status.PUBLICISED
    rnd.publicised_on = start or timezone.localdate()
    rnd.publicity_days = scheme.publicity_days
    return save_audited(
        rnd,
        actor=actor,
        action="vanguard_round.publicised",
        changes={
            "status": ["computed", "publicised"],
            "publicised_on": rnd.publicised_on.isoformat(),
            "days": rnd.publicity_days,
            "results": count,
        },
    )


@transaction.atomic
def round_finalise(*, round: Round, actor: Any, today: dt.date | None = None) -> Round:
    """After 公示 and with every objection decided, the results become final and frozen."""
    require_at(actor, VANGUARD_MANAGE, round.area, gettext("您无权确定该镇街的先锋指数"))
    rnd = lock(round)
    if rnd.status != Round.Status.PUBLICISED:
        raise ValidationError(
            gettext("当前状态为“%(get_status_display)s”，公示后才能确定结果")
            % {"get_status_display": rnd.get_status_display()}
        )
    today = today or timezone.localdate()
    ends = rnd.publicity_ends
    if ends is not None and today <= ends:
        raise ValidationError(
            gettext("公示期至%(ends)s，公示期满后才能确定结果")
            % {"ends": format(ends, gettext("%Y年%m月%d日"))}
        )
    pending = (
        Objection.objects.inherited().filter(result__round=rnd, status__in=Objection.OPEN).count()
    )
    if pending:
        raise ValidationError(
            gettext("还有%(pending)s件异议尚未裁定，不能确定结果") % {"pending": pending}
        )
    return save_fields(
        rnd,
        actor=actor,
        action="vanguard_round.finalised",
        changes={"status": ["publicised", "final"]},
        status=Round.Status.FINAL,
        finalised_at=timezone.now(),
    )


# --- objections -----------------------------------------------------------------------------------


@transaction.atomic
def objection_raise(
    *, result: Result, by: Any, reason: str, today: dt.date | None = None
) -> Objection:
    """A member objects to their own result during 公示."""
    member = PartyMember.objects.inherited().select_related("person").get(pk=result.member_id)
    if by is None or member.person.user_id != getattr(by, "pk", None):
        raise ValidationError(gettext("只能对本人的先锋指数结果提出异议"))
    rnd = Round.objects.inherited().get(pk=result.round_id)
    if not rnd.in_publicity(today or timezone.localdate()):
        raise ValidationError(gettext("只能在公示期内提出异议"))
    reason = _required(reason, gettext("请填写异议理由"))
    if Objection.objects.inherited().filter(result=result, status__in=Objection.OPEN).exists():
        raise ValidationError(gettext("您对该结果已有尚未办结的异议"))
    objection = Objection(
        area=result.area,
        result=result,
        raised_by=by,
        reason=reason[:500],
        status=Objection.Status.RAISED,
    )
    return save_audited(
        objection, actor=by, action="vanguard_objection.raised", changes={"reason": reason}
    )


@transaction.atomic
def objection_answer(*, objection: Objection, by: Any, answer: str) -> Objection:
    """The branch (village) answers the objection."""
    require_at(by, VANGUARD_ANSWER, objection.area, gettext("您无权答复该异议"))
    objection = lock(objection)
    if objection.status != Objection.Status.RAISED:
        raise ValidationError(gettext("该异议已答复"))
    answer = _required(answer, gettext("请填写答复意见"))
    return save_fields(
        objection,
        actor=by,
        action="vanguard_objection.answered",
        changes={"answer": answer},
        answer=answer[:500],
        answered_by=by,
        answered_at=timezone.now(),
        status=Objection.Status.ANSWERED,
    )


@transaction.atomic
def objection_decide(*, objection: Objection, by: Any, upheld: bool, note: str) -> Objection:
    """The town decides. When the objection is upheld (after the staff have recorded the
    corrections), the round is recomputed from the events."""
    objection = (
        Objection.objects.inherited()
        .select_for_update(of=("self",))
        .select_related("result__round__area")
        .get(pk=objection.pk)
    )
    rnd = objection.result.round
    require_at(by, VANGUARD_MANAGE, rnd.area, gettext("您无权裁定该异议"))
    if objection.status == Objection.Status.RAISED:
        raise ValidationError(gettext("支部答复后才能裁定"))
    if not objection.is_open:
        raise ValidationError(gettext("该异议已裁定"))
    note = _required(note, gettext("请填写裁定意见"))
    save_fields(
        objection,
        actor=by,
        action="vanguard_objection.upheld" if upheld else "vanguard_objection.rejected",
        changes={"note": note},
        status=Objection.Status.UPHELD if upheld else Objection.Status.REJECTED,
        decision_note=note[:500],
        decided_by=by,
        decided_at=timezone.now(),
    )
    if upheld:
        rnd.computed_at = timezone.now()
        rnd.save(update_fields=["computed_at", "updated_at"])
        _write_results(rnd)
    return objection


@transaction.atomic
def score_events_import(*, rows: list[Any], recorded_by: Any) -> list[ScoreEvent]:
    """Record the rows of an uploaded file, all or nothing: each row goes through the same rules
    as `score_event_record` (source "import"); a row identical to an event already recorded is
    refused, so importing the same file twice adds nothing. Errors name the row."""
    errors: list[str] = []
    saved: list[ScoreEvent] = []
    for row in rows:
        duplicate = (
            ScoreEvent.objects.inherited()
            .filter(
                member=row.member,
                item_code=row.item_code,
                date=row.date,
                evidence=row.evidence.strip()[:500],
                corrects__isnull=True,
            )
            .exists()
        )
        if duplicate:
            errors.append(
                gettext("第%(number)s行 事实与佐证: 与已登记的事件重复") % {"number": row.number}
            )
            continue
        try:
            with transaction.atomic():
                saved.append(
                    score_event_record(
                        member=row.member,
                        item_code=row.item_code,
                        date=row.date,
                        points=row.points,
                        evidence=row.evidence,
                        recorded_by=recorded_by,
                        source="import",
                    )
                )
        except ValidationError as e:
            pairs = (
                [(f, m) for f, ms in e.message_dict.items() for m in ms]
                if hasattr(e, "error_dict")
                else [(None, m) for m in e.messages]
            )
            errors += [
                gettext("第%(number)s行 %(column)s: %(message)s")
                % {"number": row.number, "column": _column_of(m, f), "message": m}
                for f, m in pairs
            ]
    if errors:
        raise ValidationError(errors)
    return saved


# The file's column a row error belongs to: by the field the error names, else by the words of the
# message (in the reader's language).
_COLUMN_OF_FIELD = {
    "item": gettext_noop("项目代码"),
    "item_code": gettext_noop("项目代码"),
    "scheme": gettext_noop("项目代码"),
    "date": gettext_noop("发生日期"),
    "points": gettext_noop("分值"),
    "evidence": gettext_noop("事实与佐证"),
    "member": gettext_noop("党员身份证号"),
}
_COLUMN_WORDS = (
    (
        gettext_noop("项目代码"),
        (gettext_noop("项目"), gettext_noop("方案"), gettext_noop("不适用")),
    ),
    (
        gettext_noop("发生日期"),
        (gettext_noop("日期"), gettext_noop("在册"), gettext_noop("已确定")),
    ),
    (gettext_noop("分值"), (gettext_noop("分值"), gettext_noop("上限"))),
    (gettext_noop("事实与佐证"), (gettext_noop("佐证"),)),
)


def _column_of(message: str, field: str | None = None) -> str:
    if field in _COLUMN_OF_FIELD:
        return gettext(_COLUMN_OF_FIELD[field])
    for column, words in _COLUMN_WORDS:
        if any(gettext(word) in message for word in words):
            return gettext(column)
    return gettext("党员身份证号")
