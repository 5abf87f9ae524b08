"""微心愿 (residents' small wishes claimed and fulfilled by party members) and 走亲连心 visits.

A wish lives in its village. Its life: collected (staff, a visit or the public page) → verified and
numbered → published on the wish wall → claimed (one active claim at a time, enforced by a partial
unique constraint) → fulfilled by the claimer with evidence → confirmed with the resident and closed.
An unfulfilled claim expires after the configured number of days and the wish returns to the wall.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import AreaScoped, NamedRule, at_least
from xingcun.people.models import validate_phone


class WishRule(NamedRule):
    """How long a claim may stay unfulfilled and what a fulfilled wish is worth, for the years of
    its validity in the jurisdiction `area` (usually the district; a town may set its own)."""

    claim_days = models.PositiveSmallIntegerField(
        _("认领后限期实现天数"), help_text=_("超过天数未实现的认领自动失效，心愿重回心愿墙")
    )
    points = models.DecimalField(
        _("实现一个心愿计先锋指数分"),
        help_text=_("记入认领党员的先锋指数"),
        max_digits=6,
        decimal_places=2,
    )
    vanguard_item = models.CharField(
        _("先锋指数加分项目代码"), max_length=32, default="wish_fulfilled", blank=True
    )

    class Meta(NamedRule.Meta):
        verbose_name = _("微心愿规则")
        constraints = [
            *NamedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(claim_days__gte=1, claim_days__lte=365),
                name="wish_rule_claim_days_1_to_365",
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="wish_rule_points_gte_0"),
        ]


class Wish(AreaScoped):
    NATURAL_KEY = ("area", "wisher_name", "title", "submitted_on")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待核实")
        VERIFIED = "verified", _("待发布")
        OPEN = "open", _("待认领")
        CLAIMED = "claimed", _("已认领")
        DELIVERED = "delivered", _("待确认")
        FULFILLED = "fulfilled", _("已实现")
        WITHDRAWN = "withdrawn", _("已下架")

    class Category(models.TextChoices):
        LIVING = "living", _("生活帮扶")
        STUDY = "study", _("助学助教")
        CARE = "care", _("就医助老")
        PRODUCTION = "production", _("生产发展")
        FACILITY = "facility", _("公共设施")
        OTHER = "other", _("其他")

    class Source(models.TextChoices):
        STAFF = "staff", _("村干部登记")
        VISIT = "visit", _("走访收集")
        PUBLIC = "public", _("群众网上提交")

    number = models.CharField(_("心愿编号"), max_length=32, blank=True)
    title = models.CharField(_("心愿"), max_length=60)
    content = models.TextField(_("具体内容"), max_length=500)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    wisher_name = models.CharField(_("心愿人"), max_length=32)
    phone = models.CharField(_("联系电话"), max_length=11, blank=True, validators=[validate_phone])
    household = Ref("people.Household", _("所在农户"), related_name="wishes", null=True)
    source = models.CharField(
        _("来源"), max_length=16, choices=Source.choices, default=Source.STAFF
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_on = models.DateField(_("收集日期"))
    verified_on = models.DateField(_("核实日期"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    first_claimed_on = models.DateField(_("首次认领日期"), null=True, blank=True)
    fulfilled_on = models.DateField(_("实现日期"), null=True, blank=True)
    days_to_fulfil = models.PositiveIntegerField(_("实现用时(天)"), null=True, blank=True)
    points = models.DecimalField(
        _("计先锋指数分"), null=True, blank=True, max_digits=6, decimal_places=2
    )
    withdraw_reason = models.CharField(_("下架原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("微心愿")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="wish_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn"]) | ~Q(number=""),
                name="wish_numbered_once_verified",
            ),
            models.CheckConstraint(
                condition=~Q(status="fulfilled")
                | Q(fulfilled_on__isnull=False, days_to_fulfil__isnull=False),
                name="wish_fulfilled_has_date",
            ),
            at_least("fulfilled_on", "submitted_on", name="wish_fulfilled_after_submitted"),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "submitted",
                        "verified",
                        "open",
                        "claimed",
                        "delivered",
                        "fulfilled",
                        "withdrawn",
                    ]
                ),
                name="wish_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["area", "status"], name="wish_area_status_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def masked_wisher(self) -> str:
        """The wish wall shows 王** rather than the full name."""
        return self.wisher_name[:1] + "*" * max(1, len(self.wisher_name) - 1)

    @property
    def is_on_wall(self) -> bool:
        return self.status == self.Status.OPEN

    def clean(self) -> None:
        if self.submitted_on and self.submitted_on > dt.date.today():  # noqa: DTZ011
            raise ValidationError({"submitted_on": gettext("收集日期不能晚于今天")})
        if self.household is not None and self.area_id and self.household.area_id != self.area_id:
            raise ValidationError({"household": gettext("农户应属于心愿所在的村")})
        if self.area_id and self.area.level != self.area.Level.VILLAGE:
            raise ValidationError({"area": gettext("心愿应登记在村(社区)")})
        if (
            self.pk
            and self.area_id
            and WishClaim.objects.inherited()
            .filter(wish_id=self.pk)
            .exclude(area_id=self.area_id)
            .exists()
        ):
            raise ValidationError({"area": gettext("心愿已有认领记录，不能改到其他村(社区)")})


def evidence_path(instance: WishClaim, filename: str) -> str:
    return f"evidence/wishes/{instance.wish.area.code}/{instance.wish_id}/{filename}"


class WishClaim(AreaScoped):
    """One claim of a wish by a party member or an organisation; `area` is the wish's village."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("认领中")
        DELIVERED = "delivered", _("待确认")
        DONE = "done", _("已实现")
        EXPIRED = "expired", _("已超期")
        RELEASED = "released", _("已放弃")

    LIVE = (Status.ACTIVE, Status.DELIVERED)

    wish = Ref(Wish, _("心愿"), related_name="claims")
    member = Ref("people.PartyMember", _("认领党员"), related_name="wish_claims", null=True)
    organisation = Ref(
        "organisations.Organisation", _("认领党组织"), related_name="wish_claims", null=True
    )
    claimed_by = Ref(settings.AUTH_USER_MODEL, _("操作人"), on_delete=models.SET_NULL, null=True)
    claimed_at = models.DateTimeField(_("认领时间"))
    due_on = models.DateField(_("限期实现日期"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    delivered_on = models.DateField(_("报告实现日期"), null=True, blank=True)
    note = models.TextField(_("实现情况"), max_length=500, blank=True)
    evidence = models.FileField(_("佐证照片或材料"), upload_to=evidence_path, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    confirmed_by = Ref(settings.AUTH_USER_MODEL, _("确认人"), on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("心愿认领")
        ordering = ["-claimed_at", "-id"]
        constraints = [
            # The final guard of the claim race: at most one live claim per wish.
            models.UniqueConstraint(
                fields=["wish"],
                condition=Q(status__in=["active", "delivered"]),
                name="wish_one_live_claim",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False, organisation__isnull=True)
                | Q(member__isnull=True, organisation__isnull=False),
                name="wish_claim_member_or_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["delivered", "done"]) | Q(delivered_on__isnull=False),
                name="wish_claim_delivered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(claimer_name)s认领“%(title)s”") % {
            "claimer_name": self.claimer_name,
            "title": self.wish.title,
        }

    @property
    def claimer_name(self) -> str:
        if self.member_id:
            return self.member.person.name  # type: ignore[union-attr]
        return self.organisation.name if self.organisation else ""

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    def is_overdue(self, on: dt.date) -> bool:
        return self.status == self.Status.ACTIVE and on > self.due_on


class Visit(AreaScoped):
    """A 走亲连心三服务 visit: a cadre to a village, a household or an enterprise; `area` is the
    village visited."""

    NATURAL_KEY = ("area", "cadre_name", "visited_on", "target", "household", "enterprise")

    class Target(models.TextChoices):
        VILLAGE = "village", _("村(社区)")
        HOUSEHOLD = "household", _("农户")
        ENTERPRISE = "enterprise", _("企业")

    cadre_name = models.CharField(_("走访干部"), max_length=32)
    cadre_unit = models.CharField(_("干部所在单位"), max_length=64, blank=True)
    visited_on = models.DateField(_("走访日期"))
    target = models.CharField(_("走访对象"), max_length=16, choices=Target.choices)
    household = Ref("people.Household", _("走访农户"), related_name="visits", null=True)
    enterprise = models.CharField(_("走访企业"), max_length=100, blank=True)
    issues_raised = models.PositiveSmallIntegerField(_("收集问题数"), default=0)
    issues_resolved = models.PositiveSmallIntegerField(_("解决问题数"), default=0)
    summary = models.TextField(_("走访情况"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("走亲连心走访")
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(issues_resolved__lte=F("issues_raised")),
                name="visit_resolved_lte_raised",
            ),
            models.CheckConstraint(
                condition=~Q(target="household") | Q(household__isnull=False),
                name="visit_household_named",
            ),
            models.CheckConstraint(
                condition=~Q(target="enterprise") | ~Q(enterprise=""),
                name="visit_enterprise_named",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(visited_on)s %(cadre_name)s走访%(target_name)s") % {
            "visited_on": self.visited_on,
            "cadre_name": self.cadre_name,
            "target_name": self.target_name,
        }

    @property
    def target_name(self) -> str:
        if self.target == self.Target.HOUSEHOLD and self.household_id:
            return str(self.household)
        if self.target == self.Target.ENTERPRISE:
            return self.enterprise
        return self.area_display_name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.visited_on and self.visited_on > dt.date.today():  # noqa: DTZ011
            errors["visited_on"] = gettext("走访日期不能晚于今天")
        if self.issues_resolved > self.issues_raised:
            errors["issues_resolved"] = gettext("解决问题数不能多于收集问题数")
        if self.target == self.Target.HOUSEHOLD and not self.household_id:
            errors["household"] = gettext("走访农户时请选择农户")
        if self.target == self.Target.ENTERPRISE and not self.enterprise.strip():
            errors["enterprise"] = gettext("走访企业时请填写企业名称")
        if self.household is not None and self.area_id and self.household.area_id != self.area_id:
            errors["household"] = gettext("农户应属于走访的村")
        if self.area_id and self.area.level != self.area.Level.VILLAGE:
            errors["area"] = gettext("请选择走访的村(社区)")
        if errors:
            raise ValidationError(errors)


class PublicRefusal(AreaScoped):
    """Submissions of the public page kept off the wall, counted per village, day and reason: the
    district and the town see what the page's limits refused (a moderation count). Only the count
    is kept, never the refused text, name or phone (minimum necessary)."""

    class Reason(models.TextChoices):
        ADDRESS_LIMIT = "address_limit", _("同一网络地址提交过于频繁")
        VILLAGE_LIMIT = "village_limit", _("本村当日网上提交已达上限")
        CHALLENGE = "challenge", _("验证问题未通过或页面已用过")
        HONEYPOT = "honeypot", _("疑似自动程序提交")

    day = models.DateField(_("日期"))
    reason = models.CharField(_("原因"), max_length=16, choices=Reason.choices)
    count = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("网上提交拦截")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "day", "reason"], name="wish_public_refusal_unique_day"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=["address_limit", "village_limit", "challenge", "honeypot"]),
                name="wish_public_refusal_reason_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_reason_display()} {self.count}"
