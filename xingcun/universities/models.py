"""科技进乡村: universities, their programmes (e.g. “十百千”) and the people they send to villages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref, logins
from xingcun.core.models import Area, AreaScoped, Named, at_least


class University(Named):
    """A partner university of the district; `users` are its logins (Role.PARTNER)."""

    name = models.CharField(_("高校名称"), max_length=64, unique=True)
    users = logins(_("高校登录账号"), related_name="universities")

    class Meta(Named.Meta):
        verbose_name = _("合作高校")


class Programme(AreaScoped):
    """A co-operation programme of a university with the district (`area`)."""

    NATURAL_KEY = ("university", "name")
    NATURAL_KEY_CONSTRAINT = "programme_unique_name"

    university = Ref(University, _("高校"), related_name="programmes")
    name = models.CharField(_("活动名称"), max_length=64)
    start_year = models.PositiveSmallIntegerField(_("起始年度"))
    end_year = models.PositiveSmallIntegerField(_("截止年度"), null=True, blank=True)
    target_commissioners = models.PositiveIntegerField(_("目标科技特派员(名)"), default=0)
    target_experts = models.PositiveIntegerField(_("目标专家(名)"), default=0)
    target_students = models.PositiveIntegerField(_("目标大学生(名)"), default=0)

    class Meta:
        verbose_name = _("校地合作活动")
        ordering = ["-start_year", "name"]
        constraints = [
            at_least("end_year", "start_year", name="programme_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.university.name}“{self.name}”"


class Dispatch(AreaScoped):
    """People sent to a village (`area`): one 科技特派员 or expert, or a group of students."""

    NATURAL_KEY = ("programme", "area", "kind", "name", "started_on")

    class Kind(models.TextChoices):
        COMMISSIONER = "commissioner", _("科技特派员")
        EXPERT = "expert", _("专家")
        STUDENT = "student", _("大学生")

    programme = Ref(Programme, _("活动"), related_name="dispatches")
    kind = models.CharField(_("人员类别"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("姓名或团队"), max_length=64)
    headcount = models.PositiveIntegerField(_("人数"), default=1)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    work_done = models.TextField(_("工作内容"), blank=True)

    class Meta:
        verbose_name = _("选派记录")
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(headcount__gte=1), name="dispatch_headcount_gte_1"),
            at_least("ended_on", "started_on", name="dispatch_ended_after_started"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def clean(self) -> None:
        if not (self.area_id and self.programme_id):
            return
        village: Area = self.area
        if village.level != Area.Level.VILLAGE:
            raise ValidationError({"area": gettext("应选派到村(社区)")})
        district = self.programme.area
        if not village.path.startswith(district.path):
            raise ValidationError(
                {
                    "area": gettext("%(display_name)s不在%(display_name2)s，不能选派")
                    % {"display_name": village.display_name, "display_name2": district.display_name}
                }
            )
        if self.kind != self.Kind.STUDENT and self.headcount != 1:
            raise ValidationError(
                {"headcount": gettext("科技特派员、专家每条记录为一人，大学生可按团队登记人数")}
            )
