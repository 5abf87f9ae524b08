"""政银共建: partner banks, co-operation agreements, loan products and loans, with the financial
cost each loan saves against the reference rate of its year."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, Ref, logins
from xingcun.core.models import AreaScoped, Named, at_least

RATE: dict[str, Any] = {"max_digits": 6, "decimal_places": 3}
SAVED_PLACES = Decimal("0.0001")  # 万元 to the yuan


class Bank(Named):
    """A partner bank of the district; `users` are the bank's logins (Role.PARTNER)."""

    name = models.CharField(_("银行名称"), max_length=64, unique=True)
    contact = models.CharField(_("联系人"), max_length=32, blank=True)
    users = logins(_("银行登录账号"), related_name="banks")

    class Meta(Named.Meta):
        verbose_name = _("合作银行")


class BankAgreement(AreaScoped):
    NATURAL_KEY = ("bank", "title")
    NAMED_BY = "title"

    bank = Ref(Bank, _("合作银行"), related_name="agreements")
    title = models.CharField(_("协议名称"), max_length=100)
    signed_on = models.DateField(_("签订日期"))
    ends_on = models.DateField(_("到期日期"), null=True, blank=True)
    special_fund = models.DecimalField(_("专项扶持资金(万元)"), default=0, **MONEY)
    content = models.TextField(_("合作内容"), blank=True)

    class Meta:
        verbose_name = _("政银合作协议")
        ordering = ["-signed_on"]
        constraints = [
            at_least("ends_on", "signed_on", name="agreement_ends_after_signed"),
            models.CheckConstraint(
                condition=Q(special_fund__gte=0), name="agreement_special_fund_gte_0"
            ),
        ]


class LoanProduct(AreaScoped):
    NATURAL_KEY = ("bank", "name")
    NATURAL_KEY_CONSTRAINT = "loan_product_unique_name"
    NAMED_BY = "name"

    bank = Ref(Bank, _("合作银行"), related_name="products")
    name = models.CharField(_("产品名称"), max_length=32)
    purpose = models.CharField(_("用途"), max_length=100)
    rate = models.DecimalField(_("年利率(%)"), **RATE)
    term_months = models.PositiveSmallIntegerField(_("期限(月)"), default=12)

    class Meta:
        verbose_name = _("金融产品")
        ordering = ["bank", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=100), name="loan_product_rate_0_to_100"
            ),
        ]


class RateRule(AreaScoped):
    """The reference rate a year's loans are compared with, and the sanity bound on loan rates."""

    NATURAL_KEY = ("area", "year")
    NATURAL_KEY_CONSTRAINT = "rate_rule_unique_year"

    year = models.PositiveSmallIntegerField(_("年度"))
    reference_rate = models.DecimalField(_("参考利率(%)"), **RATE)
    max_rate = models.DecimalField(_("利率合理上限(%)"), default=Decimal(24), **RATE)
    basis = models.CharField(_("依据"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("参考利率")
        ordering = ["area", "-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reference_rate__gte=0, max_rate__gt=0, max_rate__lte=100),
                name="rate_rule_rates_valid",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(year)s年参考利率%(reference_rate)s%%") % {
            "year": self.year,
            "reference_rate": self.reference_rate,
        }


class Loan(AreaScoped):
    """A loan to a household, village collective or enterprise of a village (`area`)."""

    NATURAL_KEY = ("product", "borrower", "issued_on")

    class Borrower(models.TextChoices):
        HOUSEHOLD = "household", _("农户")
        COLLECTIVE = "collective", _("村集体")
        ENTERPRISE = "enterprise", _("企业")

    class Purpose(models.TextChoices):
        PRODUCTION = "production", _("生产经营")
        DEBT = "debt", _("化解村级债务")
        OTHER = "other", _("其他")

    product = Ref(LoanProduct, _("金融产品"), related_name="loans")
    borrower_kind = models.CharField(_("借款人类型"), max_length=16, choices=Borrower.choices)
    borrower = models.CharField(_("借款人"), max_length=64)
    amount = models.DecimalField(_("金额(万元)"), **MONEY)
    rate = models.DecimalField(_("年利率(%)"), **RATE)
    issued_on = models.DateField(_("发放日期"))
    term_months = models.PositiveSmallIntegerField(_("期限(月)"))
    purpose = models.CharField(_("用途类别"), max_length=16, choices=Purpose.choices)
    note = models.CharField(_("用途说明"), max_length=100, blank=True)
    reference_rate = models.DecimalField(_("参考利率(%)"), **RATE)
    cost_saved = models.DecimalField(_("节约财务成本(万元)"), max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("贷款")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="loan_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=100), name="loan_rate_0_to_100"
            ),
            models.CheckConstraint(condition=Q(term_months__gte=1), name="loan_term_positive"),
        ]

    def __str__(self) -> str:
        return gettext("%(borrower)s %(amount)s万元") % {
            "borrower": self.borrower,
            "amount": self.amount,
        }

    def clean(self) -> None:
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": gettext("贷款金额必须大于0")})


def cost_saved(
    *, amount: Decimal, reference_rate: Decimal, rate: Decimal, term_months: int
) -> Decimal:
    """amount × (reference − rate) × term in years, in 万元 to four places (one yuan)."""
    saved = amount * (reference_rate - rate) / Decimal(100) * Decimal(term_months) / Decimal(12)
    return saved.quantize(SAVED_PLACES, rounding=ROUND_HALF_UP)
