"""村社结对共建: organisations' standing by year, the recommendation runs, agreements with their
activity log, and the yearly 双整/示范村 targets.

Configuration rows (cooperation areas, weights, the 双整 checklist, town adjacency) belong to the
district and are versioned by year; they are read through selectors that widen the scope on
purpose, because a town or village user works under the district's configuration.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import (
    Area,
    AreaScoped,
    AreaYear,
    CatalogueEntry,
    EffectiveDated,
    VersionedByYear,
    year_range,
)
from xingcun.core.scoping import AreaScopedManager, scopes_disabled
from xingcun.organisations.models import Organisation

WEIGHT: dict[str, Any] = {"max_digits": 5, "decimal_places": 2}
PERCENT: dict[str, Any] = {"max_digits": 5, "decimal_places": 1}


class OrganisationStanding(AreaScoped):
    """An organisation's standing in one year: star level (set here by hand or by the star rating
    when it becomes final), titles such as 最强党支部, and the 软弱后进 designation."""

    NATURAL_KEY = ("organisation", "year")
    NATURAL_KEY_CONSTRAINT = "standing_unique_year"

    class Source(models.TextChoices):
        MANUAL = "manual", _("手工登记")
        RATING = "rating", _("星级评定")
        IMPORT = "import", _("导入")

    organisation = Ref(Organisation, _("党组织"), related_name="standings")
    year = models.PositiveSmallIntegerField(_("年度"))
    star_level = models.PositiveSmallIntegerField(_("星级"), default=0)
    titles = models.CharField(
        _("荣誉称号"), max_length=200, blank=True, help_text=_("多个用顿号分隔，如 最强党支部")
    )
    lagging = models.BooleanField(_("软弱后进"), default=False)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default="manual")
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("党组织年度星级")
        ordering = ["-year", "organisation__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(star_level__gte=0, star_level__lte=5), name="standing_star_0_to_5"
            ),
            year_range("standing_year_2000_2100"),
        ]

    def __str__(self) -> str:
        return gettext("%(organisation)s %(year)s年") % {
            "organisation": self.organisation,
            "year": self.year,
        }

    @property
    def title_list(self) -> list[str]:
        return [t.strip() for t in self.titles.replace(",", "、").split("、") if t.strip()]

    @property
    def stars(self) -> str:
        return "★" * self.star_level + "☆" * (5 - self.star_level)

    def clean(self) -> None:
        if self.star_level is not None and not 0 <= self.star_level <= 5:
            raise ValidationError({"star_level": gettext("星级应在0到5之间")})
        if self.lagging and self.star_level is not None and self.star_level >= 4:
            raise ValidationError({"lagging": gettext("四星级以上党组织不能同时认定为软弱后进")})


class CooperationArea(CatalogueEntry):
    """A field two paired organisations cooperate in (catalogue of the district)."""

    NATURAL_KEY = ("area", "name")
    NATURAL_KEY_CONSTRAINT = "cooperation_area_unique_name"

    name = models.CharField(_("合作领域"), max_length=32)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("结对合作领域")
        ordering = ["order", "name"]


class MatchWeights(models.Model):
    """The weights and limits of a recommendation: set per validity period (PairingWeights) and
    copied into each run, where staff may adjust them."""

    industry = models.DecimalField(_("产业互补权重"), default=Decimal("0.40"), **WEIGHT)
    distance = models.DecimalField(_("距离权重"), default=Decimal("0.30"), **WEIGHT)
    strength = models.DecimalField(_("实力差权重"), default=Decimal("0.30"), **WEIGHT)
    same_town = models.DecimalField(_("同镇得分"), default=Decimal("1.00"), **WEIGHT)
    neighbour = models.DecimalField(_("相邻镇得分"), default=Decimal("0.60"), **WEIGHT)
    elsewhere = models.DecimalField(_("区内其他镇得分"), default=Decimal("0.20"), **WEIGHT)
    capacity = models.PositiveSmallIntegerField(_("每个帮扶组织最多结对数"), default=2)
    min_star = models.PositiveSmallIntegerField(_("帮扶方最低星级"), default=4)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    industry__gte=0,
                    distance__gte=0,
                    strength__gte=0,
                    same_town__gte=0,
                    neighbour__gte=0,
                    elsewhere__gte=0,
                ),
                name="%(app_label)s_%(class)s_weights_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=20),
                name="%(app_label)s_%(class)s_capacity",
            ),
            models.CheckConstraint(
                condition=Q(min_star__gte=0, min_star__lte=5),
                name="%(app_label)s_%(class)s_min_star",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        weights = (self.industry, self.distance, self.strength)
        if all(w is not None for w in weights) and sum(weights) <= 0:
            raise ValidationError(gettext("产业互补、距离和实力差的权重不能全为0"))


class PairingWeights(VersionedByYear, MatchWeights):
    """The recommendation's weights and limits, one version per validity period."""

    NATURAL_KEY = ("area", "valid_from")
    NATURAL_KEY_CONSTRAINT = "pairing_weights_unique"

    name = models.CharField(_("名称"), max_length=64, default=gettext_lazy("结对推荐参数"))

    overlap_message = _("有效期与已有参数“%(other)s”重叠")

    class Meta(VersionedByYear.Meta):
        verbose_name = _("结对推荐参数")
        ordering = ["area", "valid_from"]
        constraints = [
            *EffectiveDated.Meta.constraints,
            *MatchWeights.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.period_label}）"


class TownAdjacency(AreaScoped):
    """Two towns of a district that count as neighbours for the distance score (either order)."""

    NATURAL_KEY = ("town_a", "town_b")
    NATURAL_KEY_CONSTRAINT = "town_adjacency_unique"

    town_a = Ref(Area, _("镇(街道)"), on_delete=models.CASCADE)
    town_b = Ref(Area, _("相邻镇(街道)"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("相邻镇街")
        ordering = ["town_a__code", "town_b__code"]
        constraints = [
            models.CheckConstraint(condition=~Q(town_a=F("town_b")), name="town_adjacency_two"),
        ]

    def __str__(self) -> str:
        return f"{self.town_a.display_name}—{self.town_b.display_name}"

    def clean(self) -> None:
        if self.town_a_id and self.town_a_id == self.town_b_id:
            raise ValidationError({"town_b": gettext("相邻镇街不能是同一个镇街")})
        for town in (self.town_a, self.town_b) if self.town_a_id and self.town_b_id else ():
            if town.level != Area.Level.TOWN:
                raise ValidationError(gettext("“%(name)s”不是镇(街道)") % {"name": town.name})
            if self.area_id and not self.area.contains(town):
                raise ValidationError(
                    gettext("“%(name)s”不在%(name2)s")
                    % {"name": town.name, "name2": self.area.name}
                )


class ChecklistItem(CatalogueEntry):
    """One item of the 双整 standard (整镇推进、整区提升); the district keeps the list."""

    NATURAL_KEY = ("area", "name", "valid_from")
    NATURAL_KEY_CONSTRAINT = "checklist_item_unique"

    name = models.CharField(_("达标项目"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("双整达标标准项目")
        ordering = ["order", "name"]


def assessment_evidence_path(instance: VillageAssessment, filename: str) -> str:
    return f"evidence/assessments/{instance.area.code}/{instance.year}/{filename}"


class VillageAssessment(AreaYear):
    """A village's 双整 compliance and 示范村 status in one year, with its evidence."""

    NATURAL_KEY_CONSTRAINT = "assessment_unique_year"

    compliant = models.BooleanField(_("双整达标"), default=False)
    items_met = models.ManyToManyField(
        ChecklistItem, blank=True, related_name="assessments", verbose_name=_("已达标项目")
    )
    demonstration = models.BooleanField(_("示范村"), default=False)
    evidence = models.FileField(_("佐证材料"), upload_to=assessment_evidence_path, blank=True)
    evidence_note = models.CharField(
        _("佐证说明"), max_length=200, blank=True, help_text=_("如验收文件文号")
    )

    class Meta(AreaYear.Meta):
        verbose_name = _("双整达标与示范村")
        constraints = [
            year_range("assessment_year_2000_2100"),
            models.CheckConstraint(
                condition=Q(compliant=False) | ~Q(evidence="") | ~Q(evidence_note=""),
                name="assessment_compliant_has_evidence",
            ),
        ]

    def clean(self) -> None:
        if self.area_id and self.area.level != Area.Level.VILLAGE:
            raise ValidationError({"area": gettext("请选择村(社区)")})
        if self.compliant and not self.evidence and not self.evidence_note.strip():
            raise ValidationError(
                {"evidence": gettext("标记为“双整”达标时须上传佐证材料或填写佐证说明")}
            )


class PairingTarget(AreaYear):
    """A node's yearly targets: share of villages meeting 双整 and share of 示范村, in %."""

    NATURAL_KEY_CONSTRAINT = "pairing_target_unique_year"

    compliance_target = models.DecimalField(
        _("双整达标村占比目标(%)"), default=Decimal(100), **PERCENT
    )
    demonstration_target = models.DecimalField(
        _("示范村占比目标(%)"), default=Decimal("33.3"), **PERCENT
    )

    class Meta(AreaYear.Meta):
        verbose_name = _("结对共建年度目标")
        constraints = [
            year_range("pairing_target_year_2000_2100"),
            models.CheckConstraint(
                condition=Q(
                    compliance_target__gte=0,
                    compliance_target__lte=100,
                    demonstration_target__gte=0,
                    demonstration_target__lte=100,
                ),
                name="pairing_target_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(area)s %(year)s年目标") % {
            "area": self.area_display_name,
            "year": self.year,
        }

    def clean(self) -> None:
        if self.area_id and self.area.level not in (Area.Level.COUNTY, Area.Level.TOWN):
            raise ValidationError({"area": gettext("年度目标只能定在区(县)或镇(街道)")})


class TwoSidedManager(AreaScopedManager[Any]):
    """Rows visible from either side of a pair: the weak side's area (the row's own) or the strong
    side's (`other_path`). Same rules otherwise: no scope raises, scopes_disabled() shows all."""

    other_path = "strong__area__path"

    def subtree_q(self, path: str) -> Q:
        return super().subtree_q(path) | Q(**{f"{self.other_path}__startswith": path})


class ActivityManager(TwoSidedManager):
    other_path = "agreement__strong__area__path"


class Agreement(AreaScoped):
    """A pairing agreement: the strong organisation helps the weak one for a period, in some
    cooperation areas, with joint targets. `area` is the weak side's; both sides see it."""

    NATURAL_KEY = ("strong", "weak", "start_on")

    class Status(models.TextChoices):
        ACTIVE = "active", _("结对中")
        ENDED = "ended", _("已结束")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        SUCCEEDED = "succeeded", _("成效明显")
        FAILED = "failed", _("未达预期")

    strong = Ref(Organisation, _("帮扶方党组织"), related_name="agreements_as_strong")
    weak = Ref(Organisation, _("受援方党组织"), related_name="agreements_as_weak")
    start_on = models.DateField(_("开始日期"))
    end_on = models.DateField(_("约定结束日期"))
    cooperation_areas = models.ManyToManyField(
        CooperationArea, blank=True, related_name="agreements", verbose_name=_("合作领域")
    )
    targets = models.TextField(_("共建目标"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("实际结束日期"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=200, blank=True)
    outcome = models.CharField(_("结对成效"), max_length=16, choices=Outcome.choices, blank=True)
    run = Ref(
        "pairing.PairingRun",
        _("来源推荐"),
        on_delete=models.SET_NULL,
        related_name="agreements",
        null=True,
    )

    objects: ClassVar[TwoSidedManager] = TwoSidedManager()

    class Meta:
        verbose_name = _("结对共建协议")
        ordering = ["-start_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(strong=F("weak")), name="agreement_two_sides"),
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")), name="agreement_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("start_on"), ended_on__lte=F("end_on")),
                name="agreement_ended_within_period",
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True)
                | Q(status="ended", ended_on__isnull=False),
                name="agreement_ended_has_date",
            ),
        ]
        indexes = [models.Index(fields=["start_on", "end_on"], name="agreement_period_idx")]

    def __str__(self) -> str:
        strong = self.strong.name if self.strong_id else "?"
        weak = self.weak.name if self.weak_id else "?"
        return f"{strong} — {weak}"

    @property
    def effective_end(self) -> dt.date:
        return self.ended_on or self.end_on

    def active_on(self, day: dt.date) -> bool:
        return self.start_on <= day <= self.effective_end

    def clean(self) -> None:
        if self.strong_id and self.strong_id == self.weak_id:
            raise ValidationError(gettext("党组织不能与自身结对"))
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": gettext("结对结束日期不能早于开始日期")})
        if self.ended_on and self.start_on and self.ended_on < self.start_on:
            raise ValidationError({"ended_on": gettext("实际结束日期不能早于开始日期")})
        if self.ended_on and self.end_on and self.ended_on > self.end_on:
            raise ValidationError(
                {"ended_on": gettext("实际结束日期不能晚于约定结束日期，请先续签")}
            )
        if self.weak_id and self.area_id and self.area_id != self.weak.area_id:
            raise ValidationError({"area": gettext("协议的所属区划应为受援方党组织的区划")})
        if not (self.strong_id and self.weak_id and self.start_on and self.end_on):
            return
        # Bypass: an organisation is paired once at a time wherever the other side is (either
        # side may lie outside the acting user's scope); only existence and names are read.
        with scopes_disabled():
            clash = self._overlapping(weak_id__in=[self.weak_id, self.strong_id])
            helped = self._overlapping(strong_id=self.weak_id)
        if clash is not None:
            who = self.weak if clash.weak_id == self.weak_id else self.strong
            raise ValidationError(
                gettext(
                    "“%(who)s”在%(start_on)s至%(effective_end)s已有结对（%(clash)s），同一时期不能重复结对"
                )
                % {
                    "who": who,
                    "start_on": format(clash.start_on, "%Y-%m-%d"),
                    "effective_end": format(clash.effective_end, "%Y-%m-%d"),
                    "clash": clash,
                }
            )
        if helped is not None:
            raise ValidationError(
                gettext("“%(weak)s”同一时期正作为帮扶方结对（%(helped)s），不能同时受援")
                % {"weak": self.weak, "helped": helped}
            )

    def _overlapping(self, **which: Any) -> Agreement | None:
        """Another agreement matching `which` whose period meets this one's."""
        return (
            Agreement.objects.filter(**which)
            .filter(start_on__lte=self.effective_end)
            .filter(
                Q(ended_on__gte=self.start_on) | Q(ended_on__isnull=True, end_on__gte=self.start_on)
            )
            .exclude(pk=self.pk)
            .select_related("strong", "weak")
            .first()
        )


class AgreementRenewal(AreaScoped):
    """One renewal of an agreement: its end moved from one date to a later one, with a reason."""

    agreement = Ref(Agreement, _("协议"), on_delete=models.CASCADE, related_name="renewals")
    renewed_on = models.DateField(_("续签日期"))
    previous_end_on = models.DateField(_("原结束日期"))
    new_end_on = models.DateField(_("新结束日期"))
    reason = models.CharField(_("续签原因"), max_length=200)

    objects: ClassVar[ActivityManager] = ActivityManager()

    class Meta:
        verbose_name = _("结对续签")
        ordering = ["-renewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end_on__gt=F("previous_end_on")), name="renewal_extends"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(agreement)s 续签至%(date)s") % {
            "agreement": self.agreement,
            "date": f"{self.new_end_on:%Y-%m-%d}",
        }


def activity_evidence_path(instance: Activity, filename: str) -> str:
    return f"evidence/pairing/{instance.agreement_id}/{filename}"


class Activity(AreaScoped):
    """One entry of an agreement's activity log."""

    NATURAL_KEY = ("agreement", "held_on", "kind")

    class Kind(models.TextChoices):
        VISIT = "visit", _("走访调研")
        TRAINING = "training", _("人才培训")
        MARKET = "market", _("市场对接")
        PLATFORM = "platform", _("电商平台建设")
        JOINT = "joint", _("联建活动")
        OTHER = "other", _("其他")

    agreement = Ref(Agreement, _("协议"), on_delete=models.CASCADE, related_name="activities")
    held_on = models.DateField(_("日期"))
    kind = models.CharField(_("活动类型"), max_length=16, choices=Kind.choices)
    participants = models.CharField(_("参加人员"), max_length=200)
    participant_count = models.PositiveIntegerField(_("参加人数"), default=0)
    summary = models.TextField(_("内容"), blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to=activity_evidence_path, blank=True)

    objects: ClassVar[ActivityManager] = ActivityManager()

    class Meta:
        verbose_name = _("结对活动")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.agreement_id and self.held_on:
            agreement = self.agreement
            if not agreement.start_on <= self.held_on <= agreement.effective_end:
                raise ValidationError({"held_on": gettext("活动日期应在结对期间内")})


class PairingRun(AreaScoped, MatchWeights):
    """One recommendation for a year: its weights (copied from the valid version, adjustable),
    locks and forbids, and the proposals of its last solve."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("调整中")
        ACCEPTED = "accepted", _("已采纳")

    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    start_on = models.DateField(_("结对开始日期"))
    end_on = models.DateField(_("结对结束日期"))
    solved_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    strong_count = models.PositiveIntegerField(_("帮扶候选数"), default=0)
    weak_count = models.PositiveIntegerField(_("受援候选数"), default=0)
    total_score = models.DecimalField(
        _("总得分"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    greedy_score = models.DecimalField(
        _("贪心法总得分"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    created_by = Ref(settings.AUTH_USER_MODEL, _("发起人"), on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("结对推荐")
        ordering = ["-year", "-id"]
        constraints = [
            year_range("pairing_run_year_2000_2100"),
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")), name="pairing_run_ends_after_start"
            ),
            *MatchWeights.Meta.constraints,
        ]

    def __str__(self) -> str:
        return gettext("%(year)s年结对推荐 #%(pk)s") % {"year": self.year, "pk": self.pk}

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": gettext("结对结束日期不能早于开始日期")})
        super().clean()


class PairRule(AreaScoped):
    """A pair that staff lock into, or forbid from, a run's solution."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("锁定")
        FORBID = "forbid", _("禁止")

    run = Ref(PairingRun, _("推荐"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    strong = Ref(Organisation, _("帮扶方党组织"), on_delete=models.CASCADE)
    weak = Ref(Organisation, _("受援方党组织"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("结对锁定/禁止")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "strong", "weak"], name="pair_rule_unique"),
            models.CheckConstraint(condition=~Q(strong=F("weak")), name="pair_rule_two_sides"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.strong} — {self.weak}"


class Proposal(AreaScoped):
    """One proposed pair of a run, with its score broken down by feature."""

    run = Ref(PairingRun, _("推荐"), on_delete=models.CASCADE, related_name="proposals")
    strong = Ref(Organisation, _("帮扶方党组织"), on_delete=models.CASCADE)
    weak = Ref(Organisation, _("受援方党组织"), on_delete=models.CASCADE)
    score = models.DecimalField(_("得分"), max_digits=8, decimal_places=4)
    industry = models.DecimalField(_("产业互补"), max_digits=6, decimal_places=4)
    distance = models.DecimalField(_("距离"), max_digits=6, decimal_places=4)
    strength = models.DecimalField(_("实力差"), max_digits=6, decimal_places=4)
    reasons: models.JSONField[Any] = models.JSONField(_("说明"), default=dict, blank=True)
    locked = models.BooleanField(_("锁定"), default=False)
    agreement = Ref(Agreement, _("形成的协议"), on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("结对建议")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "weak"], name="proposal_unique_weak"),
        ]

    def __str__(self) -> str:
        return f"{self.strong} — {self.weak}"
