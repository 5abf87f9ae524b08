"""Every write of pairing: standing, configuration defaults, recommendation runs, agreements,
activities and the yearly 双整/示范村 assessment. Each is atomic, permission-checked and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.permissions import require
from xingcun.core.writes import save_checked
from xingcun.organisations.models import Organisation
from xingcun.pairing import selectors, solver
from xingcun.pairing.linan import LINAN_NEIGHBOURS
from xingcun.pairing.models import (
    Activity,
    Agreement,
    AgreementRenewal,
    ChecklistItem,
    CooperationArea,
    OrganisationStanding,
    PairingRun,
    PairingTarget,
    PairingWeights,
    PairRule,
    Proposal,
    TownAdjacency,
    VillageAssessment,
)
from xingcun.pairing.permissions import (
    PAIRING_CONFIGURE,
    PAIRING_EDIT,
    PAIRING_RECOMMEND,
    STANDING_EDIT,
)

DEFAULT_COOPERATION_AREAS = ("电商平台建设", "市场资源共享", "电商人才培养")
DEFAULT_CHECKLIST = (
    "村级党组织班子坚强有力",
    "党员队伍管理规范",
    "村级集体经济稳定增收",
    "阵地建设和为民服务规范",
    "基层治理有序有效",
)
DEFAULT_FROM = 2017
EVIDENCE_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".xls", ".docx", ".doc")
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
FOUR_PLACES = Decimal("0.0001")


def _check_evidence(upload: UploadedFile[Any] | None) -> None:
    if upload is None:
        return
    if not (upload.name or "").lower().endswith(EVIDENCE_TYPES):
        raise ValidationError(gettext("佐证材料只能是 PDF、图片、Excel 或 Word 文件"))
    if upload.size and upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(gettext("佐证材料不能超过 20 MB"))


# --- standing -------------------------------------------------------------------------------------


@transaction.atomic
def standing_set_star(
    *, organisation: Organisation, year: int, star: int, source: str, actor: Any
) -> OrganisationStanding:
    """Record an organisation's star level for `year` (the star rating calls this when a rating
    becomes final). Titles and the 软弱后进 designation of the year are kept."""
    require(actor, STANDING_EDIT)
    if source not in OrganisationStanding.Source.values:
        raise ValidationError(gettext("未知的星级来源“%(source)s”") % {"source": source})
    if not 0 <= star <= 5:
        raise ValidationError(gettext("星级应在0到5之间"))
    standing = (
        OrganisationStanding.objects.inherited()
        .select_for_update(of=("self",))
        .filter(organisation=organisation, year=year)
        .first()
    )
    before = audit.snapshot(standing) if standing else {}
    if standing is None:
        standing = OrganisationStanding(organisation=organisation, year=year)
    standing.area = organisation.area
    standing.star_level, standing.source = star, source
    if standing.lagging and star >= 4:
        standing.lagging = False  # a rating of four stars or more lifts the designation
    save_checked(standing)
    audit.log_change(actor=actor, action="standing.star_set", obj=standing, before=before)
    return standing


# --- defaults -------------------------------------------------------------------------------------


@transaction.atomic
def ensure_defaults(
    *, district: Area, years: Iterable[int] = (), actor: Any = None
) -> dict[str, int]:
    """DOMAIN.md's defaults for `district`, created once: cooperation areas, recommendation
    weights, the 双整 checklist, neighbouring towns (临安区's built-in list, else none: adjacent
    codes then apply), and a target for each of `years`."""
    require(actor, PAIRING_CONFIGURE)
    if district.level != Area.Level.COUNTY:
        raise ValidationError(gettext("默认配置只能建在区(县)"))
    created = {"cooperation_areas": 0, "weights": 0, "checklist": 0, "adjacency": 0, "targets": 0}
    for order, name in enumerate(DEFAULT_COOPERATION_AREAS, start=1):
        _, new = CooperationArea.objects.inherited().get_or_create(
            area=district, name=name, defaults={"order": order, "valid_from": DEFAULT_FROM}
        )
        created["cooperation_areas"] += new
    if not PairingWeights.objects.inherited().filter(area=district).exists():
        PairingWeights.objects.create(area=district, valid_from=DEFAULT_FROM)
        created["weights"] += 1
    if not ChecklistItem.objects.inherited().filter(area=district).exists():
        for order, name in enumerate(DEFAULT_CHECKLIST, start=1):
            ChecklistItem.objects.create(
                area=district, name=name, order=order, valid_from=DEFAULT_FROM
            )
            created["checklist"] += 1
    if (
        district.code.startswith("330112")
        and not TownAdjacency.objects.inherited().filter(area=district).exists()
    ):
        towns = {a.code[:9]: a for a in Area.tree.filter(parent=district)}
        rows = [
            TownAdjacency(area=district, town_a=towns[a], town_b=towns[b])
            for a, b in LINAN_NEIGHBOURS
            if a in towns and b in towns
        ]
        TownAdjacency.objects.bulk_create(rows)
        created["adjacency"] += len(rows)
    for year in years:
        _, new = PairingTarget.objects.inherited().get_or_create(area=district, year=year)
        created["targets"] += new
    if any(created.values()):
        audit.log(
            actor=actor, action="pairing_defaults.created", obj=district, changes=created,
            via_path=None if actor else "system",
        )  # fmt: skip
    return created


# --- recommendation -------------------------------------------------------------------------------

WEIGHT_FIELDS = ("industry", "distance", "strength", "same_town", "neighbour", "elsewhere")


@transaction.atomic
def run_create(
    *,
    area: Area,
    year: int,
    actor: Any,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
) -> PairingRun:
    """A new recommendation for `year` at `area`, with the weights valid for the year."""
    require(actor, PAIRING_RECOMMEND)
    weights = selectors.weights_for(area=area, year=year)
    if weights is None:
        raise ValidationError(
            gettext("%(year)s年没有有效的结对推荐参数，请先在“结对推荐参数”中设置") % {"year": year}
        )
    run = PairingRun(
        area=area,
        year=year,
        capacity=weights.capacity,
        min_star=weights.min_star,
        start_on=start_on or dt.date(year, 1, 1),
        end_on=end_on or dt.date(year + 2, 12, 31),  # the three-year 整镇推进、整区提升 action
        created_by=actor if getattr(actor, "pk", None) else None,
        **{name: getattr(weights, name) for name in WEIGHT_FIELDS},
    )
    save_checked(run)
    audit.log(actor=actor, action="pairing_run.created", obj=run, changes={"year": year})
    return run


def _draft(run: PairingRun) -> None:
    if run.status != PairingRun.Status.DRAFT:
        raise ValidationError(gettext("该推荐已采纳，不能再调整；请新建一次推荐"))


@transaction.atomic
def run_update(*, run: PairingRun, actor: Any, **values: Any) -> PairingRun:
    """Adjust a run's weights, capacity, minimum star level or agreement period."""
    require(actor, PAIRING_RECOMMEND)
    _draft(run)
    allowed = {*WEIGHT_FIELDS, "capacity", "min_star", "start_on", "end_on"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(gettext("不能修改：%(join)s") % {"join": "、".join(sorted(unknown))})
    before = audit.snapshot(run)
    for name, value in values.items():
        setattr(run, name, value)
    save_checked(run)
    audit.log_change(actor=actor, action="pairing_run.updated", obj=run, before=before)
    return run


@transaction.atomic
def rule_add(
    *, run: PairingRun, strong: Organisation, weak: Organisation, kind: str, actor: Any
) -> PairRule:
    """Lock a pair into the run's solution, or forbid it."""
    require(actor, PAIRING_RECOMMEND)
    _draft(run)
    if strong.pk == weak.pk:
        raise ValidationError(gettext("党组织不能与自身结对"))
    if kind not in PairRule.Kind.values:
        raise ValidationError(gettext("请选择锁定或禁止"))
    existing = PairRule.objects.inherited().filter(run=run, strong=strong, weak=weak).first()
    if existing is not None:
        raise ValidationError(
            gettext("该结对已设为“%(get_kind_display)s”")
            % {"get_kind_display": existing.get_kind_display()}
        )
    if kind == PairRule.Kind.LOCK:
        if (
            PairRule.objects.inherited()
            .filter(run=run, weak=weak, kind=PairRule.Kind.LOCK)
            .exists()
        ):
            raise ValidationError(gettext("“%(weak)s”已锁定了一个帮扶方") % {"weak": weak})
        if (strong.pk, weak.pk) in selectors.failed_pairs():
            raise ValidationError(gettext("该结对曾经未达预期，不能再锁定"))
    rule = PairRule(area=run.area, run=run, strong=strong, weak=weak, kind=kind)
    save_checked(rule)
    audit.log(actor=actor, action="pair_rule.added", obj=run, changes={"rule": str(rule)})
    return rule


@transaction.atomic
def rule_remove(*, rule: PairRule, actor: Any) -> None:
    require(actor, PAIRING_RECOMMEND)
    _draft(rule.run)
    audit.log(actor=actor, action="pair_rule.removed", obj=rule.run, changes={"rule": str(rule)})
    rule.delete()


def problem_for(run: PairingRun) -> tuple[solver.Problem, selectors.Candidates]:
    found = selectors.candidates(run=run)
    rules = list(PairRule.objects.inherited().filter(run=run))
    strong_keys = {s.key for s in found.strong}
    weak_keys = {w.key for w in found.weak}
    for rule in rules:
        if rule.kind == PairRule.Kind.LOCK and not (
            rule.strong_id in strong_keys and rule.weak_id in weak_keys
        ):
            raise ValidationError(
                gettext("锁定的结对“%(strong)s — %(weak)s”不在本次候选名单中")
                % {"strong": rule.strong, "weak": rule.weak}
            )
    weights = solver.Weights(**{name: float(getattr(run, name)) for name in WEIGHT_FIELDS})
    problem = solver.Problem(
        strong=found.strong,
        weak=found.weak,
        weights=weights,
        capacity=found.capacity,
        neighbours=selectors.neighbour_pairs(district=run.area.district()),
        forbidden=selectors.failed_pairs()
        | {(r.strong_id, r.weak_id) for r in rules if r.kind == PairRule.Kind.FORBID},
        locked=[(r.strong_id, r.weak_id) for r in rules if r.kind == PairRule.Kind.LOCK],
    )
    return problem, found


def _distance_label(run: PairingRun, value: float) -> str:
    if value == float(run.same_town) and value != float(run.neighbour):
        return gettext("同镇")
    if value == float(run.neighbour):
        return gettext("相邻镇")
    return gettext("区内其他镇")


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


@transaction.atomic
def run_solve(*, run: PairingRun, actor: Any) -> PairingRun:
    """Solve the run with its current weights, locks and forbids; replace its proposals."""
    require(actor, PAIRING_RECOMMEND)
    _draft(run)
    problem, found = problem_for(run)
    try:
        solution = solver.solve(problem)
        baseline = solver.greedy(problem)
    except solver.ProblemError as e:
        raise ValidationError(str(e)) from e
    Proposal.objects.inherited().filter(run=run).delete()
    sides = {s.key: s for s in (*found.strong, *found.weak)}
    rows = []
    for pair in solution.pairs:
        strong, weak = sides[pair.strong], sides[pair.weak]
        rows.append(
            Proposal(
                area=run.area,
                run=run,
                strong_id=pair.strong,
                weak_id=pair.weak,
                score=_decimal(pair.score),
                industry=_decimal(pair.features["industry"]),
                distance=_decimal(pair.features["distance"]),
                strength=_decimal(pair.features["strength"]),
                locked=pair.locked,
                reasons={
                    "shared": sorted(strong.industries & weak.industries),
                    "distance": _distance_label(run, pair.features["distance"]),
                    "stars": [strong.star, weak.star],
                    "why_weak": found.reasons.get(pair.weak, ""),
                },
            )
        )
    Proposal.objects.bulk_create(rows)
    run.solved_at = timezone.now()
    run.strong_count, run.weak_count = len(found.strong), len(found.weak)
    run.total_score, run.greedy_score = _decimal(solution.total), _decimal(baseline.total)
    run.save(
        update_fields=[
            "solved_at",
            "strong_count",
            "weak_count",
            "total_score",
            "greedy_score",
            "updated_at",
        ]
    )
    audit.log(
        actor=actor,
        action="pairing_run.solved",
        obj=run,
        changes={
            "proposals": len(rows),
            "total_score": str(run.total_score),
            "greedy_score": str(run.greedy_score),
        },
    )
    return run


@transaction.atomic
def run_accept(
    *,
    run: PairingRun,
    proposals: Sequence[Proposal],
    actor: Any,
    cooperation_areas: Iterable[CooperationArea] = (),
) -> list[Agreement]:
    """Turn the chosen proposals of a solved run into agreements for the run's period."""
    require(actor, PAIRING_RECOMMEND)
    _draft(run)
    if run.solved_at is None:
        raise ValidationError(gettext("请先计算推荐结果"))
    if not proposals:
        raise ValidationError(gettext("请至少选择一个结对建议"))
    areas = list(cooperation_areas) or list(
        selectors.cooperation_areas_for(area=run.area, year=run.year)
    )
    agreements = []
    for proposal in proposals:
        if proposal.run_id != run.pk:
            raise ValidationError(gettext("结对建议不属于本次推荐"))
        if proposal.agreement_id is not None:
            raise ValidationError(gettext("“%(proposal)s”已经形成协议") % {"proposal": proposal})
        agreement = agreement_create(
            strong=proposal.strong,
            weak=proposal.weak,
            start_on=run.start_on,
            end_on=run.end_on,
            cooperation_areas=areas,
            targets="",
            actor=actor,
            run=run,
            perm=PAIRING_RECOMMEND,
        )
        proposal.agreement = agreement
        proposal.save(update_fields=["agreement", "updated_at"])
        agreements.append(agreement)
    run.status = PairingRun.Status.ACCEPTED
    run.save(update_fields=["status", "updated_at"])
    audit.log(
        actor=actor, action="pairing_run.accepted", obj=run, changes={"agreements": len(agreements)}
    )
    return agreements


# --- agreements -----------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *,
    strong: Organisation,
    weak: Organisation,
    start_on: dt.date,
    end_on: dt.date,
    cooperation_areas: Iterable[CooperationArea],
    targets: str,
    actor: Any,
    run: PairingRun | None = None,
    perm: str = PAIRING_EDIT,
) -> Agreement:
    require(actor, perm)
    agreement = Agreement(
        area=weak.area,
        strong=strong,
        weak=weak,
        start_on=start_on,
        end_on=end_on,
        targets=targets,
        run=run,
    )
    save_checked(agreement)
    agreement.cooperation_areas.set(list(cooperation_areas))
    audit.log(
        actor=actor, action="agreement.created", obj=agreement, changes=audit.snapshot(agreement)
    )
    return agreement


@transaction.atomic
def agreement_end(
    *, agreement: Agreement, ended_on: dt.date, reason: str, outcome: str, actor: Any
) -> Agreement:
    """End an agreement early or at its term, with a reason and its outcome (a failed pair is never
    proposed again)."""
    require(actor, PAIRING_EDIT)
    if agreement.status != Agreement.Status.ACTIVE:
        raise ValidationError(gettext("该结对已结束"))
    if not reason.strip():
        raise ValidationError(gettext("请填写结束原因"))
    if outcome not in (Agreement.Outcome.SUCCEEDED, Agreement.Outcome.FAILED):
        raise ValidationError(gettext("请选择结对成效"))
    before = audit.snapshot(agreement)
    agreement.status, agreement.ended_on = Agreement.Status.ENDED, ended_on
    agreement.end_reason, agreement.outcome = reason.strip(), outcome
    save_checked(agreement)
    audit.log_change(actor=actor, action="agreement.ended", obj=agreement, before=before)
    return agreement


@transaction.atomic
def agreement_renew(
    *,
    agreement: Agreement,
    new_end_on: dt.date,
    reason: str,
    actor: Any,
    renewed_on: dt.date | None = None,
) -> Agreement:
    """Extend an agreement in force to a later end date, with a reason."""
    require(actor, PAIRING_EDIT)
    if agreement.status != Agreement.Status.ACTIVE:
        raise ValidationError(gettext("已结束的结对不能续签，请新建协议"))
    if new_end_on <= agreement.end_on:
        raise ValidationError(gettext("续签后的结束日期应晚于原结束日期"))
    if not reason.strip():
        raise ValidationError(gettext("请填写续签原因"))
    renewal = AgreementRenewal(
        area=agreement.area,
        agreement=agreement,
        renewed_on=renewed_on or timezone.localdate(),
        previous_end_on=agreement.end_on,
        new_end_on=new_end_on,
        reason=reason.strip(),
    )
    agreement.end_on = new_end_on
    save_checked(agreement)
    save_checked(renewal)
    audit.log(
        actor=actor,
        action="agreement.renewed",
        obj=agreement,
        changes={"end_on": [str(renewal.previous_end_on), str(new_end_on)], "reason": reason},
    )
    return agreement


@transaction.atomic
def activity_log(
    *,
    agreement: Agreement,
    held_on: dt.date,
    kind: str,
    participants: str,
    participant_count: int,
    summary: str,
    actor: Any,
    evidence: UploadedFile[Any] | None = None,
) -> Activity:
    require(actor, PAIRING_EDIT)
    _check_evidence(evidence)
    if not participants.strip():
        raise ValidationError(gettext("请填写参加人员"))
    activity = Activity(
        area=agreement.area,
        agreement=agreement,
        held_on=held_on,
        kind=kind,
        participants=participants.strip(),
        participant_count=participant_count,
        summary=summary,
    )
    if evidence is not None:
        activity.evidence = evidence
    save_checked(activity)
    audit.log(
        actor=actor,
        action="agreement.activity_logged",
        obj=agreement,
        changes={"activity": str(activity), "participants": activity.participants},
    )
    return activity


# --- 双整 and 示范村 ------------------------------------------------------------------------------


@transaction.atomic
def assessment_mark(
    *,
    village: Area,
    year: int,
    items: Iterable[ChecklistItem],
    demonstration: bool,
    actor: Any,
    evidence: UploadedFile[Any] | None = None,
    evidence_note: str = "",
) -> VillageAssessment:
    """Record a village's 双整 checklist for `year`: it is compliant when every item of the year's
    checklist is met, which needs evidence (a file or a note such as a document number)."""
    require(actor, PAIRING_EDIT)
    if village.level != Area.Level.VILLAGE:
        raise ValidationError(gettext("请选择村(社区)"))
    _check_evidence(evidence)
    checklist = list(selectors.checklist_for(area=village, year=year))
    met = list(items)
    if any(item not in checklist for item in met):
        raise ValidationError(gettext("所选项目不在%(year)s年的双整达标标准中") % {"year": year})
    compliant = bool(checklist) and len(set(met)) == len(checklist)
    assessment = VillageAssessment.objects.inherited().filter(area=village, year=year).first()
    before = audit.snapshot(assessment) if assessment else {}
    if assessment is None:
        assessment = VillageAssessment(area=village, year=year)
    assessment.compliant, assessment.demonstration = compliant, demonstration
    assessment.evidence_note = evidence_note.strip()
    if evidence is not None:
        assessment.evidence = evidence
    save_checked(assessment)
    assessment.items_met.set(met)
    audit.log_change(actor=actor, action="assessment.marked", obj=assessment, before=before)
    return assessment
