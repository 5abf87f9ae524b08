"""Core models: the jurisdiction tree, the scoped base class and the audit log. No domain words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopeError

from xingcun.core import masking
from xingcun.core.divisionnames import COMMUNITY, DISPLAY_SUFFIXES
from xingcun.core.fields import Ref
from xingcun.core.scoping import (
    AreaScopedManager,
    AreaTreeManager,
    ancestor_paths,
    lineage_paths,
    stored,
)

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


class ModelBase(models.base.ModelBase):
    """Chinese nouns have no plural: a model whose Meta names it (`verbose_name`) is listed under
    the same name, unless the Meta also says `verbose_name_plural` (Django would append "s").

    A model that names `NATURAL_KEY_CONSTRAINT` gets the unique constraint of that name on its
    `NATURAL_KEY` fields, first in its Meta's constraints: the key is written once."""

    def __new__(
        cls, name: str, bases: tuple[type, ...], attrs: dict[str, Any], **kwargs: Any
    ) -> Any:
        meta: Any = attrs.get("Meta")
        if "verbose_name" in vars(meta or object) and not hasattr(meta, "verbose_name_plural"):
            meta.verbose_name_plural = meta.verbose_name
        if "NATURAL_KEY_CONSTRAINT" in attrs:
            key = attrs.get("NATURAL_KEY") or next(
                k for b in bases if (k := getattr(b, "NATURAL_KEY", ()))
            )
            unique = models.UniqueConstraint(fields=list(key), name=attrs["NATURAL_KEY_CONSTRAINT"])
            meta.constraints = [unique, *getattr(meta, "constraints", [])]
        return super().__new__(cls, name, bases, attrs, **kwargs)


class BaseModel(models.Model, metaclass=ModelBase):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # Model-specific advice appended to a uniqueness message, by the fields of the unique check.
    unique_hints: ClassVar[dict[tuple[str, ...], Any]] = {}
    # The fields that name a row outside the database (a file's row, a fixture, another system):
    # Django's natural_key() / get_by_natural_key() and every register's import key derive from it.
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ()
    # The name of the database's unique constraint on NATURAL_KEY, when the key is unique (the
    # metaclass declares the constraint).
    NATURAL_KEY_CONSTRAINT: ClassVar[str]
    # The field whose value is the row's name on screen (`str(row)`), for a row called by one field
    # (its name, its title); empty: the model writes its own __str__.
    NAMED_BY: ClassVar[str] = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        if self.NAMED_BY:
            return str(getattr(self, self.NAMED_BY))
        return super().__str__()

    def natural_key(self) -> tuple[Any, ...]:
        """Django's natural key: a relation in it is named by the related row's own natural key."""
        return natural_key_of(self)

    def unique_error_message(
        self, model_class: type[models.Model], unique_check: Sequence[str]
    ) -> ValidationError:
        """Name the record that already holds the value, when the user may see it (the default
        manager is scoped, so a record in another area is never named)."""
        default = super().unique_error_message(model_class, unique_check)
        return self._unique_sentence(model_class, unique_check) or default

    def validate_constraints(self, exclude: Any = None) -> None:
        """Django's loop, except that a conditional unique constraint (one live pairing per
        member, one open term per post…) also names the record it collides with, instead of
        "Constraint … is violated"; a message declared on the constraint follows as advice."""
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict[str, Any] = {}
        for model_class, model_constraints in self.get_constraints():
            for constraint in model_constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    error = e
                    if isinstance(constraint, models.UniqueConstraint) and constraint.condition:
                        custom = constraint.violation_error_message
                        hint = (
                            "" if custom == constraint.default_violation_error_message else custom
                        )
                        error = (
                            self._unique_sentence(
                                model_class, constraint.fields, constraint.condition, hint
                            )
                            or e
                        )
                    fields: Sequence[str] = getattr(constraint, "fields", ())
                    if getattr(error, "code", None) == "unique" and len(fields) == 1:
                        errors.setdefault(fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _unique_sentence(
        self,
        model_class: type[models.Model],
        unique_check: Sequence[str],
        condition: Any = None,
        hint: Any = "",
    ) -> ValidationError | None:
        if not unique_check:
            return None
        fields = [model_class._meta.get_field(name) for name in unique_check]
        lookup = {f.attname: getattr(self, f.attname) for f in fields}  # type: ignore[union-attr]
        try:
            found = model_class._default_manager.filter(**lookup)
            if condition is not None:
                found = found.filter(condition)
            existing = found.exclude(pk=self.pk).first() if self.pk else found.first()
        except ScopeError:  # validated outside any scope (a command): Django's sentence
            return None
        if existing is None:  # held outside the scope: the save reports it without naming it
            return None
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
        hint = hint or self.unique_hints.get(tuple(unique_check))
        if hint:
            message = f"{message}{hint}"
        return ValidationError(message % params, code="unique")


def at_least(
    field: str, floor: str, *, name: str, strictly: bool = False, open_floor: bool = False
) -> models.CheckConstraint:
    """The database's check that the optional `field` is empty or not below `floor` (above it,
    `strictly`): a span's end and its start, a cap and what it caps. With `open_floor` an empty
    `floor` leaves `field` free too."""
    condition = Q(**{f"{field}__isnull": True})
    if open_floor:
        condition |= Q(**{f"{floor}__isnull": True})
    above = Q(**{f"{field}__{'gt' if strictly else 'gte'}": F(floor)})
    return models.CheckConstraint(condition=condition | above, name=name)


def year_range(name: str, *, first: int = 2000, **options: Any) -> models.CheckConstraint:
    """The database's check that the row's `year` lies in first..2100 (a typing slip, not a
    policy: the forms and the imports say which years make sense)."""
    return models.CheckConstraint(
        condition=Q(year__gte=first, year__lte=2100), name=name, **options
    )


class Area(BaseModel):
    """A node of the administrative tree, keyed by the 12-digit 统计用区划代码.

    `path` is the materialised path of the short codes ("/33/3301/330112/330112102/"); a subtree is
    one indexed prefix query. The trailing slash keeps "/3301/" from matching "/33012/".
    """

    NATURAL_KEY = ("code",)
    NAMED_BY = "name"

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
    parent = Ref("self", related_name="children", null=True)
    path = models.CharField(_("路径"), max_length=64, unique=True)

    objects = AreaTreeManager["Area"]()
    tree: ClassVar[models.Manager[Area]] = models.Manager()

    class Meta:
        verbose_name = _("行政区划")
        ordering = ["code"]
        base_manager_name = "tree"
        constraints = [
            models.CheckConstraint(condition=Exact(Length("code"), 12), name="area_code_12_digits"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="area_level_1_to_5"
            ),
        ]

    @property
    def short_code(self) -> str:
        return self.code[: self.SHORT_LENGTH[self.level]]

    @property
    def display_name(self) -> str:
        """Village names in the official data end in 村委会/居委会; people say 村/社区."""
        name = self.name
        for suffix, short in DISPLAY_SUFFIXES:  # data: the official names are Chinese
            if name.endswith(suffix):
                return name[: -len(suffix)] + short
        return name

    @property
    def is_community(self) -> bool:
        return self.level == self.Level.VILLAGE and COMMUNITY in self.name

    # --- tree geometry: the one place that knows how a path names its ancestors ---------------

    @property
    def depth(self) -> int:
        """How many nodes the path names (a province is 1, a village 5)."""
        return self.path.count("/") - 1

    def lineage_paths(self) -> list[str]:
        """The paths of this node and of its ancestors, root first (no query)."""
        return lineage_paths(self.path)

    def ancestor_paths(self) -> list[str]:
        """The paths of this node's ancestors, root first (no query)."""
        return ancestor_paths(self.path)

    def ancestors(self) -> list[Area]:
        """This node's ancestors, root first (one query). Geography is public: the tree manager."""
        by_path = {a.path: a for a in Area.tree.filter(path__in=self.ancestor_paths())}
        return [by_path[p] for p in self.ancestor_paths() if p in by_path]

    def lineage(self) -> list[Area]:
        """The ancestors and this node, root first."""
        return [*self.ancestors(), self]

    def path_at(self, level: int) -> str:
        """The path of the ancestor at `level` (this node's own when it is at or above it)."""
        paths = self.lineage_paths()
        return paths[min(level, len(paths)) - 1]

    def ancestor_at(self, level: int) -> Area:
        """The ancestor at `level` (this node when it is at that level or above it)."""
        if self.level <= level:
            return self
        return Area.tree.get(path=self.path_at(level))

    def district(self) -> Area:
        """The county-level ancestor (区/县), or this node when it is one or above."""
        return self.ancestor_at(self.Level.COUNTY)

    def town_code(self) -> str:
        """The 9-digit code of the town this node lies in (its own code for a town)."""
        parts = self.path.strip("/").split("/")
        return parts[3] if len(parts) > 3 else self.code[:9]

    def contains(self, other: Area) -> bool:
        return other.path.startswith(self.path)

    def is_above_or_below(self, other: Area) -> bool:
        """One of the two lies in the other's subtree (the same node counts)."""
        return self.contains(other) or other.contains(self)

    def above_or_below_q(self, field: str = "area__path") -> Q:
        """Rows whose area is this node's ancestor, the node itself or inside its subtree."""
        return Q(**{f"{field}__in": self.ancestor_paths()}) | Q(
            **{f"{field}__startswith": self.path}
        )


def natural_key_of(obj: models.Model) -> tuple[Any, ...]:
    values: list[Any] = []
    names: tuple[str, ...] = getattr(type(obj), "NATURAL_KEY", ())
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.natural_key() if hasattr(value, "natural_key") else value.pk
        values.append(value)
    return tuple(values)


class AreaScoped(BaseModel):
    """Every jurisdiction-owned model inherits this: its rows are visible only inside scope."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("所属区划"))

    objects = AreaScopedManager["AreaScoped"]()

    class Meta:
        abstract = True

    @property
    def area_display_name(self) -> str:
        """The area's everyday name (Area.display_name); empty while no area is chosen."""
        return self.area.display_name if self.area_id else ""


class AreaYear(AreaScoped):
    """A node's record of one year (its figures, its targets): one row per area and year, listed
    newest year first, then by area code."""

    NATURAL_KEY = ("area", "year")

    year = models.PositiveSmallIntegerField(_("年度"))

    class Meta:
        abstract = True
        ordering = ["-year", "area__code"]

    def __str__(self) -> str:
        return f"{self.area_display_name} {self.year}年"


class Named(AreaScoped):
    """A row the district knows by a unique name (a partner bank, a university, an operator team):
    listed in name order and named by it on screen and in files. A subclass declares `name` with
    its own label and `unique=True`."""

    NATURAL_KEY = ("name",)
    NAMED_BY = "name"

    class Meta:
        abstract = True
        ordering = ["name"]


class EffectiveDatedManager(AreaScopedManager[M]):
    """The rule valid for a node in a year: valid_from ≤ year ≤ valid_to, deepest node wins.

    Rules are configuration, so both reads go through `inherited()`: a village uses the district's
    rule without owning it. The depth order is SQL (the length of the area path), not Python."""

    def valid_in(self, *, year: int) -> models.QuerySet[M]:
        """Rows valid in `year` visible from the scope (subtree and ancestors), deepest first."""
        return (
            self.inherited()
            .filter(valid_from__lte=year)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=year))
            .select_related("area")
            .order_by(Length("area__path").desc(), "-valid_from")
        )

    def effective(self, *, area: Area, year: int, **filters: Any) -> M | None:
        """The row that governs `area` in `year`: set at the node or its nearest ancestor."""
        return (
            self.valid_in(year=year).filter(area__path__in=area.lineage_paths(), **filters).first()
        )


class EffectiveDated(AreaScoped):
    """A rule set at a node for a span of years: valid_from / valid_to (open end), no two versions
    of the same rule overlapping at the same node, and the deepest node wins (a town's own line
    beats the district's). Subclasses name what makes two rows "the same rule" in
    `overlap_fields` (empty: every row at the node) and may redeclare the two fields to add a
    default; `clean()` is shared, so every subclass gets the same checks and messages."""

    valid_from = models.PositiveSmallIntegerField(_("起始年度"))
    valid_to = models.PositiveSmallIntegerField(_("截止年度"), null=True, blank=True)

    # django-stubs declares the inherited `objects` a ClassVar; the narrower manager is intended.
    objects = EffectiveDatedManager()  # type: ignore[misc]

    overlap_fields: ClassVar[tuple[str, ...]] = ()
    overlap_message: ClassVar[Any] = _("有效期与已有规则“%(other)s”重叠")

    class Meta:
        abstract = True
        constraints = [
            at_least("valid_to", "valid_from", name="%(app_label)s_%(class)s_valid_to_after_from")
        ]

    def covers(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)

    @property
    def period_label(self) -> str:
        return f"{self.valid_from}—{self.valid_to or gettext('至今')}"

    def overlapping(self) -> models.QuerySet[Any]:
        """Other versions of this rule at the same node whose years meet this one's."""
        end = self.valid_to if self.valid_to is not None else 9999
        siblings = (
            type(self)
            .objects.inherited()
            .filter(area_id=self.area_id, valid_from__lte=end)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
            .filter(**{name: getattr(self, name) for name in self.overlap_fields})
        )
        siblings = self.competing(siblings)
        return siblings.exclude(pk=self.pk) if self.pk else siblings

    def competing(self, siblings: models.QuerySet[Any]) -> models.QuerySet[Any]:
        """Narrow the rows this one must not overlap (e.g. only published versions)."""
        return siblings

    def clean(self) -> None:
        super().clean()
        end, start = self.valid_to, self.valid_from
        if end is not None and start is not None and end < start:
            raise ValidationError({"valid_to": gettext("截止年度不能早于起始年度")})
        if self.area_id and self.valid_from is not None:
            other = self.overlapping().first()
            if other is not None:
                raise ValidationError({"valid_from": self.overlap_message % {"other": other}})


class VersionedByYear(EffectiveDated):
    """A configuration row (a catalogue entry, a set of weights) whose first year defaults to 2017,
    the first year of the data."""

    valid_from = models.PositiveSmallIntegerField(_("起始年度"), default=2017)

    class Meta(EffectiveDated.Meta):
        abstract = True


class CatalogueEntry(VersionedByYear):
    """An entry of a jurisdiction's catalogue (a kind of service, a field of cooperation, an item of
    a standard), called by its name: versions of one name may not overlap."""

    NAMED_BY = "name"
    overlap_fields = ("name",)

    class Meta(VersionedByYear.Meta):
        abstract = True


class NodeRule(EffectiveDated):
    """A rule with one version at a time at each node (no `overlap_fields`): a version is named
    by its node and its first year."""

    NATURAL_KEY = ("area", "valid_from")

    class Meta(EffectiveDated.Meta):
        abstract = True
        ordering = ["area", "valid_from"]
        constraints = [
            *EffectiveDated.Meta.constraints,
            models.UniqueConstraint(
                fields=["area", "valid_from"], name="%(app_label)s_%(class)s_unique_start"
            ),
        ]


class NamedRule(NodeRule):
    """A node rule with a name, listed as “name（years）”; a subclass may redeclare `name`."""

    name = models.CharField(_("规则名称"), max_length=100)

    class Meta(NodeRule.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.name}（{self.period_label}）"


class PublishedVersion(EffectiveDated):
    """A version of a scheme: drafted, then published and frozen. Drafts may overlap anything, a
    published version only other published ones. `LOCKED` names the fields a published version
    keeps for ever (the next version may still close its validity); the rows that belong to a
    version check theirs with `locked_changes()`."""

    NATURAL_KEY = ("code",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    LOCKED: ClassVar[tuple[str, ...]] = ()

    code = models.CharField(_("版本编号"), max_length=32, unique=True)
    name = models.CharField(_("方案名称"), max_length=100)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta(EffectiveDated.Meta):
        abstract = True
        ordering = ["area", "-valid_from", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}，{self.period_label}）"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def competing(self, siblings: models.QuerySet[Any]) -> models.QuerySet[Any]:
        if not self.is_published:
            return siblings.none()
        return siblings.filter(status=self.Status.PUBLISHED)


def locked_changes(
    obj: models.Model, fields: Sequence[str], *, version: str = "scheme"
) -> list[str]:
    """The labels of `fields` that differ from the saved row while its version is published.
    `obj` is a PublishedVersion, or a row that belongs to one through the foreign key `version`."""
    if obj.pk is None:
        return []
    saved = stored(obj)
    owner = saved if isinstance(saved, PublishedVersion) else getattr(saved, version, None)
    if saved is None or owner is None or not owner.is_published:
        return []
    return [
        str(getattr(obj._meta.get_field(name.removesuffix("_id")), "verbose_name", name))
        for name in fields
        if getattr(obj, name) != getattr(saved, name)
    ]


def first_reached(value: Decimal, steps: Iterable[tuple[Decimal, T]], below: T) -> T:
    """What a score earns from a scheme's cut-offs: the result of the first (cut-off, result) step
    that `value` reaches, highest cut-off first; `below` when it reaches none."""
    return next((result for cut_off, result in steps if value >= cut_off), below)


def refuse_locked_changes(
    obj: models.Model,
    fields: Sequence[str],
    message: str,
    *,
    added: str = "",
    version: str = "scheme",
) -> None:
    """Refuse what a published version no longer allows: `message` (with `%(code)s`, the version's
    code, and `%(join)s`, the labels of the changed fields) when `obj` changes one of the locked
    `fields`; with `added`, also a new row of a published version (an error on `version`)."""
    owner = obj if isinstance(obj, PublishedVersion) else getattr(obj, version)
    if added and obj.pk is None and owner.is_published:
        raise ValidationError({version: added % {"code": owner.code}})
    changed = locked_changes(obj, fields, version=version)
    if changed:
        raise ValidationError(message % {"code": owner.code, "join": "、".join(changed)})


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

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-created_at", "-id"]
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
                lines.append((name, gettext("%(count)s 行明细") % {"count": len(value)}))
            elif isinstance(value, list) and len(value) == 2 and name != "deleted":
                lines.append((name, f"{text(value[0])} → {text(value[1])}"))
            else:
                lines.append((name, text(value)))
        return lines


class AuditTarget(models.Model):
    """A record touched by an audit entry that covers many (one import, one entry)."""

    entry = Ref(AuditEntry, on_delete=models.CASCADE, related_name="targets")
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
        ordering = ["-id"]

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
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.slot:%Y-%m-%d %H:%M}"
