"""Data-quality checks of one village's report: the rules of its data set valid for the period's
year (set at the district or the village's town; rules are data, versioned by year), evaluated on
the data set's figures. A finding of a `block` rule stops submission; an `explain` finding needs
the village's explanation, which the reviewers see beside the value."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from xingcun.core import datasets
from xingcun.core.models import Area
from xingcun.core.periods import Period, previous
from xingcun.core.scoping import scopes_disabled
from xingcun.reporting.models import QualityRule

HUNDRED = Decimal(100)


@dataclass
class Finding:
    rule: int
    name: str
    severity: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rules_for(*, dataset: str, area: Area, year: int) -> list[QualityRule]:
    """Rules of `dataset` set at `area` or above it, valid in `year` (rules above a node are read
    on purpose: a village's checks are the district's)."""
    rules = QualityRule.objects.inherited().filter(
        dataset=dataset, area__path__in=area.lineage_paths()
    )
    rules = rules.order_by("id")
    return [r for r in rules if r.covers(year)]


def _sum(expression: str, figures: dict[str, Decimal]) -> Decimal | None:
    total = Decimal(0)
    for key in (k.strip() for k in expression.split("+")):
        if key not in figures:
            return None
        total += figures[key]
    return total


def _label(expression: str, labels: dict[str, str]) -> str:
    return " + ".join(labels.get(k.strip(), k.strip()) for k in expression.split("+"))


OPS = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    "=": lambda a, b: a == b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
}


def _compare(rule: QualityRule, figures: dict[str, Decimal], labels: dict[str, str]) -> str:
    left, right = _sum(rule.left, figures), _sum(rule.right, figures)
    if left is None or right is None:
        return ""  # a figure not reported: nothing to compare
    if OPS[rule.op](left, right):
        return ""
    return (
        f"{_label(rule.left, labels)}（{left}）应{rule.get_op_display()}"
        f"{_label(rule.right, labels)}（{right}）"
    )


def _yoy(
    rule: QualityRule,
    figures: dict[str, Decimal],
    before: dict[str, Decimal],
    labels: dict[str, str],
) -> str:
    now, then = _sum(rule.left, figures), _sum(rule.left, before)
    if now is None or then is None or then == 0 or rule.threshold is None:
        return ""
    change = (now - then) / abs(then) * HUNDRED
    if abs(change) <= rule.threshold:
        return ""
    return (
        f"{_label(rule.left, labels)}同比变化{change:+.1f}%（上期{then}，本期{now}），"
        f"超过±{rule.threshold}%"
    )


def _outlier(rule: QualityRule, value: Decimal | None, peers: list[Decimal], label: str) -> str:
    if value is None or len(peers) < 3 or rule.threshold is None:
        return ""
    median = Decimal(str(statistics.median(peers)))
    if median <= 0:
        return ""
    if value > median * rule.threshold or value < median / rule.threshold:
        return f"{label}（{value}）偏离本镇街中位数（{median:.2f}）超过{rule.threshold}倍"
    return ""


def check(*, dataset: datasets.DataSet, area: Area, period: Period) -> list[Finding]:
    """Every rule that the village's figures for `period` break."""
    rules = rules_for(dataset=dataset.key, area=area, year=period.year)
    if not rules:
        return []
    figures = dataset.figures_of(area, period)
    findings: list[Finding] = []
    before: dict[str, Decimal] | None = None
    peers: dict[str, list[Decimal]] = {}
    for rule in rules:
        if rule.kind == QualityRule.Kind.COMPARE:
            message = _compare(rule, figures, dataset.labels)
        elif rule.kind == QualityRule.Kind.YOY:
            if before is None:
                before = dataset.figures_of(area, previous(period))
            message = _yoy(rule, figures, before, dataset.labels)
        else:
            if rule.left not in peers:
                peers[rule.left] = _peer_values(dataset, area, period, rule.left)
            message = _outlier(
                rule, _sum(rule.left, figures), peers[rule.left], _label(rule.left, dataset.labels)
            )
        if message:
            value = _sum(rule.left, figures)
            findings.append(
                Finding(
                    rule.pk, rule.name, rule.severity, message, "" if value is None else str(value)
                )
            )
    return findings


def _peer_values(
    dataset: datasets.DataSet, area: Area, period: Period, expression: str
) -> list[Decimal]:
    """The figure of every other village of the same town for the period (those that reported)."""
    if area.parent_id is None:
        return []
    siblings = Area.tree.filter(parent_id=area.parent_id).exclude(pk=area.pk)
    values = []
    # Bypass: a village is compared with its town's other villages; only their figures (numbers,
    # no rows) leave this function, and only for the rule's own expression.
    with scopes_disabled():
        for sibling in siblings:
            value = _sum(expression, dataset.figures_of(sibling, period))
            if value is not None:
                values.append(value)
    return values
