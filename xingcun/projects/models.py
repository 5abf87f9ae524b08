from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, AreaScoped, at_least


class Project(AreaScoped):
    """An investment project, used by alliances, new-farmer branches, first secretaries and village
    operators. `area` is the jurisdiction that registers it (district, town or village)."""

    NATURAL_KEY = ("code",)
    NAMED_BY = "name"

    class Kind(models.TextChoices):
        AGRICULTURE = "agriculture", _("现代农业")
        TOURISM = "tourism", _("文旅休闲")
        ECOMMERCE = "ecommerce", _("电子商务")
        INDUSTRY = "industry", _("工业制造")
        INFRASTRUCTURE = "infrastructure", _("基础设施")
        SERVICE = "service", _("社会服务")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        SIGNED = "signed", _("签约")
        BUILDING = "building", _("在建")
        OPERATING = "operating", _("投产")

    code = models.CharField(_("项目编号"), max_length=32, unique=True)
    name = models.CharField(_("项目名称"), max_length=120)
    kind = models.CharField(_("项目类型"), max_length=16, choices=Kind.choices)
    villages = models.ManyToManyField(
        Area, related_name="projects", blank=True, verbose_name=_("落地村社")
    )
    sponsor_organisation = Ref(
        "organisations.Organisation", _("引进组织"), related_name="projects", null=True
    )
    sponsor_person = Ref("people.Person", _("引进人"), related_name="projects", null=True)
    investment = models.DecimalField(_("投资额(万元)"), max_digits=14, decimal_places=2)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    signed_on = models.DateField(_("签约日期"))
    landed_on = models.DateField(_("落地日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("投资项目")
        ordering = ["-signed_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(investment__gte=0), name="project_investment_gte_0"),
            at_least("landed_on", "signed_on", name="project_landed_after_signed"),
            models.CheckConstraint(
                condition=Q(status="signed") | Q(landed_on__isnull=False),
                name="project_landed_when_building",
            ),
        ]
        indexes = [models.Index(fields=["area", "status"], name="project_area_status_idx")]

    @property
    def investment_yi(self) -> object:
        return self.investment / 10000
