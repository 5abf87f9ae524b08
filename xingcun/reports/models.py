"""Report templates are data: district staff edit their sections in the browser.

A template is an ordered list of sections. A section has a level (0 = paragraphs without a heading,
1 = "一、", 2 = "（一）", 3 = "1.") and a body whose text may contain indicator tags (`tags.py`).
Numbering is added when the report is rendered, so reordering sections never breaks it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, AreaScoped, BaseModel, year_range
from xingcun.reports.keywords import SETTING_MEASURES_START_YEAR, YEAR_UNIT

DEFAULT_TITLE = "{{区划}}{{期间}}党建引领乡村振兴工作报告"
LEVELS = [
    (lvl.value, lvl.label) for lvl in (Area.Level.COUNTY, Area.Level.TOWN, Area.Level.VILLAGE)
]


class ReportTemplate(AreaScoped):
    """Owned by the district that edits it; towns and villages below it use it (`selectors`)."""

    name = models.CharField(_("模板名称"), max_length=100)
    title = models.CharField(_("报告标题"), max_length=200, default=DEFAULT_TITLE)
    year = models.PositiveSmallIntegerField(_("适用年度"))
    is_default = models.BooleanField(_("默认模板"), default=False)
    level = models.PositiveSmallIntegerField(
        _("适用层级"),
        choices=LEVELS,
        default=Area.Level.COUNTY,
        help_text=_("区、镇、村的报告各用本层级的默认模板"),
    )
    issuer = models.CharField(
        _("落款单位"),
        max_length=100,
        blank=True,
        help_text=_("报告末尾署名的发文机关，可用 {{区划}}，如“中共{{区划}}委员会组织部”"),
    )

    class Meta:
        verbose_name = _("报告模板")
        ordering = ["-year", "level", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "level"],
                condition=Q(is_default=True),
                name="report_template_one_default_per_year",
                violation_error_message=_("同一年度只能有一个默认模板"),
            ),
            year_range(
                "report_template_year_range",
                violation_error_message=_("适用年度应在2000至2100之间"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}）"


class ReportSection(BaseModel):
    """Reached only through its template (`template.sections`), which carries the scope."""

    class Level(models.IntegerChoices):
        TEXT = 0, _("正文（无标题）")
        ONE = 1, _("一级标题 一、")
        TWO = 2, _("二级标题 （一）")
        THREE = 3, _("三级标题 1.")

    template = Ref(ReportTemplate, _("模板"), on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("顺序"))
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices, default=Level.TEXT)
    heading = models.CharField(_("标题"), max_length=100, blank=True)
    area_code = models.CharField(
        _("本节区划代码"),
        max_length=12,
        blank=True,
        help_text=_("留空则用报告的区划；填写镇、村代码（如 330112102）可撰写典型案例"),
    )
    body = models.TextField(_("正文"), blank=True)

    class Meta:
        verbose_name = _("报告章节")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=0, level__lte=3),
                name="report_section_level_0_to_3",
                violation_error_message=_("层级应为0至3"),
            ),
            models.CheckConstraint(
                condition=Q(level=0) | ~Q(heading=""),
                name="report_section_heading_has_text",
                violation_error_message=_("标题节需要填写标题"),
            ),
        ]

    def __str__(self) -> str:
        return self.heading or str(self.body)[:20]


class TemplateVersion(BaseModel):
    """A published state of a template: what reports are made from. The template's own sections
    are the draft being edited; publishing copies them here, unchanged for ever."""

    template = Ref(ReportTemplate, _("模板"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    name = models.CharField(_("模板名称"), max_length=100)
    title = models.CharField(_("报告标题"), max_length=200)
    issuer = models.CharField(_("落款单位"), max_length=100, blank=True)
    level = models.PositiveSmallIntegerField(_("适用层级"), choices=LEVELS)
    sections = models.JSONField(_("章节"), default=list)
    note = models.CharField(_("发布说明"), max_length=200, blank=True)
    published_by = Ref(django_settings.AUTH_USER_MODEL, _("发布人"), null=True)

    class Meta:
        verbose_name = _("模板版本")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="report_template_version_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(name)s 第%(number)s版") % {"name": self.name, "number": self.number}

    def content(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "issuer": self.issuer,
            "level": self.level,
            "sections": self.sections,
        }


class GeneratedReport(AreaScoped):
    """A report as issued: the template version and every figure and setting it used, so that it
    can be produced again, identically, whatever the records say later."""

    NAMED_BY = "title"

    version = Ref(TemplateVersion, _("模板版本"))
    period = models.CharField(_("期间"), max_length=7)
    issued_on = models.DateField(_("成文日期"))
    title = models.CharField(_("报告标题"), max_length=200)
    values = models.JSONField(_("指标值"), default=dict)
    settings = models.JSONField(_("设置值"), default=dict)
    snapshot = Ref("indicators.Snapshot", _("所用快照"), null=True)
    created_by = Ref(django_settings.AUTH_USER_MODEL, _("生成人"), null=True)

    class Meta:
        verbose_name = _("已生成报告")
        ordering = ["-created_at", "-id"]


# The district facts templates quote: {{设置:举措起始年}} → (key, unit shown after the value).
# Their values and history live in the registers that own them (`selectors.setting_value`).
MEASURES_START_YEAR = "measures_start_year"
SETTING_TAGS: dict[str, tuple[str, str]] = {
    SETTING_MEASURES_START_YEAR: (MEASURES_START_YEAR, YEAR_UNIT),
}
