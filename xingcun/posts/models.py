"""无职党员设岗定责: pioneer posts opened by a party organisation, taken by members without office,
and members' pairing with 示范户 and 低收入(贫困)户 households.

A post's life: 公开设岗 (the organisation opens a post of a catalogue type) → 选岗 (members apply)
→ 定岗 (the organisation assigns; the assignment is publicised for the configured days) → 上岗
(duty starts once publicity has ended) → 述岗评岗 (a yearly review rates the member on the post).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import AreaScoped, EffectiveDated, NamedRule, at_least


class PostType(EffectiveDated):
    """A kind of pioneer post in the catalogue of a jurisdiction (usually the district), valid for
    a range of years; a new version keeps the same code."""

    NATURAL_KEY = ("area", "code", "valid_from")
    NATURAL_KEY_CONSTRAINT = "post_type_unique_version"
    NAMED_BY = "name"

    code = models.CharField(_("岗位代码"), max_length=32)
    name = models.CharField(_("岗位名称"), max_length=32)
    duties = models.TextField(_("岗位职责"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    overlap_fields = ("code",)

    class Meta(EffectiveDated.Meta):
        verbose_name = _("先锋岗位目录")
        ordering = ["area", "position", "code", "valid_from"]


class PostRule(NamedRule):
    """How many days an assignment is publicised (公示) before the member takes up the post."""

    publicity_days = models.PositiveSmallIntegerField(_("定岗公示天数"))

    class Meta(NamedRule.Meta):
        verbose_name = _("设岗定责规则")
        constraints = [
            *NamedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(publicity_days__gte=1, publicity_days__lte=30),
                name="post_rule_publicity_1_to_30_days",
            ),
        ]


class Post(AreaScoped):
    """A post opened (公开设岗) by an organisation; `area` is the organisation's jurisdiction."""

    NATURAL_KEY = ("organisation", "title", "opened_on")
    NAMED_BY = "title"

    organisation = Ref("organisations.Organisation", _("设岗党组织"), related_name="pioneer_posts")
    post_type = Ref(PostType, _("岗位类别"), related_name="posts")
    title = models.CharField(_("岗位名称"), max_length=60)
    duties = models.TextField(_("岗位职责"), max_length=500, blank=True)
    seats = models.PositiveSmallIntegerField(_("设岗人数"), default=1)
    opened_on = models.DateField(_("设岗日期"))
    closed_on = models.DateField(_("撤岗日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("党员先锋岗")
        ordering = ["area", "-opened_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=50), name="post_seats_1_to_50"
            ),
            at_least("closed_on", "opened_on", name="post_closed_after_opened"),
        ]

    def is_open_on(self, day: dt.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.opened_on and self.opened_on > dt.date.today():  # noqa: DTZ011
            errors["opened_on"] = gettext("设岗日期不能晚于今天")
        if self.post_type_id and self.opened_on:
            kind = self.post_type
            if not kind.covers(self.opened_on.year):
                errors["post_type"] = gettext("岗位类别“%(name)s”在%(year)s年的目录中无效") % {
                    "name": kind.name,
                    "year": self.opened_on.year,
                }
            elif self.area_id and not self.area.path.startswith(kind.area.path):
                errors["post_type"] = gettext("岗位类别“%(name)s”不属于本辖区的目录") % {
                    "name": kind.name
                }
        if self.organisation_id and self.area_id and self.organisation.area_id != self.area_id:
            errors["organisation"] = gettext("岗位应登记在设岗党组织所在的区划")
        elif (
            self.pk
            and self.area_id
            and PostAssignment.objects.inherited()
            .filter(post_id=self.pk)
            .exclude(area_id=self.area_id)
            .exists()
        ):
            errors["organisation"] = gettext("岗位已有党员选岗，不能改由其他区划的党组织设岗")
        if errors:
            raise ValidationError(errors)


class PostAssignment(AreaScoped):
    """A member on a post, from the application to leaving it; `area` is the post's."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("已选岗")
        PUBLICISED = "publicised", _("定岗公示中")
        ON_DUTY = "on_duty", _("在岗")
        DECLINED = "declined", _("未定岗")
        ENDED = "ended", _("已离岗")

    LIVE = (Status.APPLIED, Status.PUBLICISED, Status.ON_DUTY)

    post = Ref(Post, _("岗位"), related_name="assignments")
    member = Ref("people.PartyMember", _("党员"), related_name="post_assignments")
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )
    applied_on = models.DateField(_("选岗日期"))
    assigned_on = models.DateField(_("定岗日期"), null=True, blank=True)
    publicity_ends_on = models.DateField(_("公示截止日期"), null=True, blank=True)
    starts_on = models.DateField(_("上岗日期"), null=True, blank=True)
    ended_on = models.DateField(_("离岗日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("党员定岗")
        ordering = ["post", "applied_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "member"],
                condition=Q(status__in=["applied", "publicised", "on_duty"]),
                name="post_assignment_one_live_per_member",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["publicised", "on_duty", "ended"])
                | Q(assigned_on__isnull=False, publicity_ends_on__isnull=False),
                name="post_assignment_assigned_has_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["on_duty", "ended"]) | Q(starts_on__isnull=False),
                name="post_assignment_on_duty_has_start",
            ),
            at_least(
                "starts_on",
                "publicity_ends_on",
                name="post_assignment_starts_after_publicity",
                strictly=True,
            ),
            at_least("ended_on", "starts_on", name="post_assignment_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.member}·{self.post}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE


class PostReview(AreaScoped):
    """述岗评岗: the yearly rating of a member on a post."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("优秀")
        COMPETENT = "competent", _("称职")
        BASIC = "basic", _("基本称职")
        INCOMPETENT = "incompetent", _("不称职")

    assignment = Ref(PostAssignment, _("定岗"), related_name="reviews")
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.CharField(_("评定等次"), max_length=16, choices=Grade.choices)
    summary = models.TextField(_("述岗情况"), max_length=1000, blank=True)
    reviewed_on = models.DateField(_("评岗日期"))
    reviewed_by = Ref(settings.AUTH_USER_MODEL, _("评定人"), on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("述岗评岗")
        ordering = ["-year", "assignment"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "year"], name="post_review_one_a_year"),
        ]

    def __str__(self) -> str:
        return gettext("%(year)s年%(assignment)s：%(grade)s") % {
            "year": self.year,
            "assignment": self.assignment,
            "grade": self.get_grade_display(),
        }


class HouseholdPairing(AreaScoped):
    """A member paired with a demonstration or low-income household; `area` is the household's."""

    NATURAL_KEY = ("member", "household", "started_on")

    class Kind(models.TextChoices):
        DEMONSTRATION = "demonstration", _("示范户")
        LOW_INCOME = "low_income", _("低收入(贫困)户")

    member = Ref("people.PartyMember", _("党员"), related_name="household_pairings")
    household = Ref("people.Household", _("结对农户"), related_name="member_pairings")
    kind = models.CharField(_("结对类型"), max_length=16, choices=Kind.choices)
    started_on = models.DateField(_("结对日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    goal = models.CharField(_("帮扶目标"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("党员结对农户")
        ordering = ["area", "-started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "household"],
                condition=Q(ended_on__isnull=True),
                name="household_pairing_one_live",
            ),
            at_least("ended_on", "started_on", name="household_pairing_ends_after_start"),
        ]

    def __str__(self) -> str:
        return gettext("%(member)s结对%(household)s") % {
            "member": self.member,
            "household": self.household,
        }

    def clean(self) -> None:
        errors: dict[str, str] = {}
        household = self.household if self.household_id else None
        if household is not None:
            if self.area_id and household.area_id != self.area_id:
                errors["household"] = gettext("结对记录应登记在农户所在的村")
            if self.kind == self.Kind.DEMONSTRATION and not household.is_demonstration:
                errors["household"] = gettext("%(household)s不是示范户，请先在农户登记中标记") % {
                    "household": household
                }
            if self.kind == self.Kind.LOW_INCOME and not household.is_low_income:
                errors["household"] = gettext(
                    "%(household)s不是低收入(贫困)户，请先在农户登记中标记"
                ) % {"household": household}
        if self.started_on and self.started_on > dt.date.today():  # noqa: DTZ011
            errors["started_on"] = gettext("结对日期不能晚于今天")
        if self.member_id and self.member.left_on is not None:
            errors["member"] = gettext("该党员已不在册")
        if errors:
            raise ValidationError(errors)


class HelpLog(AreaScoped):
    """A visit to or help for a paired household; `area` is the household's."""

    NATURAL_KEY = ("pairing", "helped_on", "kind")

    class Kind(models.TextChoices):
        VISIT = "visit", _("走访慰问")
        HELP = "help", _("帮扶解难")
        TECH = "tech", _("技术指导")
        ERRAND = "errand", _("代办服务")

    pairing = Ref(HouseholdPairing, _("结对"), related_name="logs")
    helped_on = models.DateField(_("日期"))
    kind = models.CharField(_("方式"), max_length=16, choices=Kind.choices)
    content = models.TextField(_("内容"), max_length=500)

    class Meta:
        verbose_name = _("结对帮扶记录")
        ordering = ["-helped_on", "-id"]

    def __str__(self) -> str:
        return f"{self.helped_on} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.helped_on and self.helped_on > dt.date.today():  # noqa: DTZ011
            raise ValidationError({"helped_on": gettext("日期不能晚于今天")})
        if self.pairing_id and self.helped_on and self.helped_on < self.pairing.started_on:
            raise ValidationError({"helped_on": gettext("日期不能早于结对日期")})
        if self.pairing_id and self.area_id and self.pairing.area_id != self.area_id:
            raise ValidationError({"pairing": gettext("帮扶记录应登记在结对农户所在的村")})
