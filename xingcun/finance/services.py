"""Loans: the rate and amount checks and the saved cost, shared by the service and the registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils.translation import gettext

from xingcun.core.models import Area
from xingcun.core.seeding import default_row
from xingcun.core.writes import save_audited
from xingcun.finance.models import Loan, LoanProduct, RateRule, cost_saved

DEFAULT_REFERENCE = {  # 1-year LPR at the end of each year, % (public figures; staff may edit)
    2017: Decimal("4.350"),
    2018: Decimal("4.350"),
    2019: Decimal("4.150"),
    2020: Decimal("3.850"),
    2021: Decimal("3.800"),
}


def rate_rule_for(*, area: Area, year: int) -> RateRule | None:
    """The year's reference rate for the village: the deepest node's (inherited from the district,
    which sets it)."""
    return (
        RateRule.objects.inherited()
        .select_related("area")
        .filter(area__path__in=area.lineage_paths(), year=year)
        .order_by(Length("area__path").desc())
        .first()
    )


@transaction.atomic
def rate_rules_ensure_defaults(*, district: Area) -> list[RateRule]:
    return [
        default_row(
            RateRule.objects.inherited(),
            action="rate-rules.created",
            changes={"reference_rate": str(rate)},
            area=district,
            year=year,
            defaults={"reference_rate": rate, "basis": "一年期贷款市场报价利率（LPR）"},
        )
        for year, rate in DEFAULT_REFERENCE.items()
    ]


def loan_values(values: dict[str, Any]) -> None:
    """Check amount and rate; fill the reference rate of the issue year and the saved cost."""
    amount, rate = values.get("amount"), values.get("rate")
    area, issued_on = values.get("area"), values.get("issued_on")
    product: LoanProduct | None = values.get("product")
    if amount is not None and amount <= 0:
        raise ValidationError({"amount": gettext("贷款金额必须大于0")})
    if rate is None and product is not None:
        values["rate"] = rate = product.rate
    if not values.get("term_months") and product is not None:
        values["term_months"] = product.term_months
    if area is None or issued_on is None or rate is None or amount is None:
        return
    rule = rate_rule_for(area=area, year=issued_on.year)
    if rule is None:
        raise ValidationError(
            gettext("%(year)s年没有设置参考利率，请区委组织部先设置") % {"year": issued_on.year}
        )
    if rate < 0 or rate > rule.max_rate:
        raise ValidationError(
            {
                "rate": gettext("年利率%(rate)s%%超出合理范围（0—%(max_rate)s%%），请核对")
                % {"rate": rate, "max_rate": rule.max_rate}
            }
        )
    values["reference_rate"] = rule.reference_rate
    values["cost_saved"] = cost_saved(
        amount=amount,
        reference_rate=rule.reference_rate,
        rate=rate,
        term_months=values["term_months"],
    )


@transaction.atomic
def loan_record(
    *,
    village: Area,
    product: LoanProduct,
    borrower_kind: str,
    borrower: str,
    amount: Decimal,
    issued_on: dt.date,
    purpose: str,
    by: Any,
    rate: Decimal | None = None,
    term_months: int | None = None,
    note: str = "",
) -> Loan:
    if village.level != Area.Level.VILLAGE:
        raise ValidationError(gettext("贷款应登记到借款人所在的村(社区)"))
    values: dict[str, Any] = {
        "area": village,
        "product": product,
        "borrower_kind": borrower_kind,
        "borrower": borrower,
        "amount": amount,
        "rate": rate,
        "issued_on": issued_on,
        "term_months": term_months,
        "purpose": purpose,
        "note": note,
    }
    loan_values(values)
    loan = Loan(**values)
    return save_audited(loan, actor=by, action="loans.created")
