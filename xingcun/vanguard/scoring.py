"""The yearly score of one member from a scheme version and that year's effective events.

Pure computation (no queries): the caller passes the scheme's items and the events. The score is
base + bonuses − deductions, where each item counts at most its yearly cap and the bonuses together
at most the scheme's yearly bonus cap; it never falls below 0. The explanation lists each item with
the events behind it, so a member can see where every point comes from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext

ZERO = Decimal(0)


class SchemeLike(Protocol):
    base_score: Decimal
    bonus_cap: Decimal | None
    follow_up_below: Decimal

    def grade_for(self, score: Decimal) -> str: ...


class ItemLike(Protocol):
    code: str
    name: str
    group: str
    kind: str
    cap: Decimal | None

    def applies_to(self, category: str) -> bool: ...


@dataclass(frozen=True)
class EventLine:
    id: int
    item_code: str
    date: dt.date
    points: Decimal
    evidence: str
    source: str = "manual"


@dataclass
class ItemLine:
    code: str
    name: str
    group: str
    kind: str
    cap: Decimal | None
    events: list[EventLine] = field(default_factory=list)
    raw: Decimal = ZERO

    @property
    def counted(self) -> Decimal:
        return min(self.raw, self.cap) if self.cap is not None else self.raw

    @property
    def capped(self) -> bool:
        return self.counted < self.raw

    @property
    def signed(self) -> Decimal:
        return self.counted if self.kind == "bonus" else -self.counted


@dataclass
class Score:
    category: str
    base: Decimal
    bonus_raw: Decimal
    bonus: Decimal
    deduction: Decimal
    score: Decimal
    grade: str
    follow_up: bool
    items: list[ItemLine]
    unmatched: list[EventLine]

    @property
    def bonus_capped(self) -> bool:
        return self.bonus < self.bonus_raw

    @property
    def family_points(self) -> Decimal:
        return sum((line.signed for line in self.items if line.group == "family"), ZERO)

    def explanation(self) -> list[dict[str, Any]]:
        """The per-item explanation as JSON, stored on a result row (a frozen copy)."""
        rows: list[dict[str, Any]] = [
            {
                "code": line.code,
                "name": line.name,
                "group": line.group,
                "kind": line.kind,
                "cap": None if line.cap is None else str(line.cap),
                "raw": str(line.raw),
                "counted": str(line.counted),
                "events": [_event_json(e) for e in line.events],
            }
            for line in self.items
        ]
        if self.unmatched:
            rows.append(
                {
                    "code": "",
                    "name": gettext("不在本方案项目中（不计分）"),
                    "group": "",
                    "kind": "none",
                    "cap": None,
                    "raw": str(sum((e.points for e in self.unmatched), ZERO)),
                    "counted": "0",
                    "events": [_event_json(e) for e in self.unmatched],
                }
            )
        return rows


def _event_json(event: EventLine) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "points": str(event.points),
        "evidence": event.evidence[:100],
        "source": event.source,
    }


def compute(
    *,
    scheme: SchemeLike,
    items: Iterable[ItemLike],
    category: str,
    events: Iterable[EventLine],
) -> Score:
    by_code = {item.code: item for item in items}
    lines: dict[str, ItemLine] = {}
    unmatched: list[EventLine] = []
    for event in sorted(events, key=lambda e: (e.date, e.id)):
        item = by_code.get(event.item_code)
        if item is None or not item.applies_to(category):
            unmatched.append(event)
            continue
        line = lines.get(item.code)
        if line is None:
            line = lines[item.code] = ItemLine(
                item.code, item.name, item.group, item.kind, item.cap
            )
        line.events.append(event)
        line.raw += event.points
    ordered = sorted(lines.values(), key=lambda ln: (ln.kind != "bonus", ln.group, ln.code))
    bonus_raw = sum((ln.counted for ln in ordered if ln.kind == "bonus"), ZERO)
    bonus = bonus_raw if scheme.bonus_cap is None else min(bonus_raw, scheme.bonus_cap)
    deduction = sum((ln.counted for ln in ordered if ln.kind != "bonus"), ZERO)
    score = max(ZERO, scheme.base_score + bonus - deduction)
    return Score(
        category=category,
        base=scheme.base_score,
        bonus_raw=bonus_raw,
        bonus=bonus,
        deduction=deduction,
        score=score,
        grade=scheme.grade_for(score),
        follow_up=score < scheme.follow_up_below,
        items=ordered,
        unmatched=unmatched,
    )


def competition_ranks(scores: Sequence[tuple[Any, Decimal]]) -> dict[Any, int]:
    """Standard competition ranking (1, 2, 2, 4) by score, highest first."""
    ordered = sorted(scores, key=lambda pair: pair[1], reverse=True)
    ranks: dict[Any, int] = {}
    previous: Decimal | None = None
    rank = 0
    for position, (key, score) in enumerate(ordered, start=1):
        if score != previous:
            rank, previous = position, score
        ranks[key] = rank
    return ranks
