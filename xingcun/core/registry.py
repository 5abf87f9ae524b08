"""Registries: the one pattern every register repeats (list, detail, create/edit, import, export,
audit, scope). A domain app declares a `Registry` with its columns; core turns it into pages, an
xlsx template, import of xlsx/CSV and export, all scoped and audited.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import in_scope, scopes_disabled, stored
from xingcun.core.tabular import Formula, TemplateColumn, cell_text


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and names no row (the caller does)."""


# --- columns -------------------------------------------------------------------------------------


@dataclass
class Column:
    header: str
    field: str
    required: bool = False
    help: str = ""
    readonly: bool = False  # exported for reading, ignored on import
    getter: Callable[[Any], Any] | None = None

    kind: ClassVar[str] = "文本"

    def parse(self, text: str) -> Any:
        return text

    def value_of(self, obj: Any) -> Any:
        return self.getter(obj) if self.getter else getattr(obj, self.field)

    def cell(self, obj: Any) -> Any:
        return self.value_of(obj)

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
            raise CellError(f"不能超过{self.max_length}个字符")
        return text


@dataclass
class IntColumn(Column):
    minimum: int | None = 0
    kind: ClassVar[str] = "整数"

    def parse(self, text: str) -> Any:
        try:
            value = int(Decimal(text.replace(",", "")))
            if Decimal(text.replace(",", "")) != value:
                raise CellError("应为整数")
        except InvalidOperation as e:
            raise CellError("应为整数") from e
        if self.minimum is not None and value < self.minimum:
            raise CellError(f"不能小于{self.minimum}")
        return value

    def empty(self) -> Any:
        return None


@dataclass
class DecimalColumn(Column):
    places: int = 2
    minimum: Decimal | None = Decimal(0)
    kind: ClassVar[str] = "数值"

    def parse(self, text: str) -> Any:
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation as e:
            raise CellError("应为数字") from e
        if not value.is_finite():
            raise CellError("应为数字")
        if value != value.quantize(Decimal(1).scaleb(-self.places)):
            raise CellError(f"最多{self.places}位小数")
        if self.minimum is not None and value < self.minimum:
            raise CellError(f"不能小于{self.minimum}")
        return value.quantize(Decimal(1).scaleb(-self.places))

    def empty(self) -> Any:
        return None


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> dt.date:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError as e:
                raise CellError("日期无效") from e
    raise CellError("日期格式应为 2020-01-31")


@dataclass
class DateColumn(Column):
    not_future: bool = True
    kind: ClassVar[str] = "日期（如 2020-01-31）"

    def parse(self, text: str) -> Any:
        value = parse_date(text[:10] if re.match(r"^\d{4}-\d\d-\d\dT", text) else text)
        if self.not_future and value > timezone.localdate():
            raise CellError("日期不能晚于今天")
        return value

    def empty(self) -> Any:
        return None


@dataclass
class BoolColumn(Column):
    kind: ClassVar[str] = "是/否"

    def parse(self, text: str) -> Any:
        if text in {"是", "Y", "y", "1", "TRUE", "true", "True"}:
            return True
        if text in {"否", "N", "n", "0", "FALSE", "false", "False"}:
            return False
        raise CellError("应填“是”或“否”")

    def cell(self, obj: Any) -> Any:
        return "是" if self.value_of(obj) else "否"

    def choice_labels(self) -> Sequence[str]:
        return ("是", "否")

    def empty(self) -> Any:
        return False


@dataclass
class ChoiceColumn(Column):
    choices: Sequence[tuple[Any, Any]] = ()
    kind: ClassVar[str] = "从下拉列表选择"

    def parse(self, text: str) -> Any:
        for value, label in self.choices:
            if text in (str(label), str(value)):
                return value
        raise CellError(f"“{text}”不是可选值（{'、'.join(self.choice_labels())}）")

    def cell(self, obj: Any) -> Any:
        value = self.value_of(obj)
        return next((str(label) for v, label in self.choices if v == value), value or "")

    def choice_labels(self) -> Sequence[str]:
        return [str(label) for _, label in self.choices]


@dataclass
class AreaColumn(Column):
    """A division code (12 digits, or the short form: 9 for a town, 6 for a county)."""

    levels: frozenset[int] = frozenset({Area.Level.VILLAGE})
    kind: ClassVar[str] = "统计用区划代码（12位）"

    def parse(self, text: str) -> Any:
        code = text.strip()
        if not code.isdigit() or len(code) not in (6, 9, 12):
            raise CellError(f"“{code}”不是有效的区划代码")
        area = Area.tree.filter(code=code.ljust(12, "0")).first()
        if area is None or not in_scope(area):
            raise CellError(f"区划代码“{code}”不存在或不在您的辖区内")
        if area.level not in self.levels:
            levels = "、".join(str(Area.Level(level).label) for level in sorted(self.levels))
            raise CellError(f"“{area.name}”不是{levels}级区划")
        return area

    def cell(self, obj: Any) -> Any:
        area = self.value_of(obj)
        return area.code if area else ""

    def empty(self) -> Any:
        return None


@dataclass
class MultiAreaColumn(AreaColumn):
    kind: ClassVar[str] = "区划代码，多个用分号分隔"

    def parse(self, text: str) -> Any:
        codes = [c for c in re.split(r"[;；,，\s]+", text) if c]
        return [AreaColumn.parse(self, c) for c in codes]

    def cell(self, obj: Any) -> Any:
        return ";".join(a.code for a in getattr(obj, self.field).order_by("code"))

    def empty(self) -> Any:
        return []


@dataclass
class RefColumn(Column):
    """A reference by natural key (an organisation's code, a person's ID number)."""

    lookup: Callable[[str], Any] | None = None
    key_of: Callable[[Any], str] | None = None
    what: str = "记录"
    kind: ClassVar[str] = "编号"

    def parse(self, text: str) -> Any:
        if self.lookup is None:
            raise CellError("该列不能导入")
        found = self.lookup(text)
        if found is None:
            raise CellError(f"找不到{self.what}“{text}”或不在您的辖区内")
        return found

    def cell(self, obj: Any) -> Any:
        value = self.value_of(obj)
        if value is None:
            return ""
        return self.key_of(value) if self.key_of else str(value)

    def empty(self) -> Any:
        return None


# --- the registry ----------------------------------------------------------------------------------


@dataclass
class ListColumn:
    header: str
    accessor: Callable[[Any], Any]
    link: bool = False


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
    select_related: tuple[str, ...] = ("area",)
    section: str = ""
    area_field: str = "area"
    ordering: tuple[str, ...] = ("-id",)
    detail_exclude: tuple[str, ...] = ()
    pii_columns: tuple[str, ...] = ()
    example: Sequence[Any] = ()
    # Values that the form or import leaves to the registry (derived fields, defaults).
    prepare: Callable[[dict[str, Any]], None] | None = None
    detail_extra: str | None = None  # a template included on the detail page (e.g. evidence)

    def queryset(self) -> models.QuerySet[Any]:
        return self.model._default_manager.select_related(*self.select_related).order_by(
            *self.ordering
        )

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)

    def header_of(self, field_name: str) -> str:
        column = next((c for c in self.columns if c.field == field_name), None)
        if column is not None:
            return column.header
        model_field = self.model._meta.get_field(field_name)
        return str(getattr(model_field, "verbose_name", field_name))

    def export_rows(self, objs: Iterable[Any], *, show_pii: bool) -> Iterable[list[Any]]:
        for obj in objs:
            row = []
            for column in self.columns:
                value = column.cell(obj)
                if column.field in self.pii_columns and not show_pii and value:
                    value = mask_value(column.field, str(value))
                row.append(value)
            yield row

    def find_existing(self, values: dict[str, Any]) -> Any | None:
        """The row with this natural key, searched across all areas (uniqueness is global)."""
        lookup = {k: values[k] for k in self.natural_key}
        with scopes_disabled():  # natural keys are unique across areas; scope is checked after
            return self.model._default_manager.filter(**lookup).first()


def mask_value(field_name: str, value: str) -> str:
    from xingcun.core.idcard import mask_id_number, mask_phone

    return mask_id_number(value) if len(value) == 18 else mask_phone(value)


_registries: dict[str, Registry] = {}
_person_lookup: Callable[[Any], Any] | None = None


def set_person_lookup(lookup: Callable[[Any], Any]) -> None:
    """The people app tells core how to find a user's own person record (core has no domain)."""
    global _person_lookup
    _person_lookup = lookup


def person_of(user: Any) -> Any:
    return _person_lookup(user) if _person_lookup else None


def register(registry: Registry) -> Registry:
    _registries[registry.key] = registry
    return registry


def get(key: str) -> Registry:
    return _registries[key]


def all_registries() -> list[Registry]:
    return list(_registries.values())


# --- writing one record ---------------------------------------------------------------------------


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
        return "必填"
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
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as e:
        raise ValidationError("与已有记录重复（可能在您的辖区之外），未保存") from e
    for name, value in later.items():
        getattr(obj, name).set(value)
    action = f"{registry.key}.{'created' if creating else 'updated'}"
    audit.log(actor=actor, action=action, obj=obj, changes=audit.diff(before, audit.snapshot(obj)))
    return obj


@transaction.atomic
def record_delete(*, registry: Registry, obj: models.Model, actor: Any) -> None:
    before = audit.snapshot(obj)
    audit.log(actor=actor, action=f"{registry.key}.deleted", obj=obj, changes={"deleted": before})
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as e:
        raise ValidationError("该记录仍被其他记录引用，不能删除") from e


def parse_row(
    registry: Registry, headers: list[str], cells: list[Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    by_header = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers)}
    for column in registry.columns:
        if column.readonly:
            continue
        raw = by_header.get(column.header)
        if isinstance(raw, Formula):
            errors.append((column.header, "不允许使用公式，请填写数值或文字"))
            continue
        text = cell_text(raw)
        if not text:
            if column.required:
                errors.append((column.header, "必填"))
            else:
                values[column.field] = column.empty()
            continue
        try:
            values[column.field] = column.parse(text)
        except CellError as e:
            errors.append((column.header, str(e)))
    return values, errors
