"""Figures of 政银共建 (report section 三, part three)."""

from __future__ import annotations

from django.db.models import Q

from xingcun.finance.models import Loan
from xingcun.indicators.engine import Indicator, Kind, Period, Semantics, register


def issued_by(period: Period) -> Q:
    return Q(issued_on__lte=period.end)


def debt_loans_by(period: Period) -> Q:
    return issued_by(period) & Q(purpose=Loan.Purpose.DEBT)


register(
    Indicator(
        code="finance.debt_loans",
        name="化债专项贷款户数",
        name_en="Debt-resolution loans",
        unit="户",
        kind=Kind.COUNT,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末累计发放、用途为化解村级债务的贷款笔数（每笔计一户），计入借款人所在村。",
        model=Loan,
        where=debt_loans_by,
    )
)
register(
    Indicator(
        code="finance.debt_loan_amount",
        name="化债专项贷款金额",
        name_en="Amount of debt-resolution loans",
        unit="万元",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description="截至期末累计发放的化债专项贷款金额合计。",
        model=Loan,
        where=debt_loans_by,
        value="amount",
    )
)
register(
    Indicator(
        code="finance.loan_amount",
        name="合作银行贷款发放金额",
        name_en="Loans issued by partner banks",
        unit="万元",
        kind=Kind.SUM,
        semantics=Semantics.WITHIN_YEAR,
        section="resources",
        description="期间内合作银行通过政银共建金融产品发放的贷款金额合计（各类借款人、各类用途）。",
        model=Loan,
        where=lambda p: Q(issued_on__gte=p.start, issued_on__lte=p.end),
        value="amount",
    )
)
register(
    Indicator(
        code="finance.cost_saved",
        name="为村级集体节约财务成本",
        name_en="Financial cost saved for village collectives",
        unit="万元",
        kind=Kind.SUM,
        semantics=Semantics.CUMULATIVE,
        section="resources",
        description=(
            "截至期末累计发放给村集体的贷款所节约的财务成本：每笔贷款金额 ×（发放年度参考利率 − "
            "贷款利率）× 期限（年），参考利率由区委组织部按年度设置。"
        ),
        model=Loan,
        where=lambda p: issued_by(p) & Q(borrower_kind=Loan.Borrower.COLLECTIVE),
        value="cost_saved",
        sum_places=4,
    )
)
