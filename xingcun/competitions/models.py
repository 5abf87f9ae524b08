"""Party-group competitions (党小组比拼) in temporary and functional branches.

The branches and their party groups are `organisations.Organisation` rows (a group is kind "group"
with the branch as parent); members belong to them through `BranchMembership` and keep their home
organisation. A competition runs over a period; tasks or achievements are recorded per group with
points and evidence, and the scoreboard ranks the groups.
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
from xingcun.core.models import AreaScoped, at_least

AUXILIARY = ("temporary", "functional")


class Competition(AreaScoped):
    """A competition between the party groups of one branch; `area` is the branch's."""

    NATURAL_KEY = ("branch", "name")
    NAMED_BY = "name"

    branch = Ref("organisations.Organisation", _("临时/功能型党支部"), related_name="competitions")
    name = models.CharField(_("比拼名称"), max_length=100)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    rules = models.TextField(_("比拼规则"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(_("结束评比时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("党小组比拼")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="competition_ends_after_start"
            ),
        ]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def is_running_on(self, day: dt.date) -> bool:
        return not self.is_closed and self.starts_on <= day <= self.ends_on

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = gettext("结束日期不能早于开始日期")
        if self.branch_id:
            branch = self.branch
            if branch.category not in AUXILIARY or branch.kind == "group":
                errors["branch"] = gettext(
                    "比拼在临时或功能型党支部的党小组之间开展，请选择这类党支部"
                )
            elif self.area_id and branch.area_id != self.area_id:
                errors["branch"] = gettext("比拼应登记在党支部所在的区划")
        if errors:
            raise ValidationError(errors)


class CompetitionItem(AreaScoped):
    """A task or achievement that earns points, with an optional cap per group."""

    NATURAL_KEY = ("competition", "name")
    NATURAL_KEY_CONSTRAINT = "competition_item_unique_name"
    NAMED_BY = "name"

    competition = Ref(Competition, _("比拼"), on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("比拼项目"), max_length=60)
    points = models.DecimalField(_("每次得分"), max_digits=6, decimal_places=1)
    cap = models.DecimalField(
        _("每个党小组累计上限"), max_digits=7, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("比拼项目")
        ordering = ["competition", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="competition_item_points_gt_0"),
            at_least("cap", "points", name="competition_item_cap_gte_points"),
        ]

    def clean(self) -> None:
        if self.competition_id and self.area_id and self.competition.area_id != self.area_id:
            raise ValidationError({"competition": gettext("比拼项目应与比拼登记在同一区划")})
        if self.cap is not None and self.points is not None and self.cap < self.points:
            raise ValidationError({"cap": gettext("累计上限不能低于每次得分")})


def evidence_path(instance: CompetitionEntry, filename: str) -> str:
    return f"evidence/competitions/{instance.competition_id}/{filename}"


class CompetitionEntry(AreaScoped):
    """One task done or achievement of a party group, with points and evidence. Entries are never
    edited: a wrong one is voided with a reason and recorded again."""

    competition = Ref(Competition, _("比拼"), related_name="entries")
    group = Ref("organisations.Organisation", _("党小组"), related_name="competition_entries")
    item = Ref(CompetitionItem, _("比拼项目"), related_name="entries")
    title = models.CharField(_("完成事项"), max_length=100)
    points = models.DecimalField(_("得分"), max_digits=6, decimal_places=1)
    achieved_on = models.DateField(_("完成日期"))
    evidence = models.TextField(_("佐证说明"), max_length=1000)
    evidence_file = models.FileField(_("佐证材料"), upload_to=evidence_path, blank=True)
    recorded_by = Ref(settings.AUTH_USER_MODEL, _("登记人"), on_delete=models.SET_NULL, null=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("比拼记录")
        ordering = ["-achieved_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="competition_entry_points_gt_0"),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""),
                name="competition_entry_void_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}·{self.title}"

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
