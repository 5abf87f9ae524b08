"""Figures of 政银共建 (report section 三, part three)."""

from __future__ import annotations

from django.db.models import Q

from xingcun.finance.models import Loan
from xingcun.indicators.engine import (
    COUNT_TO_DATE,
    SUM_IN_YEAR,
    SUM_TO_DATE,
    Period,
    family,
)


def issued_by(period: Period) -> Q:
    return Q(issued_on__lte=period.end)


def debt_loans_by(period: Period) -> Q:
    return issued_by(period) & Q(purpose=Loan.Purpose.DEBT)


indicator = family(section="resources")
total_to_date = indicator.sharing(**SUM_TO_DATE, unit="万元", model=Loan)

indicator(
    "finance.debt_loans",
    "化债专项贷款户数",
    "Debt-resolution loans",
    "截至期末累计发放、用途为化解村级债务的贷款笔数（每笔计一户），计入借款人所在村。",
    **COUNT_TO_DATE,
    unit="户",
    model=Loan,
    where=debt_loans_by,
)
total_to_date(
    "finance.debt_loan_amount",
    "化债专项贷款金额",
    "Amount of debt-resolution loans",
    "截至期末累计发放的化债专项贷款金额合计。",
    where=debt_loans_by,
    value="amount",
)
indicator(
    "finance.loan_amount",
    "合作银行贷款发放金额",
    "Loans issued by partner banks",
    "期间内合作银行通过政银共建金融产品发放的贷款金额合计（各类借款人、各类用途）。",
    **SUM_IN_YEAR,
    unit="万元",
    model=Loan,
    where=lambda p: Q(issued_on__gte=p.start, issued_on__lte=p.end),
    value="amount",
)
total_to_date(
    "finance.cost_saved",
    "为村级集体节约财务成本",
    "Financial cost saved for village collectives",
    "截至期末累计发放给村集体的贷款所节约的财务成本：每笔贷款金额 ×（发放年度参考利率 − "
    "贷款利率）× 期限（年），参考利率由区委组织部按年度设置。",
    where=lambda p: issued_by(p) & Q(borrower_kind=Loan.Borrower.COLLECTIVE),
    value="cost_saved",
    sum_places=4,
)
