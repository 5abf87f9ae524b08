"""Numbers in report prose, written the way GB/T 15835 and office practice want them.

- No thousands separators in body text (`4429名`, not `4,429人`).
- People are counted with 名 (`党员4429名`); 人次 stays 人次.
- One rule picks the unit of every money and visitor figure by its magnitude: an amount of
  100 million yuan or more is given in 亿元 (two decimals), a smaller one in 万元 (one decimal);
  100,000 人次 or more in 万人次. Per-head amounts (元) keep their unit. A tag's `单位=` wins.
"""

from __future__ import annotations

from decimal import Decimal

from xingcun.indicators import units
from xingcun.indicators.engine import Result

PEOPLE = {"人": "名"}
# family → (unit the indicator must be in for the rule to apply, threshold in the small unit)
MAGNITUDE: dict[str, tuple[frozenset[str], str, str, Decimal]] = {
    "元": (frozenset({"万元", "亿元"}), "万元", "亿元", Decimal(10000)),
    "人次": (frozenset({"人次", "万人次"}), "人次", "万人次", Decimal(100000)),
}


def chosen_unit(own: str, value: Decimal | None) -> str:
    """The unit a figure is shown in when the template does not say (see the module's rule)."""
    rule = MAGNITUDE.get(units.unit(own).family)
    if rule is None or value is None or own not in rule[0]:
        return own
    _, small, large, threshold = rule
    in_small = units.convert(value, own, small)
    return large if abs(in_small) >= threshold else small


def shown(result: Result, *, unit: str = "", number_only: bool = False) -> str:
    """'4429名', '3.36亿元', '12.5%', or '—' when the figure has no value."""
    value = result.value
    if value is None:
        return units.EMPTY
    own = result.indicator.unit
    target = unit or chosen_unit(own, value)
    converted = value if target == own else units.convert(value, own, target)
    places = result.indicator.places if target == own else None
    if places is None:
        places = units.unit(target).places
    number = units.quantize(converted, places)
    if number.is_zero():
        number = abs(number)
    text = f"{number:f}"
    if number_only:
        return text
    return text + PEOPLE.get(target, target)
