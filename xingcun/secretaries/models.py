"""First secretaries (第一书记) sent to weak villages, their measures, projects, funds and yearly
assessments; and the 消薄 campaign: the cohort of weak villages and the year each left."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, OneRef, Ref
from xingcun.core.models import AreaScoped, EffectiveDated, NamedRule, at_least, first_reached
from xingcun.core.scoping import scopes_disabled

SCORE: dict[str, Any] = {"max_digits": 5, "decimal_places": 1}


class Measure(EffectiveDated):
    """One item of a district policy catalogue (富村十条, 化债九法); staff maintain the contents."""

    NATURAL_KEY = ("area", "catalogue", "number", "valid_from")
    NATURAL_KEY_CONSTRAINT = "measure_unique_number"

    catalogue = models.CharField(_("举措目录"), max_length=32, help_text=_("如 富村十条、化债九法"))
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("举措"), max_length=100)
    overlap_fields = ("catalogue", "number")

    class Meta(EffectiveDated.Meta):
        verbose_name = _("帮扶举措")
        ordering = ["catalogue", "number"]

    def __str__(self) -> str:
        return f"{self.catalogue}·{self.number} {self.title}"


class FirstSecretary(AreaScoped):
    """A posting of a first secretary to a village (`area`) for a period."""

    NATURAL_KEY = ("person", "started_on")

    person = Ref("people.Person", _("人员"), related_name="first_secretary_postings")
    sending_unit = models.CharField(_("派出单位"), max_length=100)
    started_on = models.DateField(_("任职开始"))
    ended_on = models.DateField(_("任职结束"), null=True, blank=True)
    measures = models.ManyToManyField(
        Measure, related_name="postings", blank=True, verbose_name=_("采用的举措")
    )

    class Meta:
        verbose_name = _("第一书记")
        ordering = ["-started_on", "id"]
        constraints = [
            at_least("ended_on", "started_on", name="first_secretary_ended_after_started"),
            # Two postings of one person cannot start on the same day (the DB part of the overlap
            # rule; the full check is in clean(), as SQLite has no exclusion constraints).
            models.UniqueConstraint(
                fields=["person", "started_on"], name="first_secretary_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.area.display_name}）"

    def active_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": gettext("任职结束日期不能早于开始日期")})
        if not (self.person_id and self.started_on):
            return
        end = self.ended_on or dt.date.max
        # Bypass: a person holds one posting at a time, wherever the other posting is.
        with scopes_disabled():
            clash = (
                FirstSecretary.objects.filter(person_id=self.person_id, started_on__lte=end)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=self.started_on))
                .exclude(pk=self.pk)
                .select_related("area")
                .first()
            )
        if clash is not None:
            until = f"{clash.ended_on:%Y-%m-%d}" if clash.ended_on else gettext("至今")
            raise ValidationError(
                {
                    "started_on": gettext(
                        "该同志%(started_on)s至%(until)s已任%(display_name)s第一书记，任职时间不能重叠"
                    )
                    % {
                        "started_on": format(clash.started_on, "%Y-%m-%d"),
                        "until": until,
                        "display_name": clash.area.display_name,
                    }
                }
            )


class SecretaryProject(AreaScoped):
    """A project of the project registry introduced by a first secretary."""

    NATURAL_KEY = ("project",)

    secretary = Ref(
        FirstSecretary, _("第一书记"), on_delete=models.CASCADE, related_name="projects"
    )
    project = OneRef("projects.Project", _("引进项目"), related_name="first_secretary_link")

    class Meta:
        verbose_name = _("第一书记引进项目")
        ordering = ["-project__signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.secretary.person.name}：{self.project.name}"


class SecretaryFund(AreaScoped):
    """Project funds secured by a first secretary (万元)."""

    NATURAL_KEY = ("secretary", "received_on", "source")

    secretary = Ref(FirstSecretary, _("第一书记"), on_delete=models.CASCADE, related_name="funds")
    received_on = models.DateField(_("到位日期"))
    amount = models.DecimalField(_("金额(万元)"), **MONEY)
    source = models.CharField(_("资金来源"), max_length=100)
    purpose = models.CharField(_("用途"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("第一书记争取资金")
        ordering = ["-received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="secretary_fund_amount_gt_0")
        ]

    def __str__(self) -> str:
        return gettext("%(source)s %(amount)s万元") % {"source": self.source, "amount": self.amount}


class AssessmentScheme(NamedRule):
    """How a first secretary's yearly score is made and graded (default: town targets 70 + mass
    rating 20 + assessment team 10; 优秀 ≥ 90, 称职 ≥ 75, 基本称职 ≥ 60)."""

    name = models.CharField(_("方案名称"), max_length=64)
    town_max = models.DecimalField(_("镇街目标考核满分"), **SCORE, default=Decimal(70))
    mass_max = models.DecimalField(_("群众测评满分"), **SCORE, default=Decimal(20))
    team_max = models.DecimalField(_("考核组评价满分"), **SCORE, default=Decimal(10))
    excellent_from = models.DecimalField(_("优秀分数线"), **SCORE, default=Decimal(90))
    competent_from = models.DecimalField(_("称职分数线"), **SCORE, default=Decimal(75))
    basic_from = models.DecimalField(_("基本称职分数线"), **SCORE, default=Decimal(60))
    overlap_message = _("有效期与已有方案“%(other)s”重叠")

    class Meta(NamedRule.Meta):
        verbose_name = _("第一书记考核方案")
        constraints = [
            *NamedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(excellent_from__gte=F("competent_from"))
                & Q(competent_from__gte=F("basic_from")),
                name="assessment_scheme_cutoffs_ordered",
            ),
        ]

    def grade(self, total: Decimal) -> str:
        grades = SecretaryAssessment.Grade
        return first_reached(
            total,
            (
                (self.excellent_from, grades.EXCELLENT),
                (self.competent_from, grades.COMPETENT),
                (self.basic_from, grades.BASIC),
            ),
            grades.INCOMPETENT,
        )


class SecretaryAssessment(AreaScoped):
    NATURAL_KEY = ("secretary", "year")
    NATURAL_KEY_CONSTRAINT = "assessment_unique_secretary_year"

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("优秀")
        COMPETENT = "competent", _("称职")
        BASIC = "basic", _("基本称职")
        INCOMPETENT = "incompetent", _("不称职")

    secretary = Ref(
        FirstSecretary, _("第一书记"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    town_score = models.DecimalField(_("镇街目标考核得分"), **SCORE)
    mass_score = models.DecimalField(_("群众测评得分"), **SCORE)
    team_score = models.DecimalField(_("考核组评价得分"), **SCORE)
    total = models.DecimalField(_("总分"), **SCORE)
    grade = models.CharField(_("等次"), max_length=16, choices=Grade.choices)

    class Meta:
        verbose_name = _("第一书记年度考核")
        ordering = ["-year", "-total"]
        constraints = [
            models.CheckConstraint(
                condition=Q(town_score__gte=0, mass_score__gte=0, team_score__gte=0),
                name="assessment_scores_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s %(year)s年 %(grade)s") % {
            "name": self.secretary.person.name,
            "year": self.year,
            "grade": self.get_grade_display(),
        }


class WeakRemovalPlan(AreaScoped):
    """A 消薄 campaign of a district: the cohort is the villages weak in `baseline_year` under the
    rule valid that year; the campaign's first year is the year after."""

    NATURAL_KEY = ("area", "baseline_year")
    NATURAL_KEY_CONSTRAINT = "weak_plan_unique_year"

    name = models.CharField(_("名称"), max_length=64)
    baseline_year = models.PositiveSmallIntegerField(_("认定年度"))
    target_year = models.PositiveSmallIntegerField(_("目标年度"))
    refreshed_at = models.DateTimeField(_("最近计算时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消薄计划")
        ordering = ["-baseline_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gt=F("baseline_year")), name="weak_plan_target_after_base"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s（%(baseline_year)s年认定）") % {
            "name": self.name,
            "baseline_year": self.baseline_year,
        }

    @property
    def first_year(self) -> int:
        return self.baseline_year + 1


class WeakCohortVillage(AreaScoped):
    """A village of a plan's cohort and the year it left weak status (recorded by
    `services.weak_cohort_refresh` from the village's profiles and the versioned rules)."""

    plan = Ref(WeakRemovalPlan, _("消薄计划"), on_delete=models.CASCADE, related_name="cohort")
    exit_year = models.PositiveSmallIntegerField(_("摘帽年度"), null=True, blank=True)

    class Meta:
        verbose_name = _("薄弱村名单")
        ordering = ["plan", "area__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="weak_cohort_unique_village"),
        ]

    def __str__(self) -> str:
        return f"{self.area.display_name}（{self.exit_year or gettext('未摘帽')}）"
