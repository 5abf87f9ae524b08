"""Masking of personal information that cannot be undone (个人信息保护法: minimum necessary).

The rule, for every role without `people.view_pii` (town cadres, members, experts, partners):
- an ID number shows its region prefix only (`330124************`): the birth date, the sequence
  and the check character are all hidden, so nothing shown elsewhere (a birth year, a gender, the
  check character) narrows it down to a handful of candidates;
- a birth date shows its year only (`1992年`);
- a phone number shows its first three and last four digits (`138****5678`);
- any other cell that is a valid 18-character ID number (a reference column keyed by a person's
  ID) is masked like an ID number, whatever the register declared.

Every page, export and audit line that may show these values calls this module; nothing else masks.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from xingcun.core import idcard

# Fields masked by name on every register, whether or not the register lists them as personal.
ALWAYS_MASKED = frozenset({"id_number", "birth_date"})
_ID_SHAPE = re.compile(r"^\d{17}[\dXx]$")
_ID_IN_TEXT = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")


mask_id_number = idcard.mask_id_number  # region prefix only
mask_phone = idcard.mask_phone


def birth_year(value: dt.date | str) -> str:
    year = value.year if isinstance(value, dt.date) else str(value)[:4]
    return f"{year}年"


def looks_like_id_number(value: str) -> bool:
    return bool(_ID_SHAPE.match(value)) and idcard.id_number_error(value.upper()) is None


def mask(field_name: str, value: Any) -> Any:
    """The masked form of one value of `field_name` (a personal field of a register)."""
    if value in (None, ""):
        return value
    if field_name == "birth_date" or isinstance(value, dt.date):
        return birth_year(value)
    text = str(value)
    if field_name == "id_number" or len(text) == 18:
        return mask_id_number(text)
    return mask_phone(text)


def cell(field_name: str, value: Any, *, personal: bool) -> Any:
    """One exported or displayed cell for a viewer without the right to see personal data:
    `personal` says the register declared the field personal."""
    if value in (None, ""):
        return value
    if personal or field_name in ALWAYS_MASKED:
        return mask(field_name, value)
    if isinstance(value, str) and looks_like_id_number(value):
        return mask_id_number(value)
    return value


def text(value: str) -> str:
    """Free text (a label, a row's name) with every valid ID number in it masked."""
    return _ID_IN_TEXT.sub(
        lambda m: mask_id_number(m.group(0)) if looks_like_id_number(m.group(0)) else m.group(0),
        value,
    )


def hidden_form_fields(field_names: list[str], personal: tuple[str, ...]) -> list[str]:
    """Fields an editor without the right may neither see nor change on an existing record:
    their stored values are kept."""
    return [
        name
        for name in field_names
        if name in ALWAYS_MASKED or (name == "phone" and name in personal)
    ]


def audit_value(field_name: str, value: Any) -> Any:
    """An audit log value as a viewer without the right sees it (snapshots nest in dicts)."""
    if isinstance(value, dict):
        return {k: audit_value(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [audit_value(field_name, v) for v in value]
    if field_name in {*ALWAYS_MASKED, "phone"}:
        return mask(field_name, value) if value not in (None, "") else value
    if isinstance(value, str) and looks_like_id_number(value):
        return mask_id_number(value)
    return value
