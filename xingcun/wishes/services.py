"""Every write of the 微心愿 workflow: one atomic, audited function per transition."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import lock, scope
from xingcun.core.seeding import system_create
from xingcun.core.writes import save_audited, save_status, update_fields
from xingcun.organisations.models import Organisation
from xingcun.people.models import Household, PartyMember
from xingcun.wishes import selectors
from xingcun.wishes.models import PublicRefusal, Wish, WishClaim, WishRule

Status = Wish.Status
ClaimStatus = WishClaim.Status

WISH_NOT_OPEN = gettext_noop("该心愿已被认领或尚未发布到心愿墙，不能认领")
WISH_ALREADY_CLAIMED = gettext_noop("该心愿刚刚已被其他人认领，请选择其他心愿")
WISH_TAKEN = gettext_noop("该心愿已被认领，请选择心愿墙上的其他心愿")
WISH_DONE = gettext_noop("该心愿已经实现，请选择心愿墙上的其他心愿")
WISH_WITHDRAWN = gettext_noop("该心愿已从心愿墙下架，不能认领")


def claim_refusal(wish: Wish) -> str:
    """Why `wish` cannot be claimed now, in words (a race's loser reads this, never a 404)."""
    if wish.status in (Status.CLAIMED, Status.DELIVERED):
        return gettext(WISH_TAKEN)
    if wish.status == Status.FULFILLED:
        return gettext(WISH_DONE)
    if wish.status == Status.WITHDRAWN:
        return gettext(WISH_WITHDRAWN)
    return gettext(WISH_NOT_OPEN)


NOT_CLAIMER = gettext_noop("只有认领人本人可以办理该认领")
CONFIRM_OUTSIDE = gettext_noop("只有心愿所在村(社区)或其上级的工作人员可以确认心愿已实现")
CONFIRM_BY_CLAIMER = gettext_noop("认领人不能确认自己认领的心愿，请由村干部向心愿人核实后确认")
EVIDENCE_TYPES = (".jpg", ".jpeg", ".png", ".heic", ".webp", ".pdf", ".doc", ".docx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _expect(wish: Wish, *statuses: str, message: str) -> None:
    if wish.status not in statuses:
        raise ValidationError(message)


def _locked(wish: Wish) -> Wish:
    """The wish row, locked until the transaction ends and re-read after any concurrent change.
    Through the base manager: the view has already found the wish in the user's scope (or on the
    user's wall), and the lock must not join other tables."""
    return lock(wish)


@transaction.atomic
def rule_ensure_default(*, district: Area) -> WishRule:
    """The district's first rule (30 days to fulfil a claim, 2 points a wish), created once."""
    existing = WishRule.objects.inherited().filter(area=district).order_by("valid_from").first()
    if existing is not None:
        return existing
    rule = WishRule(
        area=district,
        name="微心愿认领规则",
        valid_from=2017,
        claim_days=selectors.DEFAULT_CLAIM_DAYS,
        points=selectors.DEFAULT_POINTS,
        vanguard_item=selectors.DEFAULT_ITEM,
    )
    return system_create(rule, action="wish-rules.created", changes={"name": [None, rule.name]})


# --- collect, verify, publish, withdraw -----------------------------------------------------------


@transaction.atomic
def wish_submit(
    *,
    area: Area,
    title: str,
    content: str,
    category: str,
    wisher_name: str,
    by: Any,
    phone: str = "",
    household: Household | None = None,
    source: str = Wish.Source.STAFF,
    on: dt.date | None = None,
) -> Wish:
    """Collect a wish for a resident of `area` (a village): it waits for verification."""
    if area.level != Area.Level.VILLAGE:
        raise ValidationError(gettext("心愿应登记在村(社区)，请选择村(社区)"))
    wish = Wish(
        area=area,
        title=title.strip(),
        content=content.strip(),
        category=category,
        wisher_name=wisher_name.strip(),
        phone=phone.strip(),
        household=household,
        source=source,
        submitted_on=_today(on),
    )
    return save_audited(
        wish,
        actor=by,
        action="wishes.submitted",
        changes={"title": [None, wish.title], "source": wish.get_source_display()},
    )


def _next_number(village: Area, year: int) -> str:
    """WX-<village code>-<year>-<nnn>; the caller holds the village's lock."""
    prefix = f"WX-{village.code}-{year}-"
    taken = Wish.objects.filter(number__startswith=prefix).count()  # the village is in scope
    return f"{prefix}{taken + 1:03d}"


@transaction.atomic
def wish_verify(*, wish: Wish, by: Any, on: dt.date | None = None) -> Wish:
    """Staff checked the wish with the resident: it gets its number and waits for publication."""
    wish = _locked(wish)
    _expect(wish, Status.SUBMITTED, message=gettext("只有待核实的心愿可以核实"))
    day = _today(on)
    if day < wish.submitted_on:
        raise ValidationError(gettext("核实日期不能早于收集日期"))
    Area.tree.select_for_update().get(pk=wish.area_id)  # numbers are taken one at a time
    save_status(
        wish,
        Status.VERIFIED,
        actor=by,
        action="wishes.verified",
        verified_on=day,
        number=_next_number(wish.area, day.year),
    )
    return wish


@transaction.atomic
def wish_publish(*, wish: Wish, by: Any, on: dt.date | None = None) -> Wish:
    wish = _locked(wish)
    _expect(wish, Status.VERIFIED, message=gettext("只有已核实（待发布）的心愿可以发布到心愿墙"))
    save_status(wish, Status.OPEN, actor=by, action="wishes.published", published_on=_today(on))
    return wish


@transaction.atomic
def wish_withdraw(*, wish: Wish, by: Any, reason: str) -> Wish:
    """Take a wish off the wall (or refuse it at verification); not while someone holds it."""
    wish = _locked(wish)
    _expect(
        wish,
        Status.SUBMITTED,
        Status.VERIFIED,
        Status.OPEN,
        message=gettext("已被认领或已办结的心愿不能下架"),
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError(gettext("请填写下架原因"))
    save_status(
        wish,
        Status.WITHDRAWN,
        actor=by,
        action="wishes.withdrawn",
        changes={"reason": reason},
        withdraw_reason=reason,
    )
    return wish


# --- claim, fulfil, release, confirm, expire ------------------------------------------------------


def _expire(claim: WishClaim, wish: Wish) -> None:
    update_fields(claim, status=ClaimStatus.EXPIRED, closed_on=claim.due_on)
    update_fields(wish, status=Status.OPEN)
    audit.log(
        actor=None,
        action="wish-claims.expired",
        obj=claim,
        via_path="system",
        changes={"status": [str(ClaimStatus.ACTIVE.label), claim.get_status_display()]},
    )


@transaction.atomic
def wish_claim(
    *,
    wish: Wish,
    by: Any,
    member: PartyMember | None = None,
    organisation: Organisation | None = None,
    now: dt.datetime | None = None,
) -> WishClaim:
    """Claim a wish for a member (the user's own record) or for an organisation.

    The wish row is locked, so concurrent claims wait and then see it claimed; the partial unique
    constraint (one live claim per wish) is the final guard."""
    if (member is None) == (organisation is None):
        raise ValidationError(gettext("请选择以党员本人或以党组织名义认领"))
    if member is not None and member.person.user_id != getattr(by, "pk", None):
        raise ValidationError(gettext("党员只能以本人名义认领心愿"))
    if member is not None and member.left_on is not None:
        raise ValidationError(gettext("该党员已不在册，不能认领"))
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    wish = _locked(wish)
    if wish.status == Status.CLAIMED:
        held = WishClaim.objects.inherited().filter(wish=wish, status__in=WishClaim.LIVE).first()
        if held is not None and held.is_overdue(day):
            _expire(held, wish)  # the deadline passed: the wish is back on the wall
    if wish.status != Status.OPEN:
        raise ValidationError(claim_refusal(wish))
    terms = selectors.rule_for(area=wish.area, year=day.year)
    claim = WishClaim(
        area_id=wish.area_id,
        wish=wish,
        member=member,
        organisation=organisation,
        claimed_by=by,
        claimed_at=moment,
        due_on=day + dt.timedelta(days=terms.claim_days),
    )
    claim.full_clean(validate_constraints=False)  # the DB checks "one live claim" under the lock
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as e:
        raise ValidationError(gettext(WISH_ALREADY_CLAIMED)) from e
    save_status(
        wish,
        Status.CLAIMED,
        actor=by,
        action="wishes.claimed",
        changes={"claimer": claim.claimer_name, "due_on": claim.due_on.isoformat()},
        first_claimed_on=wish.first_claimed_on or day,
    )
    return claim


def _claim_locked(claim: WishClaim) -> tuple[WishClaim, Wish]:
    wish = _locked(claim.wish)
    return lock(claim), wish


def may_act_for(*, claim: WishClaim, user: Any, area: Area | None) -> bool:
    """The claimer: the member in person; for an organisation, whoever claimed it or a cadre whose
    jurisdiction covers the organisation."""
    if claim.member_id is not None:
        return bool(claim.member and claim.member.person.user_id == getattr(user, "pk", None))
    if claim.claimed_by_id == getattr(user, "pk", None):
        return True
    return bool(area is not None and claim.organisation and area.contains(claim.organisation.area))


def _check_evidence(upload: UploadedFile[Any] | None) -> None:
    if upload is None:
        return
    if not (upload.name or "").lower().endswith(EVIDENCE_TYPES):
        raise ValidationError(gettext("佐证材料只能是照片（JPG、PNG、HEIC）、PDF 或 Word 文件"))
    if upload.size and upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(gettext("佐证材料不能超过 10 MB"))


@transaction.atomic
def claim_deliver(
    *,
    claim: WishClaim,
    by: Any,
    area: Area | None,
    note: str,
    evidence: UploadedFile[Any] | None = None,
    on: dt.date | None = None,
) -> WishClaim:
    """The claimer reports the wish fulfilled, with what was done and a photo or document."""
    claim, wish = _claim_locked(claim)
    if not may_act_for(claim=claim, user=by, area=area):
        raise ValidationError(gettext(NOT_CLAIMER))
    if claim.status != ClaimStatus.ACTIVE:
        raise ValidationError(gettext("该认领已报告实现或已结束"))
    day = _today(on)
    if claim.is_overdue(day):
        raise ValidationError(
            gettext("认领已超过限期（%(due_on)s），心愿将重回心愿墙")
            % {"due_on": format(claim.due_on, "%Y-%m-%d")}
        )
    note = note.strip()
    if not note:
        raise ValidationError(gettext("请填写心愿实现情况"))
    _check_evidence(evidence)
    update_fields(
        claim,
        status=ClaimStatus.DELIVERED,
        delivered_on=day,
        note=note,
        **({"evidence": evidence} if evidence is not None else {}),
    )
    save_status(
        wish,
        Status.DELIVERED,
        actor=by,
        action="wishes.delivered",
        changes={"note": note, "evidence": claim.evidence.name or ""},
    )
    return claim


@transaction.atomic
def claim_release(*, claim: WishClaim, by: Any, area: Area | None) -> WishClaim:
    """The claimer gives the wish up; it returns to the wall."""
    claim, wish = _claim_locked(claim)
    if not may_act_for(claim=claim, user=by, area=area):
        raise ValidationError(gettext(NOT_CLAIMER))
    if claim.status != ClaimStatus.ACTIVE:
        raise ValidationError(gettext("只有认领中的心愿可以放弃"))
    update_fields(claim, status=ClaimStatus.RELEASED, closed_on=timezone.localdate())
    save_status(wish, Status.OPEN, actor=by, action="wishes.released")
    return claim


def _reported_claim(
    wish: Wish, by: Any, area: Area | None, *, refusal: str
) -> tuple[Wish, WishClaim]:
    """The locked wish whose claimer reported it fulfilled, with that claim, locked too, for staff
    of `area` other than the claimer to confirm or return; `refusal` when nothing was reported."""
    wish = _locked(wish)
    _expect(wish, Status.DELIVERED, message=refusal)
    claim = (
        WishClaim.objects.inherited()
        .select_for_update(of=("self",))
        .get(wish=wish, status=ClaimStatus.DELIVERED)
    )
    if area is None or not area.contains(wish.area):
        raise ValidationError(gettext(CONFIRM_OUTSIDE))
    if claim.claimed_by_id == getattr(by, "pk", None) or (
        claim.member is not None and claim.member.person.user_id == getattr(by, "pk", None)
    ):
        raise ValidationError(gettext(CONFIRM_BY_CLAIMER))
    return wish, claim


@transaction.atomic
def wish_confirm(*, wish: Wish, by: Any, area: Area | None, on: dt.date | None = None) -> Wish:
    """Staff confirmed with the resident that the wish came true: the wish is closed as fulfilled
    and the claimer earns the points of the rule valid on that day."""
    wish, claim = _reported_claim(
        wish, by, area, refusal=gettext("只有认领人已报告实现的心愿可以确认")
    )
    day = _today(on)
    if claim.delivered_on and day < claim.delivered_on:
        raise ValidationError(gettext("确认日期不能早于报告实现日期"))
    terms = selectors.rule_for(area=wish.area, year=day.year)
    update_fields(claim, status=ClaimStatus.DONE, closed_on=day, confirmed_by=by)
    update_fields(
        wish,
        status=Status.FULFILLED,
        fulfilled_on=day,
        days_to_fulfil=(day - wish.submitted_on).days,
        points=terms.points if claim.member_id else None,
    )
    changes: dict[str, Any] = {
        "status": [str(Status.DELIVERED.label), wish.get_status_display()],
        "claimer": claim.claimer_name,
        "points": str(wish.points) if wish.points is not None else "",
    }
    if claim.member is not None and wish.points:
        changes["vanguard"] = _score_vanguard(wish, claim.member, claim.note, terms, by, day)
    audit.log(actor=by, action="wishes.fulfilled", obj=wish, changes=changes)
    return wish


def _score_vanguard(
    wish: Wish, member: PartyMember, note: str, terms: selectors.Terms, by: Any, day: dt.date
) -> str:
    """Add the wish's points to the claimer's 先锋指数 when that app is installed; otherwise (or when
    the index refuses the event, e.g. a yearly cap) the points stay recorded on the wish."""
    if not apps.is_installed("xingcun.vanguard"):
        return gettext("先锋指数模块未启用，积分记录在心愿上")
    from xingcun.vanguard import services as vanguard  # type: ignore[attr-defined,unused-ignore]

    try:
        with transaction.atomic():
            vanguard.score_event_record(
                member=member,
                item_code=terms.vanguard_item,
                date=day,
                points=wish.points,
                evidence=(
                    gettext("微心愿%(number)s“%(title)s”已实现：%(note)s")
                    % {"number": wish.number, "title": wish.title, "note": note}
                )[:500],
                recorded_by=by,
                source="wish",
            )
    except (ValidationError, LookupError) as e:
        messages = getattr(e, "messages", None) or [str(e)]
        return gettext("未记入先锋指数：") + "；".join(messages)
    return gettext("已记入先锋指数")


@transaction.atomic
def wish_return(*, wish: Wish, by: Any, area: Area | None, reason: str) -> Wish:
    """The resident says the wish is not fulfilled yet: the claim goes back to the claimer."""
    wish, claim = _reported_claim(
        wish, by, area, refusal=gettext("只有认领人已报告实现的心愿可以退回")
    )
    if not reason.strip():
        raise ValidationError(gettext("请填写退回原因"))
    day = timezone.localdate()
    update_fields(
        claim,
        status=ClaimStatus.ACTIVE,
        delivered_on=None,
        due_on=max(claim.due_on, day + dt.timedelta(days=7)),
    )
    save_status(
        wish, Status.CLAIMED, actor=by, action="wishes.returned", changes={"reason": reason}
    )
    return wish


@transaction.atomic
def claims_expire(*, on: dt.date | None = None) -> int:
    """Expire every active claim past its deadline inside the current scope (a daily command)."""
    day = _today(on)
    count = 0
    for claim in WishClaim.objects.filter(status=ClaimStatus.ACTIVE, due_on__lt=day).order_by("pk"):
        wish = _locked(claim.wish)
        claim = lock(claim)
        if claim.status == ClaimStatus.ACTIVE and claim.is_overdue(day):
            _expire(claim, wish)
            count += 1
    return count


def public_refusal_count(*, village: Area, reason: str, on: dt.date | None = None) -> None:
    """Count one submission of the public page that was kept off the wall (no text is kept). One row
    per village, day and reason, incremented in place, so a flood cannot grow the table."""
    day = _today(on)
    with scope(area=village.path):  # the public page has no login: the village's own counter
        try:
            with transaction.atomic():
                row, _ = PublicRefusal.objects.get_or_create(area=village, day=day, reason=reason)
        except IntegrityError:  # a concurrent request created it first
            row = PublicRefusal.objects.get(area=village, day=day, reason=reason)
        PublicRefusal.objects.filter(pk=row.pk).update(count=F("count") + 1)
