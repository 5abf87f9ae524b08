"""星级基层党组织: a versioned scheme (weighted dimensions including 好家风, star cut-offs, quotas) and
one rating per organisation and year: self-score → town score → district confirmation (quotas) →
公示 → final, with the star raised or lowered against the year before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import (
    AreaScoped,
    PublishedVersion,
    first_reached,
    refuse_locked_changes,
)

SCORE: dict[str, Any] = {"max_digits": 6, "decimal_places": 2}
STAR_LABELS = {
    0: gettext_lazy("未定星（相对后进）"),
    1: gettext_lazy("一星"),
    2: gettext_lazy("二星"),
    3: gettext_lazy("三星"),
    4: gettext_lazy("四星"),
    5: gettext_lazy("五星"),
}


def star_label(star: int | None) -> str:
    return "—" if star is None else str(STAR_LABELS[star])


class StarScheme(PublishedVersion):
    LOCKED = (
        "area_id",
        "code",
        "valid_from",
        "five_from",
        "four_from",
        "three_from",
        "two_from",
        "one_from",
        "five_quota_pct",
        "four_quota_pct",
        "publicity_days",
    )

    five_from = models.DecimalField(_("五星分数线"), **SCORE)
    four_from = models.DecimalField(_("四星分数线"), **SCORE)
    three_from = models.DecimalField(_("三星分数线"), **SCORE)
    two_from = models.DecimalField(_("二星分数线"), **SCORE)
    one_from = models.DecimalField(
        _("一星分数线"), help_text=_("低于此分为未定星（相对后进）"), **SCORE
    )
    five_quota_pct = models.DecimalField(
        _("五星比例上限(%)"), help_text=_("占全区当年参评组织数的比例"), **SCORE
    )
    four_quota_pct = models.DecimalField(_("四星比例上限(%)"), **SCORE)
    publicity_days = models.PositiveSmallIntegerField(_("公示天数"), default=5)

    class Meta(PublishedVersion.Meta):
        verbose_name = _("星级评定方案")
        constraints = [
            *PublishedVersion.Meta.constraints,
            models.CheckConstraint(
                condition=Q(one_from__gte=0)
                & Q(two_from__gte=F("one_from"))
                & Q(three_from__gte=F("two_from"))
                & Q(four_from__gte=F("three_from"))
                & Q(five_from__gte=F("four_from"))
                & Q(five_from__lte=100),
                name="star_scheme_cut_offs_ordered",
            ),
            models.CheckConstraint(
                condition=Q(five_quota_pct__gte=0, five_quota_pct__lte=100)
                & Q(four_quota_pct__gte=0, four_quota_pct__lte=100),
                name="star_scheme_quotas_0_100",
            ),
            models.CheckConstraint(
                condition=Q(publicity_days__gte=1, publicity_days__lte=30),
                name="star_scheme_publicity_1_30",
            ),
        ]

    def star_for(self, score: Decimal) -> int:
        lines = (self.five_from, self.four_from, self.three_from, self.two_from, self.one_from)
        return first_reached(score, zip(lines, (5, 4, 3, 2, 1), strict=True), 0)

    def quota_pct(self, star: int) -> Decimal | None:
        return {5: self.five_quota_pct, 4: self.four_quota_pct}.get(star)

    def clean(self) -> None:
        super().clean()  # validity; published versions may not overlap
        lines = (self.five_from, self.four_from, self.three_from, self.two_from, self.one_from)
        if None not in lines and list(lines) != sorted(lines, reverse=True):
            raise ValidationError(gettext("分数线应从五星到一星依次不升高"))
        refuse_locked_changes(
            self, self.LOCKED, gettext("方案“%(code)s”已发布，不能再修改（%(join)s）；请新建版本")
        )


class Dimension(AreaScoped):
    """A weighted dimension of a scheme (weights of a published scheme add up to 100)."""

    NATURAL_KEY = ("scheme", "code")
    NATURAL_KEY_CONSTRAINT = "star_dimension_unique_code"

    LOCKED = ("scheme_id", "code", "name", "weight", "is_family")

    scheme = Ref(StarScheme, _("方案"), related_name="dimensions")
    code = models.CharField(_("维度代码"), max_length=32)
    name = models.CharField(_("维度名称"), max_length=100)
    weight = models.DecimalField(_("权重(%)"), **SCORE)
    is_family = models.BooleanField(_("好家风维度"), default=False)
    description = models.CharField(_("评分要点"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("星级评定维度")
        ordering = ["scheme", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0, weight__lte=100), name="star_dimension_weight_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}%）"

    def clean(self) -> None:
        if self.scheme_id is None:
            return
        refuse_locked_changes(
            self,
            self.LOCKED,
            gettext("方案“%(code)s”已发布，其维度不能修改"),
            added=gettext("方案“%(code)s”已发布，不能再增加维度；请新建版本"),
        )


class Rating(AreaScoped):
    """One organisation's rating for one year; `area` is the organisation's."""

    class Status(models.TextChoices):
        SELF_SCORED = "self_scored", _("已自评")
        TOWN_SCORED = "town_scored", _("镇街已评分")
        CONFIRMED = "confirmed", _("区委已确认")
        PUBLICISED = "publicised", _("公示中")
        FINAL = "final", _("已定星")

    class Change(models.TextChoices):
        NEW = "new", _("首次评定")
        RAISED = "raised", _("升星")
        KEPT = "kept", _("保持")
        LOWERED = "lowered", _("降星")

    organisation = Ref("organisations.Organisation", _("党组织"), related_name="star_ratings")
    year = models.PositiveSmallIntegerField(_("年度"))
    scheme = Ref(StarScheme, _("方案"), related_name="ratings")
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    self_total = models.DecimalField(_("自评总分"), **SCORE)
    town_total = models.DecimalField(_("镇街评分"), null=True, blank=True, **SCORE)
    proposed_star = models.PositiveSmallIntegerField(_("按得分星级"), null=True, blank=True)
    star = models.PositiveSmallIntegerField(_("确认星级"), null=True, blank=True)
    previous_star = models.PositiveSmallIntegerField(_("上年星级"), null=True, blank=True)
    change = models.CharField(_("升降"), max_length=16, choices=Change.choices, blank=True)
    self_note = models.CharField(_("自评说明"), max_length=500, blank=True)
    town_note = models.CharField(_("镇街意见"), max_length=500, blank=True)
    confirm_note = models.CharField(_("区委意见"), max_length=500, blank=True)
    publicised_on = models.DateField(_("公示开始日期"), null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField(_("公示天数"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("定星时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("星级评定")
        ordering = ["-year", "area", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="star_rating_unique"),
            models.CheckConstraint(
                condition=Q(star__isnull=True) | Q(star__lte=5), name="star_rating_star_0_5"
            ),
            models.CheckConstraint(
                condition=Q(star__isnull=True)
                | (Q(proposed_star__isnull=False) & Q(star__lte=F("proposed_star"))),
                name="star_rating_star_not_above_score",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["self_scored", "town_scored"]) | Q(star__isnull=False),
                name="star_rating_confirmed_has_star",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="star_rating_year_status")]

    def __str__(self) -> str:
        return gettext("%(organisation)s %(year)s年度星级评定") % {
            "organisation": self.organisation,
            "year": self.year,
        }

    @property
    def star_label(self) -> str:
        return star_label(self.star)

    @property
    def proposed_label(self) -> str:
        return star_label(self.proposed_star)

    @property
    def publicity_ends(self) -> dt.date | None:
        if self.publicised_on is None or not self.publicity_days:
            return None
        return self.publicised_on + dt.timedelta(days=self.publicity_days - 1)


class DimensionScore(AreaScoped):
    rating = Ref(Rating, _("星级评定"), on_delete=models.CASCADE, related_name="scores")
    dimension = Ref(Dimension, _("维度"))
    self_score = models.DecimalField(_("自评得分"), **SCORE)
    town_score = models.DecimalField(_("镇街评分"), null=True, blank=True, **SCORE)

    class Meta:
        verbose_name = _("维度得分")
        ordering = ["rating", "dimension__code"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "dimension"], name="star_score_unique"),
            models.CheckConstraint(
                condition=Q(self_score__gte=0, self_score__lte=100)
                & (Q(town_score__isnull=True) | Q(town_score__gte=0, town_score__lte=100)),
                name="star_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name} {self.self_score}/{self.town_score}"
