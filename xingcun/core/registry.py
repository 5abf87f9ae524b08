"""Registries: the one pattern every register repeats (list, detail, create/edit, import, export,
audit, scope). A domain app declares a `Registry` with its columns; core turns it into pages, an
xlsx template, import of xlsx/CSV and export, all scoped and audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django_stubs_ext import StrOrPromise

from xingcun.core import audit, inputwords, masking
from xingcun.core.models import Area
from xingcun.core.scoping import in_scope, scopes_disabled, stored
from xingcun.core.tabular import Formula, TemplateColumn, cell_text
from xingcun.core.writes import save_checked


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and names no row (the caller does)."""


# --- columns -------------------------------------------------------------------------------------


@dataclass
class Column:
    header: StrOrPromise
    field: str
    required: bool = False
    help: StrOrPromise = ""
    readonly: bool = False  # exported for reading, ignored on import
    getter: Callable[[Any], Any] | None = None

    kind: ClassVar[StrOrPromise] = gettext_lazy("文本")

    def parse(self, text: str) -> Any:
        return text

    def value_of(self, obj: Any) -> Any:
        return self.getter(obj) if self.getter else getattr(obj, self.field)

    def cell(self, obj: Any) -> Any:
        return self.value_of(obj)

    def cell_function(self) -> Callable[[Any], Any]:
        """`cell`, prepared once for a whole export."""
        return self.cell

    def choice_labels(self) -> Sequence[str]:
        return ()

    def template(self) -> TemplateColumn:
        return TemplateColumn(
            self.header, self.required, self.help or self.kind, self.choice_labels()
        )

    def empty(self) -> Any:
        return ""


@dataclass
class TextColumn(Column):
    max_length: int | None = None

    def parse(self, text: str) -> Any:
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                gettext("不能超过%(max_length)s个字符") % {"max_length": self.max_length}
            )
        return text


@dataclass
class IntColumn(Column):
    minimum: int | None = 0
    kind: ClassVar[StrOrPromise] = gettext_lazy("整数")

    def parse(self, text: str) -> Any:
        try:
            value = int(Decimal(text.replace(",", "")))
            if Decimal(text.replace(",", "")) != value:
                raise CellError(gettext("应为整数"))
        except InvalidOperation as e:
            raise CellError(gettext("应为整数")) from e
        if self.minimum is not None and value < self.minimum:
            raise CellError(gettext("不能小于%(minimum)s") % {"minimum": self.minimum})
        return value

    def empty(self) -> Any:
        return None


@dataclass
class DecimalColumn(Column):
    places: int = 2
    minimum: Decimal | None = Decimal(0)
    kind: ClassVar[StrOrPromise] = gettext_lazy("数值")

    def parse(self, text: str) -> Any:
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation as e:
            raise CellError(gettext("应为数字")) from e
        if not value.is_finite():
            raise CellError(gettext("应为数字"))
        if value != value.quantize(Decimal(1).scaleb(-self.places)):
            raise CellError(gettext("最多%(places)s位小数") % {"places": self.places})
        if self.minimum is not None and value < self.minimum:
            raise CellError(gettext("不能小于%(minimum)s") % {"minimum": self.minimum})
        return value.quantize(Decimal(1).scaleb(-self.places))

    def empty(self) -> Any:
        return None


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    inputwords.CHINESE_DATE,
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> dt.date:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError as e:
                raise CellError(gettext("日期无效")) from e
    raise CellError(gettext("日期格式应为 2020-01-31"))


_day: list[Any] = [0.0, None]  # (when asked, today): an import parses 100,000 dates in a second


def _today() -> dt.date:
    now = time.monotonic()
    if _day[1] is None or now - _day[0] > 1:
        _day[0], _day[1] = now, timezone.localdate()
    today: dt.date = _day[1]
    return today


@dataclass
class DateColumn(Column):
    not_future: bool = True
    kind: ClassVar[StrOrPromise] = gettext_lazy("日期（如 2020-01-31）")

    def parse(self, text: str) -> Any:
        value = parse_date(text[:10] if re.match(r"^\d{4}-\d\d-\d\dT", text) else text)
        if self.not_future and value > _today():
            raise CellError(gettext("日期不能晚于今天"))
        return value

    def empty(self) -> Any:
        return None


@dataclass
class BoolColumn(Column):
    kind: ClassVar[StrOrPromise] = gettext_lazy("是/否")

    def parse(self, text: str) -> Any:
        if text in inputwords.YES_WORDS:
            return True
        if text in inputwords.NO_WORDS:
            return False
        raise CellError(gettext("应填“是”或“否”"))

    def cell(self, obj: Any) -> Any:
        return inputwords.YES if self.value_of(obj) else inputwords.NO  # the file's words

    def choice_labels(self) -> Sequence[str]:
        return (inputwords.YES, inputwords.NO)

    def empty(self) -> Any:
        return False


@dataclass
class ChoiceColumn(Column):
    choices: Sequence[tuple[Any, Any]] = ()
    kind: ClassVar[StrOrPromise] = gettext_lazy("从下拉列表选择")

    def parse(self, text: str) -> Any:
        for value, label in self.choices:
            if text in (str(label), str(value)):
                return value
        raise CellError(
            gettext("“%(text)s”不是可选值（%(join)s）")
            % {"text": text, "join": "、".join(self.choice_labels())}
        )

    def cell(self, obj: Any) -> Any:
        value = self.value_of(obj)
        return next((str(label) for v, label in self.choices if v == value), value or "")

    def cell_function(self) -> Callable[[Any], Any]:
        labels = {v: str(label) for v, label in self.choices}  # translated once, not per row

        def cell(obj: Any) -> Any:
            value = self.value_of(obj)
            return labels.get(value, value or "")

        return cell

    def choice_labels(self) -> Sequence[str]:
        return [str(label) for _, label in self.choices]


@dataclass
class AreaColumn(Column):
    """A division code (12 digits, or the short form: 9 for a town, 6 for a county)."""

    levels: frozenset[int] = frozenset({Area.Level.VILLAGE})
    kind: ClassVar[StrOrPromise] = gettext_lazy("统计用区划代码（12位）")

    def parse(self, text: str) -> Any:
        code = text.strip()
        if not code.isdigit() or len(code) not in (6, 9, 12):
            raise CellError(gettext("“%(code)s”不是有效的区划代码") % {"code": code})
        area = Area.tree.filter(code=code.ljust(12, "0")).first()
        if area is None or not in_scope(area):
            raise CellError(gettext("区划代码“%(code)s”不存在或不在您的辖区内") % {"code": code})
        if area.level not in self.levels:
            levels = "、".join(str(Area.Level(level).label) for level in sorted(self.levels))
            raise CellError(
                gettext("“%(name)s”不是%(levels)s级区划") % {"name": area.name, "levels": levels}
            )
        return area

    def cell(self, obj: Any) -> Any:
        area = self.value_of(obj)
        return area.code if area else ""

    def empty(self) -> Any:
        return None


@dataclass
class MultiAreaColumn(AreaColumn):
    kind: ClassVar[StrOrPromise] = gettext_lazy("区划代码，多个用分号分隔")

    def parse(self, text: str) -> Any:
        codes = [c for c in re.split(r"[;；,，\s]+", text) if c]
        return [AreaColumn.parse(self, c) for c in codes]

    def cell(self, obj: Any) -> Any:
        return ";".join(sorted(a.code for a in getattr(obj, self.field).all()))  # prefetched

    def empty(self) -> Any:
        return []


@dataclass
class RefColumn(Column):
    """A reference by natural key (an organisation's code, a person's ID number)."""

    lookup: Callable[[str], Any] | None = None
    key_of: Callable[[Any], str] | None = None
    what: StrOrPromise = gettext_lazy("记录")  # noqa: RUF009 (immutable lazy text)
    bulk: bool = False  # `lookup` is the registry's own: an import may resolve a column at once
    kind: ClassVar[StrOrPromise] = gettext_lazy("编号")

    def parse(self, text: str) -> Any:
        if self.lookup is None:
            raise CellError(gettext("该列不能导入"))
        found = self.lookup(text)
        if found is None:
            raise CellError(
                gettext("找不到%(what)s“%(text)s”或不在您的辖区内")
                % {"what": self.what, "text": text}
            )
        return found

    def cell(self, obj: Any) -> Any:
        value = self.value_of(obj)
        if value is None:
            return ""
        return self.key_of(value) if self.key_of else str(value)

    def template(self) -> TemplateColumn:
        prerequisite = self.what.split("（")[0] if self.lookup is not None else ""
        return dataclasses.replace(super().template(), prerequisite=prerequisite)

    def empty(self) -> Any:
        return None


# --- references: how people name a row of another register --------------------------------------


@dataclass(frozen=True)
class Reference:
    """How a model's rows are named in a cell and found by a search box: its natural key (the way
    Django's `natural_key()` / `get_by_natural_key()` name a row) and the fields a search matches.

    `large` registers (people, households, members, organisations) are offered as a search field
    instead of a `<select>` listing every row.
    """

    key: str  # lookup path of the natural key: "code", "person__id_number", "pk"
    search: tuple[str, ...] = ()  # matched by "contains"
    tail: str = ""  # matched by "ends with" (an ID number's last digits)
    large: bool = False
    upper: bool = False  # keys typed in lower case are still found (an ID number's x)
    initials: str = ""  # the name field whose pinyin initials a search matches (张三 ← zs)
    ordering: tuple[str, ...] = ()  # which row a key finds when several share it

    def key_of(self, obj: Any) -> str:
        value = obj
        for part in self.key.split("__"):
            value = getattr(value, part)
        return str(value)

    def find(self, queryset: models.QuerySet[Any], text: str) -> Any | None:
        text = text.strip().upper() if self.upper else text.strip()
        if self.key == "pk" and not text.isdigit():
            return None
        return queryset.filter(**{self.key: text}).order_by(*self.ordering).first()

    def matches(
        self, queryset: models.QuerySet[Any], text: str, *, personal: bool = True
    ) -> models.QuerySet[Any]:
        """Rows whose key is `text`, whose search fields contain it, or whose tail ends with it.
        Without the right to see personal data (`personal=False`) a tail is the last four
        characters only: longer suffixes, tried digit by digit, would rebuild a masked ID number."""
        text = text.strip()
        if not text:
            return queryset
        query = models.Q()
        if self.key != "pk" or text.isdigit():
            query |= models.Q(**{self.key: text.upper() if self.upper else text})
        for name in self.search:
            query |= models.Q(**{f"{name}__icontains": text})
        if self.tail and (len(text) >= 4 if personal else len(text) == 4) and text[:-1].isdigit():
            query |= models.Q(**{f"{self.tail}__endswith": text.upper()})
        return queryset.filter(query)


_references: dict[type[models.Model], Reference] = {}


def reference(model: type[models.Model], **kwargs: Any) -> Reference:
    """Declare how `model` is referred to; registers declare theirs from their natural key."""
    _references[model] = Reference(**kwargs)
    return _references[model]


def person_reference(model: type[models.Model], person: str = "", **kwargs: Any) -> Reference:
    """`model` referred to by a person's ID number (typed in either case), found by the person's
    name, its initials or the number's last digits: people, or the people in a role (`person`
    names the relation to them: a party member's, a first secretary's "person")."""
    path = f"{person}__" if person else ""
    return reference(
        model,
        key=f"{path}id_number",
        upper=True,
        search=(f"{path}name",),
        tail=f"{path}id_number",
        initials=f"{path}name",
        large=True,
        **kwargs,
    )


def reference_of(model: type[models.Model]) -> Reference | None:
    return _references.get(model)


Targets = Callable[[], "models.QuerySet[Any]"]


def scope_node() -> Area | None:
    """The node of the active scope (None for the whole tree)."""
    from xingcun.core.scoping import current_scope_path

    path = current_scope_path()
    return None if path is None else Area.tree.filter(path=path).first()


def reach(model: type[models.Model], widen: Callable[[Area], Any]) -> Targets:
    """Targets of a reference that may also point above the scope (a district catalogue used by
    its towns and villages): `widen(node)` inside a scope, every row for the whole tree."""

    def targets() -> models.QuerySet[Any]:
        node = scope_node()
        queryset: models.QuerySet[Any] = (
            widen(node) if node is not None else model._default_manager.all()
        )
        return queryset

    return targets


# --- the registry ----------------------------------------------------------------------------------


@dataclass
class ListColumn:
    header: StrOrPromise
    accessor: Callable[[Any], Any]
    link: bool = False
    path: str = ""  # the field path it shows, when derived from one


@dataclass
class Registry:
    key: str
    model: type[models.Model]
    title: Any
    columns: list[Column]
    natural_key: tuple[str, ...]
    form_class: type[forms.ModelForm[Any]]
    perm_view: str
    perm_edit: str
    perm_delete: str
    list_columns: list[ListColumn]
    search_fields: tuple[str, ...] = ()
    kind_field: str | None = None
    select_related: tuple[str, ...] | None = None  # default: every relation a column shows
    section: str = ""
    area_field: str = "area"
    ordering: tuple[str, ...] = ("-id",)
    detail_exclude: tuple[str, ...] = ()
    pii_columns: tuple[str, ...] = ()
    example: Sequence[Any] = ()
    prerequisites: Sequence[str] = ()  # sentences for the import template's instructions
    # Values that the form or import leaves to the registry (derived fields, defaults).
    prepare: Callable[[dict[str, Any]], None] | None = None
    detail_extra: str | None = None  # a template included on the detail page (e.g. evidence)
    # The rows a reference field may point at (default: the target's scoped manager).
    targets: dict[str, Targets] = field(default_factory=dict)

    def queryset(self) -> models.QuerySet[Any]:
        return self.model._default_manager.select_related(*self.related()).order_by(*self.ordering)

    def related(self) -> tuple[str, ...]:
        """The relations to join: declared, or those the columns and list show."""
        if self.select_related is not None:
            return self.select_related
        names: list[str] = []
        fields = {f.name: f for f in self.model._meta.get_fields()}
        if self.area_field in fields:
            names.append(self.area_field)
        for column in self.columns:
            field = fields.get(column.field)
            if field is None or not _joins(field):
                continue
            names.append(column.field)
            ref = reference_of(field.related_model)  # type: ignore[arg-type]
            if ref is not None and "__" in ref.key:
                names.append(f"{column.field}__{ref.key.rsplit('__', 1)[0]}")
        for listed in self.list_columns:
            parts = listed.path.split("__")
            model: Any = self.model
            for index, part in enumerate(parts if listed.path else []):
                field = model._meta.get_field(part)
                if not _joins(field):
                    break
                names.append("__".join(parts[: index + 1]))
                model = field.related_model
        # the longest paths suffice: select_related("a__b") joins "a" too
        unique = sorted(set(names), key=len, reverse=True)
        kept = [n for n in unique if not any(o.startswith(n + "__") for o in unique)]
        self.select_related = tuple(sorted(kept))
        return self.select_related

    def export_queryset(self, queryset: models.QuerySet[Any]) -> Iterable[Any]:
        """The rows of an export, read in chunks without the timestamps no column shows."""
        stamps = ("created_at", "updated_at")
        names = {f.name for f in self.model._meta.concrete_fields}
        deferred = [s for s in stamps if s in names]
        for relation in self.related():
            if "__" not in relation:
                related: Any = self.model._meta.get_field(relation).related_model
                fields = {f.name for f in related._meta.concrete_fields}
                deferred += [f"{relation}__{s}" for s in stamps if s in fields]
        queryset = queryset.defer(*deferred)
        if self.model._meta.many_to_many:
            return queryset.prefetch_related(*(f.name for f in self.model._meta.many_to_many))
        return queryset.iterator(chunk_size=2000)

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)

    def header_of(self, field_name: str) -> str:
        column = next((c for c in self.columns if c.field == field_name), None)
        if column is not None:
            return str(column.header)
        model_field = self.model._meta.get_field(field_name)
        return str(getattr(model_field, "verbose_name", field_name))

    def export_rows(self, objs: Iterable[Any], *, show_pii: bool) -> Iterable[list[Any]]:
        cells = [column.cell_function() for column in self.columns]
        for obj in objs:
            row = []
            for column, cell in zip(self.columns, cells, strict=True):
                value = cell(obj)
                if not show_pii:
                    value = masking.cell(
                        column.field, value, personal=column.field in self.pii_columns
                    )
                row.append(value)
            yield row

    def find_existing(self, values: dict[str, Any]) -> Any | None:
        """The row with this natural key, searched across all areas (uniqueness is global)."""
        lookup = {k: values[k] for k in self.natural_key}
        with scopes_disabled():  # natural keys are unique across areas; scope is checked after
            return self.model._default_manager.filter(**lookup).first()

    def targets_of(self, name: str) -> models.QuerySet[Any]:
        """The rows the reference `name` may point at, as the acting user's scope allows."""
        if name in self.targets:
            return self.targets[name]()
        related: Any = self.model._meta.get_field(name).related_model
        queryset: models.QuerySet[Any] = related._default_manager.all()
        return queryset


def _joins(field: Any) -> bool:
    """A relation select_related can follow: a foreign key or a forward one-to-one."""
    return bool(field.is_relation and field.concrete and not field.many_to_many)


_registries: dict[str, Registry] = {}
_person_lookup: Callable[[Any], Any] | None = None


def set_person_lookup(lookup: Callable[[Any], Any]) -> None:
    """The people app tells core how to find a user's own person record (core has no domain)."""
    global _person_lookup
    _person_lookup = lookup


def person_of(user: Any) -> Any:
    return _person_lookup(user) if _person_lookup else None


def get(key: str) -> Registry:
    return _registries[key]


def all_registries() -> list[Registry]:
    return list(_registries.values())


# --- declaring a register from its model -------------------------------------------------------------


class F:
    """One column of a declaration: a model field and only what differs from the model."""

    def __init__(self, field: str, header: StrOrPromise | None = None, **options: Any) -> None:
        self.field, self.header, self.options = field, header, options


Spec = str | F | Column

# Years of statistics and of rules start in 2000; a rule without an end stays in force. A file
# names the start year even where the model has a default for it.
YEAR = F("year", minimum=2000)
VALIDITY = (
    F("valid_from", required=True, minimum=2000),
    F("valid_to", help=gettext_lazy("留空表示持续有效"), minimum=2000),
)
# The node a rule is set at: the district, or a town for its own line.
RULE_AREA = F(
    "area", gettext_lazy("适用区划代码"), levels=frozenset({Area.Level.COUNTY, Area.Level.TOWN})
)
# An effective-dated rule's years in a list, as the model says them ("2019—至今").
VALIDITY_COLUMN = ListColumn(gettext_lazy("有效期"), lambda rule: rule.period_label)
# A versioned scheme of rules (star rating, vanguard index): where it applies, its version code,
# its name and years; listed by name, version and years. Its parts (dimensions, items) name it by
# its version code.
SCHEME = (RULE_AREA, "code", "name", *VALIDITY)
SCHEME_LIST = ((gettext_lazy("方案"), "name"), (gettext_lazy("版本"), "code"), VALIDITY_COLUMN)
SCHEME_PART = F("scheme", gettext_lazy("方案版本编号"))
SCHEME_PART_LIST = (gettext_lazy("方案版本"), "scheme__code")
# A village's record: the village's code, and its name for reading (ignored on import).
VILLAGE = (F("area", gettext_lazy("村社代码")), F("area__display_name", gettext_lazy("村社名称")))

# A record about a person, a project or a party organisation: its key, and its name for reading.
PERSON = (F("person", gettext_lazy("身份证号")), F("person__name", gettext_lazy("姓名")))
PROJECT = (F("project", gettext_lazy("项目编号")), F("project__name", gettext_lazy("项目名称")))
ORGANISATION = (
    F("organisation", gettext_lazy("组织编号")),
    F("organisation__name", gettext_lazy("组织名称")),
)


def _constraint_minimum(model: type[models.Model], name: str) -> tuple[Any, bool] | None:
    """(bound, strict) of `name >= bound` / `name > bound` in a CheckConstraint, if any."""
    for constraint in model._meta.constraints:
        condition = getattr(constraint, "condition", None)
        if not isinstance(condition, models.Q):
            continue
        for child in condition.children:
            if (
                isinstance(child, tuple)
                and child[0] in (f"{name}__gte", f"{name}__gt")
                and isinstance(child[1], int | Decimal)
            ):
                return child[1], child[0].endswith("__gt")
    return None


def _minimum(model: type[models.Model], mf: models.Field[Any, Any]) -> Any:
    from django.core.validators import MinValueValidator

    for validator in mf.validators:
        if isinstance(validator, MinValueValidator) and not callable(validator.limit_value):
            return validator.limit_value
    bound = _constraint_minimum(model, mf.name)
    if bound is not None:
        value, strict = bound
        return value + 1 if strict and isinstance(mf, models.IntegerField) else value
    if isinstance(
        mf,
        models.PositiveIntegerField
        | models.PositiveSmallIntegerField
        | models.PositiveBigIntegerField,
    ):
        return 0
    return None


def derive_column(model: type[models.Model], spec: Spec) -> Column:
    """The import/export column of a model field, with the declaration's overrides."""
    if isinstance(spec, Column):
        return spec
    if isinstance(spec, str):
        spec = F(spec)
    options = dict(spec.options)
    names = {f.name for f in model._meta.get_fields()}
    if "__" in spec.field:  # shown for reading: "organisation__name", "area__display_name"
        path = spec.field
        options.setdefault("getter", lambda obj: _display(obj, path))
        return TextColumn(spec.header or spec.field, spec.field, readonly=True, **options)
    if spec.field not in names:  # a value computed for export (its getter says how)
        return TextColumn(spec.header or spec.field, spec.field, **options)
    mf: Any = model._meta.get_field(spec.field)
    header = spec.header or str(mf.verbose_name)
    base: dict[str, Any] = {
        "required": not mf.blank and not mf.has_default() and not mf.many_to_many,
        "help": str(mf.help_text or ""),
    }
    cls: type[Column]
    if mf.is_relation and mf.related_model is Area:
        cls = MultiAreaColumn if mf.many_to_many else AreaColumn
    elif mf.is_relation:
        cls, base["what"] = RefColumn, str(mf.related_model._meta.verbose_name)
    elif mf.choices:
        cls, base["choices"] = ChoiceColumn, list(mf.choices)
    elif isinstance(mf, models.BooleanField):
        cls, base["required"] = BoolColumn, False
    elif isinstance(mf, models.DateField):
        cls = DateColumn
    elif isinstance(mf, models.DecimalField):
        cls, base["places"] = DecimalColumn, mf.decimal_places
        base["minimum"] = _minimum(model, mf)
    elif isinstance(mf, models.IntegerField):
        cls, base["minimum"] = IntColumn, _minimum(model, mf)
    else:
        cls = TextColumn
        base["max_length"] = mf.max_length
    base.update(options)
    return cls(header, spec.field, **base)


def _display(obj: Any, path: str, *, keep_area: bool = False) -> Any:
    """The value at `path` as shown: a choice's label, an area's name (the area itself with
    `keep_area`, for lists, which link it with `{% place %}`)."""
    value = obj
    parts = path.split("__")
    for index, part in enumerate(parts):
        if value is None:
            return ""
        last = index == len(parts) - 1
        display = getattr(value, f"get_{part}_display", None)
        value = display() if last and display is not None else getattr(value, part)
    if isinstance(value, Area) and not keep_area:
        return value.display_name
    return value


def derive_list_column(model: type[models.Model], spec: Any, link: bool) -> ListColumn:
    """A list column from "field", "relation__field" or ("header", "field"); the first links."""
    if isinstance(spec, ListColumn):
        return spec
    header, path = spec if isinstance(spec, tuple) else (None, spec)
    if header is None:
        target: Any = model
        for part in path.split("__"):
            mf: Any = target._meta.get_field(part)
            target = mf.related_model or target
        header = str(mf.verbose_name)
    return ListColumn(header, lambda obj: _display(obj, path, keep_area=True), link=link, path=path)


def derive_form(
    model: type[models.Model],
    key: str,
    columns: list[Column],
    base: type[forms.ModelForm[Any]] | None,
    fields: Sequence[str] | None,
    labels: dict[str, str] | None = None,
    help_texts: dict[str, str] | None = None,
    extra: Sequence[str] = (),
) -> type[forms.ModelForm[Any]]:
    """A ModelForm of the register's writable fields (and `extra` ones that are no column):
    Area fields keep their columns' levels."""
    from xingcun.core.forms import ScopedModelForm, scoped_formfield

    model_fields = {f.name for f in model._meta.get_fields()}
    if fields is None:
        fields = [c.field for c in columns if not c.readonly and c.field in model_fields]
        fields += extra
    levels = {c.field: set(c.levels) for c in columns if isinstance(c, AreaColumn)}
    base = base or ScopedModelForm
    attrs = {
        "area_levels": {**levels, **getattr(base, "area_levels", {})},
        "registry_key": key,
    }
    parent = type(f"{model.__name__}Base", (base,), attrs)
    return forms.modelform_factory(
        model,
        form=parent,
        fields=list(fields),
        formfield_callback=scoped_formfield,
        labels=labels,
        help_texts=help_texts,
    )


def register(model: Any = None, /, **declaration: Any) -> Registry:
    """Declare a register from its model: `register(Bank, key="banks", fields=[...], ...)`.

    `fields` lists the import/export columns in order (a field name, `F(name, header, **overrides)`
    or a ready `Column`); the form edits the same fields, `form_extra` ones that are no column
    (a login, a file), or `form_fields` instead; a
    `form` class adds behaviour (its clean()), `labels` / `help_texts` reword form fields. `list_display` names the list's
    columns; `natural_key` the fields that identify a row in a file; `perms` is (view, edit,
    delete). `targets` limits what a reference field may point at (default: the user's scope).
    """
    if isinstance(model, Registry):  # a registry built by hand
        registry = model
    else:
        key = declaration.pop("key")
        columns = [derive_column(model, spec) for spec in declaration.pop("fields")]
        natural_key = tuple(declaration.pop("natural_key", None) or model.NATURAL_KEY)
        if not natural_key:
            raise ImproperlyConfigured(f"{model.__name__}: declare NATURAL_KEY on the model")
        view, edit, delete = declaration.pop("perms")
        targets: dict[str, Targets] = declaration.pop("targets", {})
        listed = declaration.pop("list_display")
        list_columns = [
            derive_list_column(model, spec, link=index == 0) for index, spec in enumerate(listed)
        ]
        form_class = derive_form(
            model,
            key,
            columns,
            declaration.pop("form", None),
            declaration.pop("form_fields", None),
            declaration.pop("labels", None),
            declaration.pop("help_texts", None),
            declaration.pop("form_extra", ()),
        )
        title = declaration.pop("title", None) or model._meta.verbose_name_plural
        declaration.setdefault("ordering", tuple(model._meta.ordering or ("-id",)))
        registry = Registry(
            key=key,
            model=model,
            title=title,
            columns=columns,
            natural_key=natural_key,
            form_class=form_class,
            perm_view=view,
            perm_edit=edit,
            perm_delete=delete,
            list_columns=list_columns,
            targets=targets,
            **declaration,
        )
    keys = [registry.model._meta.get_field(k) for k in registry.natural_key]
    if len(keys) == 1 and not keys[0].is_relation and registry.model not in _references:
        reference(registry.model, key=keys[0].name)
    for column in registry.columns:
        if isinstance(column, RefColumn) and column.lookup is None and not column.readonly:
            column.lookup, column.bulk = _lookup(registry, column), True
            if column.key_of is None:
                column.key_of = _key_of(registry, column.field)
    _registries[registry.key] = registry
    return registry


def area_of(reference: str) -> Callable[[dict[str, Any]], None]:
    """A `prepare` that files a row where the row it refers to is: a member under its
    organisation, an activity under its agreement."""

    def prepare(values: dict[str, Any]) -> None:
        if values.get(reference) is not None:
            values["area"] = values[reference].area

    return prepare


def registrar(**defaults: Any) -> Callable[..., Registry]:
    """`register` with an app's common settings (its section, its usual permissions)."""

    def register_with_defaults(model: Any, /, **declaration: Any) -> Registry:
        return register(model, **{**defaults, **declaration})

    return register_with_defaults


def _lookup(registry: Registry, column: RefColumn) -> Callable[[str], Any]:
    def lookup(text: str) -> Any:
        related = registry.model._meta.get_field(column.field).related_model
        ref = reference_of(related) if isinstance(related, type) else None
        if ref is None:
            raise CellError(gettext("该列不能导入"))
        found = ref.find(registry.targets_of(column.field), text)
        if found is None and column.field in registry.targets:
            # in scope but not offered (a regular branch for a competition): the model's own
            # validation then says why, which is clearer than "not found"
            found = ref.find(related._default_manager.all(), text)  # type: ignore[union-attr]
        return found

    return lookup


def _key_of(registry: Registry, name: str) -> Callable[[Any], str]:
    def key_of(obj: Any) -> str:
        ref = reference_of(type(obj))
        return ref.key_of(obj) if ref else str(obj)

    return key_of


# --- writing one record ---------------------------------------------------------------------------

# Checks every write path runs before saving or deleting a row (the reporting lock plugs in here).
_write_guards: list[Callable[[models.Model], None]] = []


def add_write_guard(guard: Callable[[models.Model], None]) -> None:
    _write_guards.append(guard)


def check_writable(obj: models.Model) -> None:
    """Raise ValidationError when a guard forbids writing `obj` (e.g. accepted, locked data)."""
    for guard in _write_guards:
        guard(obj)


def apply_values(obj: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    """Set plain fields on obj; return the many-to-many values to set after saving."""
    m2m_names = {f.name for f in obj._meta.many_to_many}
    later: dict[str, Any] = {}
    for name, value in values.items():
        if name in m2m_names:
            later[name] = value
        else:
            setattr(obj, name, value)
    return later


def _plain_message(error: ValidationError) -> str:
    """Django's wording for an empty required field is technical; say 必填 instead."""
    if getattr(error, "code", None) in {"null", "blank", "required"}:
        return gettext("必填")
    return " ".join(error.messages)


def validation_messages(registry: Registry, error: ValidationError) -> list[tuple[str, str]]:
    """(column header, message) pairs of a model ValidationError."""
    out: list[tuple[str, str]] = []
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            header = "" if name == "__all__" else registry.header_of(name)
            out.extend((header, _plain_message(e)) for e in errors)
    else:
        out.extend(("", m) for m in error.messages)
    return out


@transaction.atomic
def record_save(
    *, registry: Registry, obj: models.Model, values: dict[str, Any], actor: Any
) -> Any:
    """Create or update one record through a page: validate, save, set relations, audit."""
    creating = obj.pk is None
    # Forms apply their data to the instance while validating: take "before" from the database.
    before = {} if creating else audit.snapshot(stored(obj))
    if registry.prepare:
        registry.prepare(values)
    later = apply_values(obj, values)
    check_writable(obj)
    save_checked(obj)
    for name, value in later.items():
        getattr(obj, name).set(value)
    action = f"{registry.key}.{'created' if creating else 'updated'}"
    audit.log_change(actor=actor, action=action, obj=obj, before=before)
    return obj


@transaction.atomic
def record_delete(*, registry: Registry, obj: models.Model, actor: Any) -> None:
    check_writable(obj)
    before = audit.snapshot(obj)
    audit.log(actor=actor, action=f"{registry.key}.deleted", obj=obj, changes={"deleted": before})
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as e:
        raise ValidationError(gettext("该记录仍被其他记录引用，不能删除")) from e


def parse_row(
    registry: Registry, headers: list[str], cells: list[Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    by_header = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers)}
    for column in registry.columns:
        if column.readonly:
            continue
        raw = by_header.get(str(column.header))
        if isinstance(raw, Formula):
            errors.append((str(column.header), gettext("不允许使用公式，请填写数值或文字")))
            continue
        text = cell_text(raw)
        if not text:
            if column.required:
                errors.append((str(column.header), gettext("必填")))
            else:
                values[column.field] = column.empty()
            continue
        try:
            values[column.field] = column.parse(text)
        except CellError as e:
            errors.append((str(column.header), str(e)))
    return values, errors
