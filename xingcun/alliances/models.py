"""党建联盟: an alliance groups several villages' party organisations (usually contiguous) without
changing anyone's membership; it shares resources, may name 管家 (stewards), and lands projects.
Town tourism figures by year live here too (the seed reports them beside the alliance)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import MONEY, Ref
from xingcun.core.models import Area, AreaScoped, AreaYear, at_least, year_range
from xingcun.organisations.models import Organisation


class Alliance(AreaScoped):
    """`area` is the jurisdiction that runs the alliance: a town, or the district when it spans
    several towns."""

    NATURAL_KEY = ("code",)
    NAMED_BY = "name"

    code = models.CharField(_("联盟编号"), max_length=32, unique=True)
    name = models.CharField(_("联盟名称"), max_length=100)
    brand = models.CharField(_("品牌"), max_length=100, blank=True, help_text=_("如 五彩管家"))
    lead = Ref(Organisation, _("牵头党组织"), related_name="led_alliances")
    founded_on = models.DateField(_("成立日期"))
    dissolved_on = models.DateField(_("解散日期"), null=True, blank=True)
    uses_stewards = models.BooleanField(_("设立管家"), default=False)
    purpose = models.TextField(_("联建目标"), blank=True)

    class Meta:
        verbose_name = _("党建联盟")
        ordering = ["code"]
        constraints = [
            at_least("dissolved_on", "founded_on", name="alliance_dissolved_after_founded"),
        ]

    def clean(self) -> None:
        if self.dissolved_on and self.founded_on and self.dissolved_on < self.founded_on:
            raise ValidationError({"dissolved_on": gettext("解散日期不能早于成立日期")})
        if self.area_id and self.area.level not in (Area.Level.COUNTY, Area.Level.TOWN):
            raise ValidationError({"area": gettext("联盟应登记在镇(街道)或区(县)")})
        if (
            self.area_id
            and self.lead_id
            and not self.lead.area.path.startswith(self.area.path_at(Area.Level.COUNTY))
        ):
            raise ValidationError({"lead": gettext("牵头党组织应在本区(县)内")})


class AllianceMember(AreaScoped):
    """A member organisation of an alliance from one date to another (its membership of its own
    organisation is unchanged). `area` is the member organisation's."""

    NATURAL_KEY = ("alliance", "organisation", "joined_on")
    NATURAL_KEY_CONSTRAINT = "alliance_member_unique"

    alliance = Ref(Alliance, _("联盟"), on_delete=models.CASCADE, related_name="members")
    organisation = Ref(Organisation, _("成员党组织"), related_name="alliance_memberships")
    joined_on = models.DateField(_("加入日期"))
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    left_reason = models.CharField(_("退出原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("联盟成员")
        ordering = ["alliance", "joined_on", "id"]
        constraints = [
            at_least("left_on", "joined_on", name="alliance_member_left_after_joined"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.alliance}"

    def clean(self) -> None:
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": gettext("退出日期不能早于加入日期")})
        if not (self.alliance_id and self.organisation_id):
            return
        alliance, org = self.alliance, self.organisation
        if not org.area.path.startswith(alliance.area.path_at(Area.Level.COUNTY)):
            raise ValidationError(
                {
                    "organisation": gettext("“%(org)s”不在%(name)s所在区(县)，不能加入本联盟")
                    % {"org": org, "name": alliance.area.name}
                }
            )
        if self.joined_on and self.joined_on < alliance.founded_on:
            raise ValidationError({"joined_on": gettext("加入日期不能早于联盟成立日期")})
        overlapping = (
            AllianceMember.objects.inherited()
            .filter(alliance_id=self.alliance_id, organisation=org)
            .exclude(pk=self.pk)
            .filter(Q(left_on__isnull=True) | Q(left_on__gte=self.joined_on))
        )
        if self.left_on:
            overlapping = overlapping.filter(joined_on__lte=self.left_on)
        if self.joined_on and overlapping.exists():
            raise ValidationError(
                {"organisation": gettext("“%(org)s”在该期间已是本联盟成员") % {"org": org}}
            )


class SharedResource(AreaScoped):
    """A resource the alliance's members share: venues, brands, sales channels, staff."""

    NATURAL_KEY = ("alliance", "name")
    NATURAL_KEY_CONSTRAINT = "alliance_resource_unique"

    class Kind(models.TextChoices):
        VENUE = "venue", _("场地")
        BRAND = "brand", _("品牌")
        CHANNEL = "channel", _("销售渠道")
        STAFF = "staff", _("人员")
        EQUIPMENT = "equipment", _("设施设备")
        OTHER = "other", _("其他")

    alliance = Ref(Alliance, _("联盟"), on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("资源类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    provider = Ref(Organisation, _("提供方"), on_delete=models.SET_NULL, null=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("联盟共享资源")
        ordering = ["alliance", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"


class Steward(AreaScoped):
    """A named 管家 of an alliance that uses them (e.g. the five-colour stewards)."""

    NATURAL_KEY = ("alliance", "role", "name")
    NATURAL_KEY_CONSTRAINT = "alliance_steward_unique"

    alliance = Ref(Alliance, _("联盟"), on_delete=models.CASCADE, related_name="stewards")
    role = models.CharField(_("管家类别"), max_length=32, help_text=_("如 红色管家、产业管家"))
    name = models.CharField(_("姓名"), max_length=32)
    person = Ref("people.Person", _("人员登记"), on_delete=models.SET_NULL, null=True)
    duties = models.CharField(_("职责"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("联盟管家")
        ordering = ["alliance", "role", "name"]

    def __str__(self) -> str:
        return f"{self.role} {self.name}"

    def clean(self) -> None:
        if self.alliance_id and not self.alliance.uses_stewards:
            raise ValidationError(
                {"alliance": gettext("该联盟未设立管家，请先在联盟信息中勾选“设立管家”")}
            )


class AllianceProject(AreaScoped):
    """A project landed through the alliance (the project itself is in the project registry)."""

    NATURAL_KEY = ("alliance", "project")
    NATURAL_KEY_CONSTRAINT = "alliance_project_unique"

    alliance = Ref(Alliance, _("联盟"), on_delete=models.CASCADE, related_name="projects")
    project = Ref("projects.Project", _("项目"), related_name="alliance_links")
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("联盟项目")
        ordering = ["alliance", "project__signed_on"]

    def __str__(self) -> str:
        return f"{self.alliance}：{self.project}"

    def clean(self) -> None:
        if (
            self.alliance_id
            and self.project_id
            and not self.project.area.path.startswith(self.alliance.area.path_at(Area.Level.COUNTY))
        ):
            raise ValidationError({"project": gettext("项目应在联盟所在区(县)内")})


class TownTourism(AreaYear):
    """A town's tourism figures for one year."""

    NATURAL_KEY_CONSTRAINT = "town_tourism_unique_year"

    visitors = models.DecimalField(_("接待游客(万人次)"), max_digits=10, decimal_places=2)
    revenue = models.DecimalField(_("旅游总收入(万元)"), **MONEY)

    class Meta(AreaYear.Meta):
        verbose_name = _("镇街旅游接待")
        constraints = [
            year_range("town_tourism_year_2000_2100"),
            models.CheckConstraint(
                condition=Q(visitors__gte=0, revenue__gte=0), name="town_tourism_not_negative"
            ),
        ]

    def clean(self) -> None:
        if self.area_id and self.area.level != Area.Level.TOWN:
            raise ValidationError({"area": gettext("请选择镇(街道)")})
        for name, label in (("visitors", gettext("接待游客")), ("revenue", "旅游总收入")):
            value = getattr(self, name)
            if value is not None and value < Decimal(0):
                raise ValidationError({name: gettext("%(label)s不能为负数") % {"label": label}})
