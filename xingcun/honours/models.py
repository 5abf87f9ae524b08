"""Honours won by villages, organisations and people; model cases (text and photos); media
reports; and model villages, whose per-capita income is compared with a base year through the
village profiles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, AreaScoped, year_range


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    DISTRICT = "district", _("区级")


class Honour(AreaScoped):
    """One title awarded once. `area` is the village (or town, district) of the recipient."""

    NATURAL_KEY = ("area", "title", "year", "person", "organisation")

    class Recipient(models.TextChoices):
        VILLAGE = "village", _("村(社区)")
        ORGANISATION = "organisation", _("党组织")
        PERSON = "person", _("个人")

    title = models.CharField(_("荣誉称号"), max_length=100)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    awarded_by = models.CharField(_("授予单位"), max_length=100, blank=True)
    recipient = models.CharField(_("授予对象"), max_length=16, choices=Recipient.choices)
    organisation = Ref(
        "organisations.Organisation", _("获奖党组织"), related_name="honours", null=True
    )
    person = Ref("people.Person", _("获奖个人"), related_name="honours", null=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("荣誉称号")
        ordering = ["-year", "area", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(recipient="village") & Q(organisation__isnull=True, person__isnull=True)
                )
                | (Q(recipient="organisation") & Q(organisation__isnull=False, person__isnull=True))
                | (Q(recipient="person") & Q(person__isnull=False, organisation__isnull=True)),
                name="honour_one_recipient",
            ),
            year_range("honour_year_1949_2100", first=1949),
            models.CheckConstraint(
                condition=Q(level__in=["national", "provincial", "municipal", "district"]),
                name="honour_level_valid",
            ),
        ]
        indexes = [models.Index(fields=["area", "year"], name="honour_area_year")]

    def __str__(self) -> str:
        return f"{self.recipient_name}：{self.title}（{self.year}）"

    @property
    def recipient_name(self) -> str:
        if self.recipient == self.Recipient.PERSON and self.person_id:
            return self.person.name if self.person else ""
        if self.recipient == self.Recipient.ORGANISATION and self.organisation_id:
            return self.organisation.name if self.organisation else ""
        return self.area_display_name

    def clean(self) -> None:
        if self.recipient == self.Recipient.PERSON:
            if self.person is None:
                raise ValidationError({"person": gettext("授予个人的荣誉请填写获奖人")})
            self.organisation = None
            self.area_id = self.person.area_id
        elif self.recipient == self.Recipient.ORGANISATION:
            if self.organisation is None:
                raise ValidationError({"organisation": gettext("授予党组织的荣誉请填写获奖党组织")})
            self.person = None
            self.area_id = self.organisation.area_id
        else:
            self.person = self.organisation = None
            if self.area_id and self.area.level != Area.Level.VILLAGE:
                raise ValidationError({"area": gettext("授予村(社区)的荣誉请选择一个村(社区)")})


class ModelCase(AreaScoped):
    """A model case (典型案例) of a person, a village or an organisation; `area` is its place."""

    NATURAL_KEY = ("area", "title")
    NAMED_BY = "title"

    class Kind(models.TextChoices):
        PERSON = "person", _("先进个人")
        VILLAGE = "village", _("先进村(社区)")
        ORGANISATION = "organisation", _("先进党组织")

    title = models.CharField(_("标题"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    person = Ref("people.Person", _("人物"), related_name="model_cases", null=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    summary = models.CharField(_("摘要"), max_length=300)
    text = models.TextField(_("正文"), blank=True)

    class Meta:
        verbose_name = _("典型案例")
        ordering = ["-year", "area", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="person") | Q(person__isnull=False),
                name="model_case_person_has_person",
            ),
            year_range("model_case_year_1949_2100", first=1949),
        ]

    def clean(self) -> None:
        if self.kind == self.Kind.PERSON and self.person_id is None:
            raise ValidationError({"person": gettext("先进个人案例请填写人物")})
        if self.person is not None and self.area_id and not self.area.contains(self.person.area):
            raise ValidationError({"person": gettext("人物应登记在案例所在区划内")})


def photo_path(instance: CasePhoto, filename: str) -> str:
    return f"honours/cases/{instance.case_id}/{filename}"


class CasePhoto(AreaScoped):
    NAMED_BY = "caption"

    case = Ref(ModelCase, _("典型案例"), on_delete=models.CASCADE, related_name="photos")
    caption = models.CharField(_("说明"), max_length=100)
    file = models.FileField(_("照片"), upload_to=photo_path)

    class Meta:
        verbose_name = _("案例照片")


class MediaReport(AreaScoped):
    """A media report about a place's work; `area` is the place it is about."""

    NATURAL_KEY = ("area", "outlet", "date", "title")

    outlet = models.CharField(_("媒体"), max_length=64)
    level = models.CharField(_("媒体级别"), max_length=16, choices=Level.choices, blank=True)
    date = models.DateField(_("刊发日期"))
    title = models.CharField(_("标题"), max_length=200)
    url = models.URLField(_("链接"), blank=True)
    case = Ref(
        ModelCase, _("相关典型案例"), on_delete=models.SET_NULL, related_name="reports", null=True
    )

    class Meta:
        verbose_name = _("媒体报道")
        ordering = ["-date", "outlet"]

    def __str__(self) -> str:
        return f"《{self.outlet}》{self.title}"


class ModelVillage(AreaScoped):
    """A model (示范) village whose villagers' income is followed against a base year."""

    NATURAL_KEY = ("area",)
    NATURAL_KEY_CONSTRAINT = "model_village_unique_area"

    since_year = models.PositiveSmallIntegerField(_("命名年度"))
    base_year = models.PositiveSmallIntegerField(
        _("收入比较基期"), help_text=_("与该年度村情档案中的人均可支配收入比较")
    )
    title = models.CharField(_("示范称号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("示范村")
        ordering = ["area"]
        constraints = [
            models.CheckConstraint(
                condition=Q(base_year__gte=2000, base_year__lte=2100)
                & Q(since_year__gte=2000, since_year__lte=2100),
                name="model_village_years_2000_2100",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s（基期%(base_year)s年）") % {
            "name": self.area.display_name,
            "base_year": self.base_year,
        }

    def clean(self) -> None:
        if self.area_id and self.area.level != Area.Level.VILLAGE:
            raise ValidationError({"area": gettext("示范村应选择一个村(社区)")})
