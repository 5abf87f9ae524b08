from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, Ref
from xingcun.core.models import AreaScoped, NamedRule, year_range


class VillageProfile(AreaScoped):
    """A village's figures for one year. Collective income is kept by component, in 万元;
    villagers' per-capita income is in 元."""

    NATURAL_KEY = ("area", "year")
    NATURAL_KEY_CONSTRAINT = "profile_unique_area_year"

    year = models.PositiveSmallIntegerField(_("年度"))
    population = models.PositiveIntegerField(_("户籍人口"))
    households = models.PositiveIntegerField(_("户数"))
    per_capita_income = models.DecimalField(_("村民人均可支配收入(元)"), **MONEY)
    operating_income = models.DecimalField(_("经营收入(万元)"), **MONEY)
    contract_income = models.DecimalField(_("发包及上交收入(万元)"), **MONEY)
    investment_income = models.DecimalField(_("投资收益(万元)"), **MONEY)
    subsidy_income = models.DecimalField(_("补助收入(万元)"), **MONEY)
    other_income = models.DecimalField(_("其他收入(万元)"), **MONEY)
    debt = models.DecimalField(_("村级债务(万元)"), **MONEY)
    industries = models.CharField(_("主导产业"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("村情年度档案")
        ordering = ["area", "-year"]
        constraints = [
            year_range("profile_year_2000_2100"),
            models.CheckConstraint(
                condition=Q(
                    per_capita_income__gte=0,
                    operating_income__gte=0,
                    contract_income__gte=0,
                    investment_income__gte=-100000,
                    subsidy_income__gte=0,
                    other_income__gte=0,
                    debt__gte=0,
                ),
                name="profile_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(area)s %(year)s年") % {"area": self.area, "year": self.year}

    @property
    def collective_income(self) -> Decimal:
        return (
            self.operating_income
            + self.contract_income
            + self.investment_income
            + self.subsidy_income
            + self.other_income
        )

    @property
    def operating_like_income(self) -> Decimal:
        """经营性收入 in the 消薄 sense: 经营收入 + 发包及上交收入 + 投资收益."""
        return self.operating_income + self.contract_income + self.investment_income


def evidence_path(instance: ProfileEvidence, filename: str) -> str:
    return f"evidence/profiles/{instance.profile.area.code}/{instance.profile.year}/{filename}"


class ProfileEvidence(AreaScoped):
    NAMED_BY = "title"

    profile = Ref(VillageProfile, _("档案"), on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("说明"), max_length=100)
    file = models.FileField(_("文件"), upload_to=evidence_path)

    class Meta:
        verbose_name = _("档案佐证材料")


class WeakVillageRule(NamedRule):
    """When a village counts as 集体经济薄弱村: collective income and 经营性收入 (经营收入 +
    发包及上交收入 + 投资收益) below thresholds, for the years of its validity, in the jurisdiction
    `area` (usually the district; a town may have its own stricter line). Each year's status is
    computed with the version valid that year, so last year's result never changes."""

    total_income_below = models.DecimalField(_("集体经济总收入低于(万元)"), **MONEY)
    operating_income_below = models.DecimalField(_("经营性收入低于(万元)"), **MONEY)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    overlap_message = _("有效期与已有规则“%(other)s”重叠，请先调整该规则的截止年度")

    class Meta(NamedRule.Meta):
        verbose_name = _("薄弱村认定规则")
        constraints = [
            *NamedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(total_income_below__gt=0) | Q(operating_income_below__gt=0),
                name="weak_rule_has_a_threshold",
            ),
        ]
