"""Core models: the jurisdiction tree, the scoped base class and the audit log. No domain words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopeError

from xingcun.core import masking
from xingcun.core.scoping import AreaScopedManager, AreaTreeManager

M = TypeVar("M", bound=models.Model)


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # Model-specific advice appended to a uniqueness message, by the fields of the unique check.
    unique_hints: ClassVar[dict[tuple[str, ...], Any]] = {}

    class Meta:
        abstract = True

    def unique_error_message(
        self, model_class: type[models.Model], unique_check: Sequence[str]
    ) -> ValidationError:
        """Name the record that already holds the value, when the user may see it (the default
        manager is scoped, so a record in another area is never named)."""
        default = super().unique_error_message(model_class, unique_check)
        fields = [model_class._meta.get_field(name) for name in unique_check]
        lookup = {f.attname: getattr(self, f.attname) for f in fields}  # type: ignore[union-attr]
        try:
            existing = model_class._default_manager.filter(**lookup).exclude(pk=self.pk).first()
        except ScopeError:  # validated outside any scope (a command): Django's sentence
            return default
        if existing is None:  # held outside the scope: the save reports it without naming it
            return default
        label = "、".join(str(f.verbose_name) for f in fields)  # type: ignore[union-attr]
        area = getattr(existing, "area", None)
        params = {
            "field": label,
            "value": "、".join(str(getattr(self, f.name)) for f in fields),
            "model": model_class._meta.verbose_name,
            "record": f"{existing}（{area.display_name}）" if area else str(existing),
        }
        message = gettext(
            "%(field)s为“%(value)s”的%(model)s已经存在：%(record)s。"
            "请修改%(field)s，或直接编辑那条记录。"
        )
        hint = self.unique_hints.get(tuple(unique_check))
        if hint:
            message = f"{message}{hint}"
        return ValidationError(message % params, code="unique")


class Area(BaseModel):
    """A node of the administrative tree, keyed by the 12-digit 统计用区划代码.

    `path` is the materialised path of the short codes ("/33/3301/330112/330112102/"); a subtree is
    one indexed prefix query. The trailing slash keeps "/3301/" from matching "/33012/".
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省")
        CITY = 2, _("市")
        COUNTY = 3, _("区县")
        TOWN = 4, _("镇街")
        VILLAGE = 5, _("村社")

    SHORT_LENGTH: ClassVar[dict[int, int]] = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(_("路径"), max_length=64, unique=True)

    objects = AreaTreeManager["Area"]()
    tree: ClassVar[models.Manager[Area]] = models.Manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]
        base_manager_name = "tree"
        constraints = [
            models.CheckConstraint(condition=Exact(Length("code"), 12), name="area_code_12_digits"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="area_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_code(self) -> str:
        return self.code[: self.SHORT_LENGTH[self.level]]

    @property
    def display_name(self) -> str:
        """Village names in the official data end in 村委会/居委会; people say 村/社区."""
        name = self.name
        for suffix, short in (("村委会", "村"), ("村民委员会", "村"), ("居委会", "")):
            if name.endswith(suffix):
                return name[: -len(suffix)] + short
        return name

    @property
    def is_community(self) -> bool:
        return self.level == self.Level.VILLAGE and "社区" in self.name

    def ancestors(self) -> list[Area]:
        codes = self.path.strip("/").split("/")[:-1]
        full = [c.ljust(12, "0") for c in codes]
        by_code = {a.code: a for a in Area.tree.filter(code__in=full)}
        return [by_code[c] for c in full if c in by_code]

    def contains(self, other: Area) -> bool:
        return other.path.startswith(self.path)


class AreaScoped(BaseModel):
    """Every jurisdiction-owned model inherits this: its rows are visible only inside scope."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("所属区划"))

    objects = AreaScopedManager["AreaScoped"]()
    unscoped = models.Manager["AreaScoped"]()

    class Meta:
        abstract = True
        base_manager_name = "unscoped"


class AuditEntry(models.Model):
    """Who changed what, when and through which path. Written only by `core.audit`."""

    class Via(models.TextChoices):
        PAGE = "page", _("页面")
        IMPORT = "import", _("导入")
        COMMAND = "command", _("命令")
        ADMIN = "admin", _("后台管理")
        API = "api", _("接口")
        SYSTEM = "system", _("系统")

    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人名称"), max_length=150, blank=True)
    action = models.CharField(_("动作"), max_length=64)
    via = models.CharField(_("途径"), max_length=16, choices=Via.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    model = models.CharField(_("对象类型"), max_length=64, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes: models.JSONField[Any] = models.JSONField(_("变更"), default=dict, blank=True)

    objects = AreaScopedManager["AuditEntry"]()
    unscoped = models.Manager["AuditEntry"]()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-created_at", "-id"]
        base_manager_name = "unscoped"
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"
        )

    def change_lines(self, *, masked: bool = False) -> list[tuple[str, str]]:
        """The changes as (field, "old → new") lines for the record's page; `masked` hides
        personal data from a viewer without the right to see it (xingcun.core.masking)."""

        def text(value: Any) -> str:
            return "∅" if value in (None, "") else str(value)

        lines = []
        for name, raw in self.changes.items():
            value = masking.audit_value(name, raw) if masked else raw
            if name == "rows":
                lines.append((name, f"{len(value)} 行明细"))
            elif isinstance(value, list) and len(value) == 2 and name != "deleted":
                lines.append((name, f"{text(value[0])} → {text(value[1])}"))
            else:
                lines.append((name, text(value)))
        return lines


class AuditTarget(models.Model):
    """A record touched by an audit entry that covers many (one import, one entry)."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, related_name="targets")
    model = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.model}:{self.object_id}"


class ImportJob(AreaScoped):
    """One upload of a registry file, run by the background worker (xingcun.core.jobs): its
    progress while running, then its outcome. Everything lives here, in the database, so every
    server process shows the same state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("处理中")
        FAILED = "failed", _("未导入（有错误）")
        DONE = "done", _("已导入")

    registry = models.CharField(_("登记簿"), max_length=64)
    filename = models.CharField(_("文件名"), max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    upload = models.CharField(_("上传文件"), max_length=200, blank=True)  # under XINGCUN_UPLOAD_DIR
    done = models.PositiveIntegerField(_("已处理行数"), default=0)
    worker = models.CharField(_("处理进程"), max_length=120, blank=True)  # host-pid
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展"), null=True, blank=True)
    total = models.PositiveIntegerField(_("数据行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    errors: models.JSONField[Any] = models.JSONField(_("错误"), default=list, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # "检查文件": validate and count only; the upload is kept so the user can import it next
    check_only = models.BooleanField(_("仅检查"), default=False)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-id"]
        base_manager_name = "unscoped"

    def __str__(self) -> str:
        return f"{self.registry} {self.filename}"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class ScheduledRun(BaseModel):
    """One slot of a periodic job (xingcun.core.schedule), claimed by exactly one scheduler."""

    name = models.CharField(_("定时任务"), max_length=100)
    slot = models.DateTimeField(_("计划时间"))
    enqueued = models.PositiveIntegerField(_("排入的任务数"), default=0)

    class Meta:
        verbose_name = _("定时任务记录")
        verbose_name_plural = _("定时任务记录")
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.slot:%Y-%m-%d %H:%M}"
