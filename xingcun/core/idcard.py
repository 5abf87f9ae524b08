"""GB 11643-1999 citizen identity numbers: checksum, birth date, masking."""

from __future__ import annotations

import datetime as dt
import operator

from django.utils.translation import gettext

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    if len(first17) != len(WEIGHTS):
        raise ValueError(first17)
    return CHECK_CHARS[sum(map(operator.mul, map(int, first17), WEIGHTS)) % 11]


def id_number_error(value: str) -> str | None:
    """None when valid, else the reason in Chinese."""
    if value in _VALID:
        return None
    error = _error(value)
    if error is None:
        if len(_VALID) >= _REMEMBERED:
            _VALID.clear()
        _VALID.add(value)
    return error


# A valid number stays valid (its birth date only recedes into the past), so valid numbers are
# remembered: an import asks about each number three times (the register's defaults, the field's
# validator, the model's clean) and computes the answer once; the others are a set lookup. The
# set holds a 100,000-row file's numbers (about 10 MB) and starts again when full.
_REMEMBERED = 1 << 17
_VALID: set[str] = set()


def _error(value: str) -> str | None:
    if len(value) != 18:
        return gettext("身份证号应为18位")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return gettext("身份证号前17位应为数字，末位为数字或X")
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return gettext("身份证号中的出生日期无效")
    if birth.year < 1900 or birth > dt.date.today():  # noqa: DTZ011 - a calendar date
        return gettext("身份证号中的出生日期无效")
    if check_char(value[:17]) != value[17]:
        return gettext("身份证号校验码错误")
    return None


def birth_date(value: str) -> dt.date:
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def gender(value: str) -> str:
    """'male' or 'female' from the sequence digit."""
    return "male" if int(value[16]) % 2 else "female"


def make(prefix6: str, birth: dt.date, sequence: int) -> str:
    """A valid number (for synthetic demo data): region prefix, birth date, 3-digit sequence."""
    first17 = f"{prefix6}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_char(first17)


def mask_id_number(value: str) -> str:
    """Region prefix only: showing the trailing digits beside a birth date (or even a birth year
    and the check character) lets the number be rebuilt; see xingcun.core.masking."""
    return value[:6] + "*" * 12 if len(value) == 18 else "****"


def mask_phone(value: str) -> str:
    return value[:3] + "****" + value[-4:] if len(value) >= 7 else "****"
