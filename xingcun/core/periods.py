"""Reporting periods (DHIS2's period types, the three the district uses): a period has a code
("2020", "2020Q3", "2020-07"), a first and a last day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    YEARLY = "yearly", _("每年")
    QUARTERLY = "quarterly", _("每季度")
    MONTHLY = "monthly", _("每月")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    code: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        if re.fullmatch(r"\d{4}", self.code):
            return f"{self.code}年度"
        if "Q" in self.code:
            year, quarter = self.code.split("Q")
            return f"{year}年第{quarter}季度"
        year, month = self.code.split("-")
        return f"{year}年{int(month)}月"

    def __str__(self) -> str:
        return self.label


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_of(frequency: str, day: dt.date) -> Period:
    """The period of `frequency` containing `day`."""
    if frequency == Frequency.YEARLY:
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year))
    if frequency == Frequency.QUARTERLY:
        q = (day.month - 1) // 3 + 1
        return Period(
            dt.date(day.year, 3 * q - 2, 1), _month_end(day.year, 3 * q), f"{day.year}Q{q}"
        )
    if frequency == Frequency.MONTHLY:
        return Period(
            dt.date(day.year, day.month, 1),
            _month_end(day.year, day.month),
            f"{day.year}-{day.month:02d}",
        )
    raise ValueError(f"unknown frequency {frequency}")


def parse(code: str) -> Period:
    """A period from its code; raises ValueError for anything else."""
    if m := re.fullmatch(r"(\d{4})", code):
        return period_of(Frequency.YEARLY, dt.date(int(m[1]), 1, 1))
    if m := re.fullmatch(r"(\d{4})Q([1-4])", code):
        return period_of(Frequency.QUARTERLY, dt.date(int(m[1]), 3 * int(m[2]), 1))
    if m := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", code):
        return period_of(Frequency.MONTHLY, dt.date(int(m[1]), int(m[2]), 1))
    raise ValueError(f"不是有效的报送期：{code}")


def previous(period: Period) -> Period:
    """The period of the same type before this one."""
    code = period.code
    frequency = (
        Frequency.YEARLY
        if re.fullmatch(r"\d{4}", code)
        else Frequency.QUARTERLY
        if "Q" in code
        else Frequency.MONTHLY
    )
    return period_of(frequency, period.start - dt.timedelta(days=1))
