"""Industry organisations: rural e-commerce by village and year (the "村党支部+电商协会+合作组织"
model), the versioned 淘宝村/淘宝镇 rules, regions that copied the model, and 新农人 branches with
their returned-entrepreneur members' projects."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, OneRef, Ref
from xingcun.core.models import Area, AreaScoped, AreaYear, NamedRule, year_range
from xingcun.organisations.models import Organisation

NO_VILLAGE_THRESHOLD = gettext_noop(
    "淘宝村规则须有网络零售额门槛，并至少有活跃网店数或电商户占比门槛之一"
)
NO_TOWN_THRESHOLD = gettext_noop("淘宝镇规则须有淘宝村个数门槛，或同时有网络零售额和活跃网店数门槛")


class EcommerceRecord(AreaYear):
    """A village's rural e-commerce in one year."""

    NATURAL_KEY_CONSTRAINT = "ecommerce_unique_year"

    online_shops = models.PositiveIntegerField(_("网店数"))
    active_shops = models.PositiveIntegerField(_("活跃网店数"))
    online_sales = models.DecimalField(_("网络零售额(万元)"), **MONEY)
    ecommerce_households = models.PositiveIntegerField(_("从事电商户数"), default=0)
    has_taobao_branch = models.BooleanField(_("有淘宝党支部(党小组)"), default=False)
    has_association = models.BooleanField(_("有电商协会"), default=False)
    has_cooperative = models.BooleanField(_("有合作组织"), default=False)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta(AreaYear.Meta):
        verbose_name = _("农村电商年度情况")
        constraints = [
            year_range("ecommerce_year_2000_2100"),
            models.CheckConstraint(
                condition=Q(online_sales__gte=0), name="ecommerce_sales_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(active_shops__lte=F("online_shops")),
                name="ecommerce_active_within_shops",
            ),
        ]

    @property
    def has_full_model(self) -> bool:
        """The "村党支部+电商协会+合作组织" model: all three exist."""
        return self.has_taobao_branch and self.has_association and self.has_cooperative

    def clean(self) -> None:
        if self.online_sales is not None and self.online_sales < 0:
            raise ValidationError({"online_sales": gettext("网络零售额不能为负数")})
        if (
            self.online_shops is not None
            and self.active_shops is not None
            and self.active_shops > self.online_shops
        ):
            raise ValidationError({"active_shops": gettext("活跃网店数不能多于网店数")})
        if self.area_id and self.area.level != Area.Level.VILLAGE:
            raise ValidationError({"area": gettext("请选择村(社区)")})


def _positive(value: Decimal | int | None) -> bool:
    return value is not None and value > 0


class TaobaoRule(NamedRule):
    """When a village is a 淘宝村 and a town a 淘宝镇, for the years of its validity, in the
    jurisdiction `area` (the district). Results of a year use the version valid that year."""

    village_min_sales = models.DecimalField(
        _("淘宝村：网络零售额不低于(万元)"), null=True, blank=True, **MONEY
    )
    village_min_active_shops = models.PositiveIntegerField(
        _("淘宝村：活跃网店不少于(家)"), null=True, blank=True
    )
    village_min_household_share = models.DecimalField(
        _("淘宝村：或电商户占比不低于(%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    town_min_villages = models.PositiveIntegerField(
        _("淘宝镇：淘宝村不少于(个)"), null=True, blank=True
    )
    town_min_sales = models.DecimalField(
        _("淘宝镇：或网络零售额超过(万元)"), null=True, blank=True, **MONEY
    )
    town_min_shops = models.PositiveIntegerField(
        _("淘宝镇：且活跃网店超过(家)"), null=True, blank=True
    )
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta(NamedRule.Meta):
        verbose_name = _("淘宝村(镇)认定规则")
        constraints = [
            *NamedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(village_min_sales__gt=0)
                & (Q(village_min_active_shops__gt=0) | Q(village_min_household_share__gt=0)),
                name="taobao_rule_village_threshold",
            ),
            models.CheckConstraint(
                condition=Q(town_min_villages__gt=0)
                | Q(town_min_sales__gt=0, town_min_shops__gt=0),
                name="taobao_rule_town_threshold",
            ),
        ]

    def describe(self) -> str:
        shops = []
        if self.village_min_active_shops:
            shops.append(
                gettext("活跃网店%(village_min_active_shops)s家以上")
                % {"village_min_active_shops": self.village_min_active_shops}
            )
        if self.village_min_household_share:
            shops.append(
                gettext("电商户占%(village_min_household_share)s%%以上")
                % {"village_min_household_share": self.village_min_household_share}
            )
        village = gettext("淘宝村：年网络零售额%(village_min_sales)s万元以上，且%(join)s") % {
            "village_min_sales": self.village_min_sales,
            "join": gettext("或").join(shops),
        }
        town = []
        if self.town_min_villages:
            town.append(
                gettext("有淘宝村%(town_min_villages)s个以上")
                % {"town_min_villages": self.town_min_villages}
            )
        if self.town_min_sales and self.town_min_shops:
            town.append(
                gettext("网络零售额超过%(town_min_sales)s万元且活跃网店超过%(town_min_shops)s家")
                % {"town_min_sales": self.town_min_sales, "town_min_shops": self.town_min_shops}
            )
        return gettext("%(village)s；淘宝镇：%(join)s") % {
            "village": village,
            "join": gettext("，或").join(town),
        }

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": gettext("截止年度不能早于起始年度")})
        if not _positive(self.village_min_sales) or not (
            _positive(self.village_min_active_shops) or _positive(self.village_min_household_share)
        ):
            raise ValidationError(gettext(NO_VILLAGE_THRESHOLD))
        if not _positive(self.town_min_villages) and not (
            _positive(self.town_min_sales) and _positive(self.town_min_shops)
        ):
            raise ValidationError(gettext(NO_TOWN_THRESHOLD))
        if self.village_min_household_share is not None and not (
            Decimal(0) <= self.village_min_household_share <= Decimal(100)
        ):
            raise ValidationError({"village_min_household_share": gettext("占比应在0到100之间")})
        if self.area_id and self.area.level != Area.Level.COUNTY:
            raise ValidationError({"area": gettext("淘宝村(镇)认定规则只能定在区(县)")})
        super().clean()  # validity and no overlap


class Replication(AreaScoped):
    """Another region that copied the "村党支部+电商协会+合作组织" model."""

    NATURAL_KEY = ("area", "region")
    NATURAL_KEY_CONSTRAINT = "replication_unique_region"
    NAMED_BY = "region"

    region = models.CharField(_("复制地区"), max_length=100)
    replicated_on = models.DateField(_("复制日期"))
    how = models.CharField(_("复制方式"), max_length=200)
    source = Ref(Area, _("模式来源村"), null=True)

    class Meta:
        verbose_name = _("模式复制推广")
        ordering = ["-replicated_on", "region"]


class NewFarmerBranch(AreaScoped):
    """A 新农人 party organisation (a temporary or functional branch) under the agriculture
    bureau or a town; returned entrepreneurs join it beside their home organisation."""

    NATURAL_KEY = ("organisation",)

    class Sponsor(models.TextChoices):
        BUREAU = "bureau", _("区农业农村局")
        TOWN = "town", _("镇(街道)党委")

    organisation = OneRef(Organisation, _("党组织"), related_name="new_farmer_branch")
    sponsor = models.CharField(_("组建单位"), max_length=16, choices=Sponsor.choices)
    focus = models.CharField(_("服务方向"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("新农人党组织")
        ordering = ["organisation__code"]

    def __str__(self) -> str:
        return self.organisation.name if self.organisation_id else gettext("新农人党组织")

    def clean(self) -> None:
        if self.organisation_id and not self.organisation.is_auxiliary:
            raise ValidationError({"organisation": gettext("新农人党组织应为临时或功能型党组织")})


class NewFarmerProject(AreaScoped):
    """An entrepreneurship project of a 新农人 branch (the project is in the project registry)."""

    NATURAL_KEY = ("branch", "project")
    NATURAL_KEY_CONSTRAINT = "newfarmer_project_unique"

    branch = Ref(
        NewFarmerBranch, _("新农人党组织"), on_delete=models.CASCADE, related_name="projects"
    )
    project = Ref("projects.Project", _("项目"), related_name="new_farmer_links")
    member = Ref("people.PartyMember", _("创业党员"), on_delete=models.SET_NULL, null=True)

    class Meta:
        verbose_name = _("新农人创业项目")
        ordering = ["branch", "project__signed_on"]

    def __str__(self) -> str:
        return f"{self.branch}：{self.project}" if self.branch_id and self.project_id else ""

    def clean(self) -> None:
        if self.member is not None and not self.member.returned_entrepreneur:
            raise ValidationError({"member": gettext("创业党员应为返乡创业党员")})
