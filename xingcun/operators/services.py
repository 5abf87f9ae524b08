"""Writes of 乡村运营: selection, results, annual reviews (rewards only after passing) and
termination of an operator below the bar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from xingcun.core.models import Area
from xingcun.core.seeding import default_row, system_create
from xingcun.core.writes import save_audited, save_fields
from xingcun.operators.models import (
    OperatorContract,
    OperatorResult,
    OperatorReview,
    OperatorTeam,
    ReviewRule,
    TalentKind,
)

DEFAULT_TALENT_KINDS = ("文创", "电商", "民宿经营", "策划营销", "农业技术")


@transaction.atomic
def defaults_ensure(*, district: Area) -> None:
    for position, name in enumerate(DEFAULT_TALENT_KINDS, start=1):
        default_row(
            TalentKind.objects.inherited(),
            action="talent-kinds.created",
            area=district,
            name=name,
            defaults={"position": position},
        )
    if not ReviewRule.objects.inherited().filter(area=district).exists():
        rule = ReviewRule(area=district, valid_from=2017, pass_score=Decimal(60))
        system_create(rule, action="review-rules.created")


def review_rule_for(*, area: Area, year: int) -> ReviewRule | None:
    """The review bar governing `area` in `year` (the deepest node's wins)."""
    return ReviewRule.objects.effective(area=area, year=year)


@transaction.atomic
def team_select(*, team: OperatorTeam, selected: bool, on: dt.date, by: Any) -> OperatorTeam:
    if team.status != OperatorTeam.Status.APPLIED:
        raise ValidationError(gettext("该团队已完成遴选"))
    if on < team.applied_on:
        raise ValidationError(gettext("遴选日期不能早于报名日期"))
    return save_fields(
        team,
        actor=by,
        action="operator-teams.selected" if selected else "operator-teams.rejected",
        status=OperatorTeam.Status.SELECTED if selected else OperatorTeam.Status.REJECTED,
        selected_on=on if selected else None,
    )


def review_values(values: dict[str, Any]) -> None:
    """Fill area and `passed` from the rule of the year; refuse a reward below the bar."""
    contract: OperatorContract | None = values.get("contract")
    year, score = values.get("year"), values.get("score")
    if contract is None or year is None or score is None:
        return
    values["area"] = contract.area
    rule = review_rule_for(area=contract.area, year=year)
    if rule is None:
        raise ValidationError(
            gettext("%(year)s年没有有效的运营考核标准，请区委组织部先设置") % {"year": year}
        )
    values["passed"] = score >= rule.pass_score
    reward = values.get("reward") or Decimal(0)
    values["reward"] = reward
    if reward and not values["passed"]:
        raise ValidationError(
            {
                "reward": gettext("考核得分%(score)s分低于合格线%(pass_score)s分，不能发放奖励")
                % {"score": score, "pass_score": rule.pass_score}
            }
        )


@transaction.atomic
def review_record(
    *,
    contract: OperatorContract,
    year: int,
    score: Decimal,
    by: Any,
    reward: Decimal = Decimal(0),
    comment: str = "",
) -> OperatorReview:
    values: dict[str, Any] = {
        "contract": contract,
        "year": year,
        "score": score,
        "reward": reward,
        "comment": comment.strip(),
    }
    review_values(values)
    review = OperatorReview(**values)
    return save_audited(review, actor=by, action="operator-reviews.created")


@transaction.atomic
def contract_terminate(
    *, contract: OperatorContract, reason: str, on: dt.date, by: Any
) -> OperatorContract:
    """End a contract whose team fell below the bar at its latest annual review."""
    if contract.status != OperatorContract.Status.ACTIVE:
        raise ValidationError(gettext("该合同已解约"))
    if not reason.strip():
        raise ValidationError(gettext("解约须说明原因"))
    latest = contract.reviews.order_by("-year").first()
    if latest is None or latest.passed:
        raise ValidationError(gettext("只有最近一次年度考核未达标的运营团队才能解约"))
    if on < contract.signed_on:
        raise ValidationError(gettext("解约日期不能早于签约日期"))
    reason = reason.strip()[:200]
    return save_fields(
        contract,
        actor=by,
        action="operator-contracts.terminated",
        changes={"reason": reason, "on": on.isoformat()},
        status=OperatorContract.Status.TERMINATED,
        terminated_on=on,
        termination_reason=reason,
    )


@transaction.atomic
def result_record(
    *, contract: OperatorContract, period_end: dt.date, businesses: int, by: Any, note: str = ""
) -> OperatorResult:
    if contract.status != OperatorContract.Status.ACTIVE:
        raise ValidationError(gettext("合同已解约，不能再登记成效"))
    if period_end < contract.signed_on:
        raise ValidationError(gettext("统计截止日期不能早于签约日期"))
    result = OperatorResult(
        area=contract.area,
        contract=contract,
        period_end=period_end,
        businesses=businesses,
        note=note,
    )
    return save_audited(result, actor=by, action="operator-results.created")
