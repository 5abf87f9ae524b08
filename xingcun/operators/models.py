"""乡村运营: operator teams recruited publicly, contracts with 村落景区 villages, results by period
(businesses attracted, projects settled, talents attracted), annual reviews and termination."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, OneRef, Ref, logins
from xingcun.core.models import AreaScoped, Named, NodeRule, at_least

SCORE: dict[str, Any] = {"max_digits": 5, "decimal_places": 1}


class OperatorTeam(Named):
    """A village-operator team: applies, is selected (or not), contracts with villages."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("已报名")
        SELECTED = "selected", _("已入选")
        REJECTED = "rejected", _("未入选")

    name = models.CharField(_("团队名称"), max_length=64, unique=True)
    leader = models.CharField(_("负责人"), max_length=32)
    applied_on = models.DateField(_("报名日期"))
    status = models.CharField(_("招募状态"), max_length=16, choices=Status.choices)
    selected_on = models.DateField(_("入选日期"), null=True, blank=True)
    specialties = models.CharField(_("专长"), max_length=100, blank=True)
    users = logins(_("团队登录账号"), related_name="operator_teams")

    class Meta(Named.Meta):
        verbose_name = _("乡村运营团队")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="selected") | Q(selected_on__isnull=False),
                name="operator_team_selected_has_date",
            ),
            at_least("selected_on", "applied_on", name="operator_team_selected_after_applied"),
        ]


class OperatorContract(AreaScoped):
    """A contract of a team with a 村落景区 village (`area`), with its targets."""

    NATURAL_KEY = ("team", "scenic_name")

    class Status(models.TextChoices):
        ACTIVE = "active", _("履约中")
        TERMINATED = "terminated", _("已解约")

    team = Ref(OperatorTeam, _("运营团队"), related_name="contracts")
    scenic_name = models.CharField(_("村落景区"), max_length=64)
    signed_on = models.DateField(_("签约日期"))
    ends_on = models.DateField(_("到期日期"))
    target_businesses = models.PositiveIntegerField(_("目标招商(家)"), default=0)
    target_investment = models.DecimalField(_("目标投资(万元)"), default=0, **MONEY)
    target_talents = models.PositiveIntegerField(_("目标引才(人)"), default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    terminated_on = models.DateField(_("解约日期"), null=True, blank=True)
    termination_reason = models.CharField(_("解约原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("运营合同")
        ordering = ["-signed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("signed_on")), name="operator_contract_ends_after_signed"
            ),
            models.CheckConstraint(
                condition=Q(status="active") | ~Q(termination_reason=""),
                name="operator_contract_termination_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team.name}·{self.scenic_name}"

    def clean(self) -> None:
        if self.team_id and self.team.status != OperatorTeam.Status.SELECTED:
            raise ValidationError({"team": gettext("只有公开招募入选的运营团队才能签约")})


class TalentKind(AreaScoped):
    """A kind of professional talent attracted (文创, 电商, …), kept by the district."""

    NATURAL_KEY = ("area", "name")
    NATURAL_KEY_CONSTRAINT = "talent_kind_unique_name"
    NAMED_BY = "name"

    name = models.CharField(_("人才类别"), max_length=32)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("引进人才类别")
        ordering = ["position", "id"]


class OperatorResult(AreaScoped):
    """Results of a contract in one reporting period (to the month-end `period_end`)."""

    NATURAL_KEY = ("contract", "period_end")
    NATURAL_KEY_CONSTRAINT = "operator_result_unique_period"

    contract = Ref(
        OperatorContract, _("运营合同"), on_delete=models.CASCADE, related_name="results"
    )
    period_end = models.DateField(_("统计截止日期"))
    businesses = models.PositiveIntegerField(_("以商招商(家)"), default=0)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("运营成效")
        ordering = ["-period_end"]

    def __str__(self) -> str:
        return gettext("%(contract)s 截至%(date)s") % {
            "contract": self.contract,
            "date": f"{self.period_end:%Y-%m-%d}",
        }


class AttractedTalent(AreaScoped):
    NATURAL_KEY = ("contract", "kind", "attracted_on")

    contract = Ref(
        OperatorContract, _("运营合同"), on_delete=models.CASCADE, related_name="talents"
    )
    kind = Ref(TalentKind, _("人才类别"), related_name="talents")
    count = models.PositiveIntegerField(_("人数"))
    attracted_on = models.DateField(_("引进日期"))

    class Meta:
        verbose_name = _("引进人才")
        ordering = ["-attracted_on"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="talent_count_gte_1")]

    def __str__(self) -> str:
        return gettext("%(kind)s %(count)s人") % {"kind": self.kind, "count": self.count}


class SettledProject(AreaScoped):
    """A project of the project registry settled in the village through its operator."""

    NATURAL_KEY = ("project",)

    contract = Ref(
        OperatorContract, _("运营合同"), on_delete=models.CASCADE, related_name="projects"
    )
    project = OneRef("projects.Project", _("落户项目"), related_name="operator_link")

    class Meta:
        verbose_name = _("运营落户项目")
        ordering = ["-project__signed_on"]

    def __str__(self) -> str:
        return self.project.name


class ReviewRule(NodeRule):
    """The bar of the annual review: rewards only for a score at or above it."""

    pass_score = models.DecimalField(_("合格分数线"), default=Decimal(60), **SCORE)

    class Meta(NodeRule.Meta):
        verbose_name = _("运营考核标准")

    def __str__(self) -> str:
        return gettext("%(start)s—%(end)s 合格线%(score)s分") % {
            "start": self.valid_from,
            "end": self.valid_to or gettext("至今"),
            "score": self.pass_score,
        }


class OperatorReview(AreaScoped):
    NATURAL_KEY = ("contract", "year")
    NATURAL_KEY_CONSTRAINT = "operator_review_unique_year"

    contract = Ref(
        OperatorContract, _("运营合同"), on_delete=models.CASCADE, related_name="reviews"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    score = models.DecimalField(_("考核得分"), **SCORE)
    passed = models.BooleanField(_("达标"))
    reward = models.DecimalField(_("奖励(万元)"), default=0, **MONEY)
    comment = models.CharField(_("考核意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("运营年度考核")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(passed=True) | Q(reward=0), name="operator_review_reward_only_if_passed"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100, reward__gte=0),
                name="operator_review_values_valid",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(contract)s %(year)s年 %(score)s分") % {
            "contract": self.contract,
            "year": self.year,
            "score": self.score,
        }
