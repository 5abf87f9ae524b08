"""Demo data of 政银共建 for 临安区: a partner rural commercial bank (the demo "partner" login), its
co-operation agreement, the “林易贷”, “耕保贷” and a debt-resolution product, reference rates,
debt-resolution loans to weak villages' collectives and production loans to households.
Synthetic throughout. Run by the demo generator under scopes_disabled(), after the foundation data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from xingcun.accounts.models import User
from xingcun.core.models import Area
from xingcun.finance import services
from xingcun.finance.models import Bank, BankAgreement, Loan, LoanProduct, cost_saved
from xingcun.secretaries.models import WeakCohortVillage

SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯"


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    rules = {r.year: r for r in services.rate_rules_ensure_defaults(district=county)}
    bank = Bank.objects.create(area=county, name="区农村商业银行", contact="客户经理")
    partner = User.objects.filter(username="partner").first()
    if partner is not None:
        bank.users.add(partner)
    BankAgreement.objects.create(
        area=county,
        bank=bank,
        title="党建引领乡村振兴“政银共建五位一体”合作协议",
        signed_on=dt.date(2018, 4, 20),
        ends_on=dt.date(2022, 12, 31),
        special_fund=Decimal("5000.00"),
        content="设立专项扶持资金，推出林权、耕地保护和化债专项金融产品，组织党员金融服务队进村。",
    )
    products = {
        key: LoanProduct.objects.create(area=county, bank=bank, **values)
        for key, values in {
            "forest": {
                "name": "林易贷",
                "purpose": "林权抵押，支持林下经济和山核桃、竹笋产业",
                "rate": Decimal("4.350"),
                "term_months": 36,
            },
            "farmland": {
                "name": "耕保贷",
                "purpose": "耕地保护补偿收益质押，支持粮食和蔬菜生产",
                "rate": Decimal("4.000"),
                "term_months": 24,
            },
            "debt": {
                "name": "强村化债贷",
                "purpose": "村级债务置换，降低村集体融资成本",
                "rate": Decimal("3.200"),
                "term_months": 60,
            },
        }.items()
    }
    villages = list(
        Area.tree.filter(path__startswith=county.path, level=Area.Level.VILLAGE).order_by("code")
    )
    cohort = sorted(
        {
            row.area
            for row in WeakCohortVillage.objects.filter(
                area__path__startswith=county.path
            ).select_related("area")
        },
        key=lambda a: a.code,
    )
    debtors = cohort or villages[: max(5, len(villages) // 10)]
    loans: list[Loan] = []

    def loan(
        village: Area,
        key: str,
        kind: str,
        borrower: str,
        amount: Decimal,
        purpose: str,
        day: dt.date,
        bump: Decimal = Decimal(0),
    ) -> None:
        product = products[key]
        rate = product.rate + bump
        reference = rules[day.year].reference_rate
        loans.append(
            Loan(
                area=village,
                product=product,
                borrower_kind=kind,
                borrower=borrower,
                amount=amount,
                rate=rate,
                issued_on=day,
                term_months=product.term_months,
                purpose=purpose,
                reference_rate=reference,
                cost_saved=cost_saved(
                    amount=amount,
                    reference_rate=reference,
                    rate=rate,
                    term_months=product.term_months,
                ),
            )
        )

    for village in rng.sample(debtors, k=min(len(debtors), max(8, round(45 * scale)))):
        day = dt.date(rng.choice((2018, 2019, 2020)), rng.randint(1, 12), rng.randint(1, 28))
        loan(
            village,
            "debt",
            Loan.Borrower.COLLECTIVE,
            f"{village.display_name}股份经济合作社",
            _money(rng.uniform(40, 260)),
            Loan.Purpose.DEBT,
            day,
        )
    for _ in range(max(20, round(260 * scale))):
        village = rng.choice(villages)
        key = rng.choice(("forest", "farmland"))
        day = dt.date(rng.choice((2018, 2019, 2020)), rng.randint(1, 12), rng.randint(1, 28))
        name = rng.choice(SURNAMES) + rng.choice("建国明华林平强军红英")
        loan(
            village,
            key,
            Loan.Borrower.HOUSEHOLD,
            name,
            _money(rng.uniform(3, 50)),
            Loan.Purpose.PRODUCTION,
            day,
            bump=Decimal(rng.choice(("0", "0.150", "0.300"))),
        )
    Loan.objects.bulk_create(loans)
    return {"banks": 1, "loan_products": len(products), "loans": len(loans)}
