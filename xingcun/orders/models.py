"""Talent service teams, experts and service orders (点单), with chief experts' demonstration
projects. A village orders a service, a dispatcher (town or district staff) assigns a team or an
expert, the expert accepts or declines, delivers and records the problems solved, and the village
rates the service, which closes the order."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, OneRef, Ref
from xingcun.core.models import (
    Area,
    AreaScoped,
    CatalogueEntry,
    NamedRule,
    at_least,
    year_range,
)


class ServiceCategory(CatalogueEntry):
    """A kind of talent service team (产业发展, 乡村建设, …), kept by the district; a kind stops
    being offered after `valid_to` without losing the orders that used it."""

    NATURAL_KEY = ("area", "name")
    NATURAL_KEY_CONSTRAINT = "service_category_unique_name"

    name = models.CharField(_("服务类别"), max_length=32)
    keywords = models.CharField(
        _("关键词"), max_length=200, blank=True, help_text=_("用顿号分隔，用于推荐专家")
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("人才服务类别")
        ordering = ["position", "id"]

    def keyword_list(self) -> list[str]:
        return split_words(f"{self.name}、{self.keywords}")


def split_words(text: str) -> list[str]:
    import re

    return [w for w in re.split(r"[、,，;；\s/]+", text) if w]


class ServiceTeam(AreaScoped):
    """A talent service team (人才服务队), formed at the district or a town."""

    NATURAL_KEY = ("area", "name")
    NATURAL_KEY_CONSTRAINT = "service_team_unique_name"
    NAMED_BY = "name"

    name = models.CharField(_("服务队名称"), max_length=64)
    category = Ref(ServiceCategory, _("类别"), related_name="teams")
    leader = models.CharField(_("队长"), max_length=32, blank=True)
    formed_on = models.DateField(_("组建日期"))
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("人才服务队")
        ordering = ["category__position", "name"]
        constraints = [
            at_least("dissolved_on", "formed_on", name="service_team_dissolved_after_formed"),
        ]


class Expert(AreaScoped):
    """An expert of the talent teams; `user` is the login through which the expert answers orders.
    `chief_field` marks a 首席农技专家 (e.g. 水果)."""

    NATURAL_KEY = ("code",)

    name = models.CharField(_("姓名"), max_length=32)
    code = models.CharField(_("专家编号"), max_length=32, unique=True)
    unit = models.CharField(_("工作单位"), max_length=100)
    specialty = models.CharField(
        _("专业特长"), max_length=200, help_text=_("用顿号分隔，如 水果、甜樱桃、病虫害防治")
    )
    chief_field = models.CharField(
        _("首席农技专家领域"), max_length=32, blank=True, help_text=_("如 水果；不是首席专家留空")
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    teams = models.ManyToManyField(
        ServiceTeam, related_name="experts", blank=True, verbose_name=_("所在服务队")
    )
    user = OneRef(
        settings.AUTH_USER_MODEL,
        _("登录账号"),
        on_delete=models.SET_NULL,
        related_name="expert",
        null=True,
    )

    class Meta:
        verbose_name = _("专家")
        ordering = ["name", "code"]

    def __str__(self) -> str:
        return (
            gettext("%(name)s（首席%(chief_field)s专家）")
            % {"name": self.name, "chief_field": self.chief_field}
            if self.chief_field
            else self.name
        )

    @property
    def is_chief(self) -> bool:
        return bool(self.chief_field)

    def specialty_words(self) -> list[str]:
        return split_words(f"{self.specialty}、{self.chief_field}")


class OrderRule(NamedRule):
    """Time limits of the 点单 service for the years of its validity: days from assignment to
    acceptance, and from acceptance to delivery. Overdue orders escalate to the district."""

    name = models.CharField(_("规则名称"), max_length=64)
    accept_days = models.PositiveSmallIntegerField(_("接单时限(天)"))
    deliver_days = models.PositiveSmallIntegerField(_("服务时限(天)"))

    class Meta(NamedRule.Meta):
        verbose_name = _("点单时限规则")
        constraints = [
            *NamedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(accept_days__gte=1, deliver_days__gte=1),
                name="order_rule_days_positive",
            ),
        ]


class ServiceOrder(AreaScoped):
    """One order of a village (`area`)."""

    class Status(models.TextChoices):
        ORDERED = "ordered", _("待派单")
        ASSIGNED = "assigned", _("待接单")
        DECLINED = "declined", _("被退回")
        ACCEPTED = "accepted", _("服务中")
        DELIVERED = "delivered", _("待评价")
        CLOSED = "closed", _("已办结")

    OPEN = (Status.ORDERED, Status.ASSIGNED, Status.DECLINED, Status.ACCEPTED)

    number = models.CharField(_("单号"), max_length=32, unique=True)
    category = Ref(ServiceCategory, _("服务类别"), related_name="orders")
    need = models.TextField(_("服务需求"))
    preferred_from = models.DateField(_("期望开始日期"), null=True, blank=True)
    preferred_to = models.DateField(_("期望结束日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.ORDERED
    )
    ordered_on = models.DateField(_("点单日期"))
    ordered_by = Ref(settings.AUTH_USER_MODEL, _("点单人"), on_delete=models.SET_NULL, null=True)
    team = Ref(ServiceTeam, _("派给服务队"), related_name="orders", null=True)
    expert = Ref(Expert, _("服务专家"), related_name="orders", null=True)
    assigned_on = models.DateField(_("派单日期"), null=True, blank=True)
    accepted_on = models.DateField(_("接单日期"), null=True, blank=True)
    decline_reason = models.CharField(_("退回原因"), max_length=200, blank=True)
    delivered_on = models.DateField(_("服务日期"), null=True, blank=True)
    villages = models.ManyToManyField(
        Area, related_name="service_orders", blank=True, verbose_name=_("服务村社")
    )
    beneficiaries = models.PositiveIntegerField(_("受益人次"), null=True, blank=True)
    delivery_note = models.TextField(_("服务情况"), blank=True)
    rating = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    comment = models.CharField(_("评价意见"), max_length=200, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    escalated_on = models.DateField(_("超时上报区级日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("服务点单")
        ordering = ["-ordered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="order_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True)
                | Q(accepted_on__isnull=False, delivered_on__gte=F("accepted_on")),
                name="order_delivered_after_accepted",
            ),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True)
                | Q(assigned_on__isnull=False, accepted_on__gte=F("assigned_on")),
                name="order_accepted_after_assigned",
            ),
            models.CheckConstraint(
                condition=Q(preferred_from__isnull=True)
                | Q(preferred_to__isnull=True)
                | Q(preferred_to__gte=F("preferred_from")),
                name="order_preferred_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "area"], name="order_status_area_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.category}"

    @property
    def assignee(self) -> str:
        if self.expert_id:
            return str(self.expert)
        return str(self.team) if self.team_id else ""

    def is_open(self) -> bool:
        return self.status in self.OPEN


class SolvedProblem(AreaScoped):
    """One problem solved by a delivered service (农技问题 and others), in the ordering village."""

    NAMED_BY = "description"

    order = Ref(ServiceOrder, _("服务点单"), on_delete=models.CASCADE, related_name="problems")
    description = models.CharField(_("问题"), max_length=200)
    solved_on = models.DateField(_("解决日期"))

    class Meta:
        verbose_name = _("解决问题")
        ordering = ["-solved_on", "id"]


class DemonstrationProject(AreaScoped):
    """An expert-led crop demonstration project in one year (e.g. 甜樱桃“北果南引”)."""

    NATURAL_KEY = ("name", "year")
    NATURAL_KEY_CONSTRAINT = "demo_project_unique_year"

    name = models.CharField(_("项目名称"), max_length=100)
    expert = Ref(Expert, _("主持专家"), related_name="demonstration_projects")
    crop = models.CharField(_("作物"), max_length=32)
    year = models.PositiveSmallIntegerField(_("年度"))
    area_mu = models.DecimalField(_("面积(亩)"), max_digits=10, decimal_places=1)
    yield_per_mu = models.DecimalField(_("亩产(公斤/亩)"), max_digits=10, decimal_places=1)
    output_value = models.DecimalField(_("产值(万元)"), **MONEY)
    income_increase = models.DecimalField(
        _("农户增收(%)"), max_digits=6, decimal_places=1, help_text=_("比项目前增长的百分比")
    )
    is_featured = models.BooleanField(
        _("典型示范项目"),
        default=False,
        help_text=_("年度报告点名介绍的项目：报告写它自己的亩产、产值和增收，而非各项目的平均"),
    )

    class Meta:
        verbose_name = _("专家示范项目")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area_mu__gt=0, yield_per_mu__gte=0, output_value__gte=0),
                name="demo_project_amounts_valid",
            ),
            year_range("demo_project_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}）"


def deadline(start: dt.date | None, days: int) -> dt.date | None:
    return None if start is None else start + dt.timedelta(days=days)
