"""Running an import, set-based: whole columns are parsed, every reference and natural key is
resolved with one query per referenced table (in chunks), uniqueness is checked in the file and
against the database in bulk, and the model's check constraints are evaluated in Python. All of
that reads only; when every row is valid, the rows are written with bulk inserts and updates in
one short transaction, with one audit entry. If any row fails, nothing is written and every error
is reported as `第N行 列名: 原因`. Re-importing the same file changes nothing: rows are matched on
the registry's natural key and unchanged rows are not written.

A reference whose key is not in the user's scope says whether it exists elsewhere (outside the
jurisdiction) or not at all. A reference to a register's own natural key (an organisation's
parent) may name a row further up the same file: those rows are created first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import itertools
import operator
import pickle
import re
import sqlite3
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connections,
    models,
    router,
    transaction,
)
from django.db.models import F
from django.db.models.base import ModelState
from django.db.models.fields import AutoFieldMixin
from django.db.models.fields.mixins import FieldCacheMixin
from django.db.models.fields.related_descriptors import (
    ForeignKeyDeferredAttribute,
    ForwardManyToOneDescriptor,
)
from django.utils import timezone, translation
from django.utils.translation import gettext

from xingcun.core import audit, constraints, versions
from xingcun.core.models import Area, AuditTarget
from xingcun.core.registry import (
    AreaColumn,
    BoolColumn,
    CellError,
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    IntColumn,
    MultiAreaColumn,
    RefColumn,
    Registry,
    TextColumn,
    check_writable,
    reference_of,
    validation_messages,
)
from xingcun.core.scoping import in_scope, scopes_disabled
from xingcun.core.tabular import Formula, Table, cell_text

Progress = Callable[[int, int], None]
AUDIT_DETAIL_LIMIT = 2000
CHUNK = 2000  # keys per `IN (...)` query: below SQLite's variable limit, few round trips
T = TypeVar("T")


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    check_only: bool = False
    write_seconds: float = 0.0  # time inside the write transaction (the database's write lock)
    # how long other writers of the register wait for this import: SQLite, the whole write
    # transaction; PostgreSQL, from the end of the first statement writing the register (its
    # statement trigger takes the register's version row, see core.versions) to the commit
    register_lock_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


def row_error(row: int, column: str, message: str) -> str:
    params = {"row": row, "column": column, "message": message}
    if column:
        return gettext("第%(row)s行 %(column)s: %(message)s") % params
    return gettext("第%(row)s行: %(message)s") % params


def local_headers(registry: Registry, headers: list[str]) -> list[str]:
    """A file's headers in the request's language: a template downloaded (or a file exported) in
    one language imports in the other, since the headers are declared once and translated."""
    from xingcun.core.reading import header_text  # headers are read without spaces

    aliases: dict[str, str] = {}
    for column in registry.columns:
        current = str(column.header)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                text = str(column.header)
            aliases.setdefault(text, current)
            aliases.setdefault(header_text(text), current)
    return [aliases.get(h, aliases.get(header_text(h), h)) for h in headers]


def _header_errors(registry: Registry, table: Table) -> list[str]:
    from xingcun.core import reading

    return reading.header_errors(registry, table)


# --- reads that cross the scope ---------------------------------------------------------------------


def _everywhere(read: Callable[[], T]) -> T:
    """Run `read` across every jurisdiction: natural keys and unique values are global, and a
    reference that is not in scope is told apart as "outside your jurisdiction" or "does not
    exist". Callers check the scope of whatever they keep."""
    with scopes_disabled():  # the callers above check scope on every row they use
        return read()


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _area_fields(model: Any) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Area and not f.many_to_many
    ]


# --- resolving whole columns -----------------------------------------------------------------------


class _Problem:
    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Above:
    """A reference to a row of the same file (its natural key), filled in once rows are built."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


def _resolve_areas(column: AreaColumn, texts: set[str]) -> dict[str, Any]:
    multi = isinstance(column, MultiAreaColumn)
    split = {t: [c for c in re.split(r"[;；,，\s]+", t) if c] if multi else [t] for t in texts}
    codes = {c for parts in split.values() for c in parts}
    wanted = sorted({c.ljust(12, "0") for c in codes if c.isdigit() and len(c) in (6, 9, 12)})
    found: dict[str, Area] = {}
    for chunk in _chunks(wanted):
        found.update((a.code, a) for a in Area.tree.filter(code__in=chunk))
    levels = "、".join(str(Area.Level(level).label) for level in sorted(column.levels))

    def one(code: str) -> Any:
        if not code.isdigit() or len(code) not in (6, 9, 12):
            return _Problem(gettext("“%(value)s”不是有效的区划代码") % {"value": code})
        area = found.get(code.ljust(12, "0"))
        if area is None:
            return _Problem(
                gettext("区划代码“%(value)s”不存在，请核对代码（6、9或12位统计用区划代码）")
                % {"value": code}
            )
        if not in_scope(area):
            return _Problem(gettext("区划代码“%(value)s”不在您的辖区内") % {"value": code})
        if area.level not in column.levels:
            return _Problem(
                gettext("“%(name)s”不是%(levels)s级区划") % {"name": area.name, "levels": levels}
            )
        return area

    out: dict[str, Any] = {}
    for text, parts in split.items():
        values = [one(c) for c in parts]
        problem = next((v for v in values if isinstance(v, _Problem)), None)
        out[text] = problem if problem is not None else (values if multi else values[0])
    return out


def _find_many(
    model: Any, queryset: models.QuerySet[Any], key: str, keys: Sequence[str]
) -> dict[str, Any]:
    ref = reference_of(model)
    ordering = ref.ordering if ref is not None else ()
    related = [*_area_fields(model)]
    out: dict[str, Any] = {}
    for chunk in _chunks(list(keys)):
        rows = (
            queryset.filter(**{f"{key}__in": chunk})
            .annotate(_import_key=F(key))
            .select_related(*related)
            .order_by(*ordering)
        )
        for obj in rows:
            out.setdefault(str(obj._import_key), obj)
    return out


def _resolve_refs(
    registry: Registry, column: RefColumn, texts: set[str], natural_keys: dict[str, int]
) -> dict[str, Any]:
    related: Any = registry.model._meta.get_field(column.field).related_model
    ref = reference_of(related)
    if ref is None:
        return {t: _Problem(gettext("该列不能导入")) for t in texts}
    norm = {t: t.strip().upper() if ref.upper else t.strip() for t in texts}
    keys = sorted({k for k in norm.values() if ref.key != "pk" or k.isdigit()})
    found = _find_many(related, registry.targets_of(column.field), ref.key, keys)
    missing = [k for k in keys if k not in found]
    if missing and column.field in registry.targets:
        # in scope but not offered (a regular branch for a competition): the model's own
        # validation then says why, which is clearer than "not found"
        found.update(_find_many(related, related._default_manager.all(), ref.key, missing))
        missing = [k for k in keys if k not in found]
    own = related is registry.model and (ref.key,) == registry.natural_key
    in_file = {k for k in missing if own and k in natural_keys}
    rest = [k for k in missing if k not in in_file]
    elsewhere: set[str] = set()
    if rest:

        def read() -> set[str]:
            out: set[str] = set()
            for chunk in _chunks(rest):
                names = related._default_manager.filter(**{f"{ref.key}__in": chunk})
                out.update(str(v) for v in names.values_list(ref.key, flat=True))
            return out

        elsewhere = _everywhere(read)
    what = column.what
    result: dict[str, Any] = {}
    for text, key in norm.items():
        if key in found:
            result[text] = found[key]
        elif key in in_file:
            result[text] = _Above(key)
        elif key in elsewhere:
            result[text] = _Problem(
                gettext("%(what)s“%(value)s”不在您的辖区内，不能引用")
                % {"what": what, "value": text}
            )
        else:
            result[text] = _Problem(
                gettext("找不到%(what)s“%(value)s”，请先登记或核对编号")
                % {"what": what, "value": text}
            )
    return result


def _parse_column(column: Column, texts: set[str]) -> dict[str, Any]:
    labels: dict[str, Any] = {}
    if isinstance(column, ChoiceColumn):  # a choice typed with full-width letters or digits
        for value, label in column.choices:
            labels[unicodedata.normalize("NFKC", str(label))] = value
            labels[unicodedata.normalize("NFKC", str(value))] = value
    out: dict[str, Any] = {}
    for text in texts:
        try:
            out[text] = column.parse(text)
        except CellError as e:
            folded = unicodedata.normalize("NFKC", text)
            if folded in labels:
                out[text] = labels[folded]
                continue
            try:
                out[text] = column.parse(folded) if folded != text else _Problem(str(e))
            except CellError:
                out[text] = _Problem(str(e))
    return out


FORMULA = "\x00formula"
_SCIENTIFIC = re.compile(r"^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$")
_SERIAL = re.compile(r"^[1-9][0-9]{4}(\.0+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FULL_WIDTH_ALNUM = {
    c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_STRICT = (AreaColumn, RefColumn, IntColumn, DecimalColumn, DateColumn, BoolColumn)


def _is_id_column(registry: Registry, column: Column) -> bool:
    """A column of ID numbers: the model field validates them, or it refers to people by them."""
    if isinstance(column, RefColumn):
        related: Any = registry.model._meta.get_field(column.field).related_model
        ref = reference_of(related) if related is not None else None
        return ref is not None and ref.key.endswith("id_number")
    try:
        field: Any = registry.model._meta.get_field(column.field)
    except Exception:
        return False
    return any(getattr(v, "__name__", "") == "validate_id_number" for v in field.validators)


def _texts(registry: Registry, table: Table, index: int | None, column: Column) -> list[Any]:
    """The normalised text of every cell of one column: "" when blank, FORMULA for a formula, a
    _Problem for a number Excel has destroyed."""
    if index is None:
        return [""] * len(table.rows)  # type: ignore[arg-type]
    strict = isinstance(column, _STRICT)
    textual = isinstance(column, TextColumn | RefColumn) and not isinstance(
        column, IntColumn | DecimalColumn
    )
    dates = isinstance(column, DateColumn)
    ids = _is_id_column(registry, column)
    out: list[Any] = []
    for _, cells in table.rows:
        raw = cells[index] if index < len(cells) else None
        if type(raw) is str and not raw.startswith("'"):  # most cells: plain text
            text = raw.strip()
        elif isinstance(raw, Formula):
            out.append(FORMULA)
            continue
        elif textual and isinstance(raw, float) and abs(raw) >= 1e15:
            out.append(_destroyed(f"{raw:.5E}"))  # as Excel shows it: 3.30112E+17
            continue
        else:
            text = cell_text(raw)
        if not text:
            out.append("")
            continue
        if not text.isascii():
            folded = unicodedata.normalize("NFKC", text).strip()
            if strict or (isinstance(column, TextColumn) and folded.isascii()):
                text = folded
            elif isinstance(column, TextColumn):  # 张３ is 张3; keep 白牛村（二）as typed
                text = text.translate(_FULL_WIDTH_ALNUM)
        if textual and _SCIENTIFIC.match(text):
            out.append(_destroyed(text))
        elif ids and len(text) == 15 and text.isdigit():
            out.append(
                _Problem(
                    gettext("“%(value)s”是15位旧身份证号，请改填18位身份证号") % {"value": text}
                )
            )
        elif dates and _SERIAL.match(text):
            out.append((_EXCEL_EPOCH + dt.timedelta(days=int(float(text)))).isoformat())
        else:
            out.append(text)
    return out


def _destroyed(text: str) -> _Problem:
    return _Problem(
        gettext(
            "“%(value)s”已被 Excel 存成数字（科学计数法），末几位已丢失；"
            "请把该列设为“文本”格式，重新录入后再导入"
        )
        % {"value": text}
    )


# --- the pipeline ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    number: int
    obj: Any
    new: bool
    later: dict[str, Any]
    changes: dict[str, Any]
    above: dict[str, str] = field(default_factory=dict)  # field -> natural key of a file row


MAX_ERRORS = 1000  # errors listed per import; the rest are counted


class _Errors:
    def __init__(self) -> None:
        self.items: list[tuple[int, int, str]] = []
        self.dropped = 0
        self.count = 0

    def add(self, number: int, column: str, message: str) -> None:
        self.count += 1
        self.items.append((number, self.count, row_error(number, column, message)))

    def trim(self) -> None:
        """Keep the first MAX_ERRORS (by row): chunks come in row order, so later ones only add
        errors below the ones kept."""
        if len(self.items) > MAX_ERRORS:
            self.items.sort()
            self.dropped += len(self.items) - MAX_ERRORS
            del self.items[MAX_ERRORS:]

    def ordered(self) -> list[str]:
        self.trim()
        out = [message for _, _, message in sorted(self.items)]
        if self.dropped:
            out.append(
                gettext("另有 %(n)s 处错误未列出，请改正以上错误后再检查一次") % {"n": self.dropped}
            )
        return out


class _Keys:
    """What later chunks of a file must know about earlier ones, in a temporary SQLite file
    (a million ID numbers cost no memory): the first row of each natural key and unique value
    (`kind` 0 is the natural key, 1… the unique sets), and the foreign keys of accepted rows."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="xingcun-import-")
        self.db = sqlite3.connect(f"{self.folder.name}/keys.sqlite3")
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute(
            "CREATE TABLE seen (kind INTEGER, key TEXT, row INTEGER, PRIMARY KEY (kind, key))"
            " WITHOUT ROWID"
        )
        self.db.execute("CREATE TABLE link (name TEXT, value TEXT, row BLOB)")
        self.db.execute("CREATE INDEX link_value ON link (name, value)")

    def first_rows(self, kind: int, keys: dict[Any, int]) -> dict[Any, int]:
        """The keys among `keys` seen in earlier chunks, with the row they were first seen on."""
        texts = {repr(k): k for k in keys}
        out: dict[Any, int] = {}
        for chunk in _chunks(list(texts), 500):
            marks = ", ".join("?" * len(chunk))
            found = self.db.execute(
                f"SELECT key, row FROM seen WHERE kind = ? AND key IN ({marks})",  # noqa: S608 - only marks
                [kind, *chunk],
            )
            out.update((texts[key], row) for key, row in found)
        return out

    def add(self, kind: int, keys: dict[Any, int]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO seen VALUES (?, ?, ?)",
            ((kind, repr(k), row) for k, row in keys.items()),
        )

    def link(self, items: Iterable[tuple[str, Any, dict[str, Any]]]) -> None:
        self.db.executemany(
            "INSERT INTO link VALUES (?, ?, ?)",
            ((name, value, pickle.dumps(row)) for name, value, row in items),
        )

    def linked(self, match: dict[str, Any]) -> list[dict[str, Any]]:
        """The field values of earlier chunks' rows whose foreign key `match` names."""
        ((name, value),) = match.items()
        found = self.db.execute(
            "SELECT row FROM link WHERE name = ? AND value = ?", [name, repr(value)]
        )
        return [pickle.loads(row) for (row,) in found]  # noqa: S301 - written by this import

    def close(self) -> None:
        self.db.close()
        self.folder.cleanup()


class _Accepted:
    """The rows of the chunk being validated (see `validated_rows`)."""

    def __init__(self, model: Any, keys: _Keys | None) -> None:
        self.model, self.keys = model, keys
        self.objs: list[Any] = []
        self.links = [
            f.attname
            for f in model._meta.concrete_fields
            if f.is_relation and not f.many_to_many and f.related_model is not Area
        ]

    def next_chunk(self) -> None:
        """Earlier chunks' rows leave memory; those with a foreign key stay findable by it,
        with their plain field values."""
        if self.keys is not None:
            self.keys.link(
                (name, repr(value), self._values(obj))
                for obj in self.objs
                for name in self.links
                if (value := getattr(obj, name)) is not None
            )
        self.objs = []

    def _values(self, obj: Any) -> dict[str, Any]:
        return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


class _State:
    def __init__(self, registry: Registry, keys: _Keys | None) -> None:
        self.keys = keys
        self.accepted = _Accepted(registry.model, keys)

    def next_chunk(self) -> None:
        self.accepted.next_chunk()


# Called with the importing scope's area (None: the whole platform) once an import that wrote
# something has committed: apps register what must follow a batch of writes (the indicators app
# queues the recomputation of the cached figures, so that the first reader finds them warm).
AFTER_IMPORT: list[Callable[[Area | None], None]] = []


def import_table(
    *,
    registry: Registry,
    table: Table,
    actor: Any,
    filename: str,
    progress: Progress | None = None,
    via: str = "import",
    check_only: bool = False,
) -> ImportResult:
    """Import `table` into `registry` inside the active scope. With `check_only` nothing is
    written: the result counts what an import would create, update and leave unchanged.

    The rows are read once, in chunks of `XINGCUN_IMPORT_CHUNK_ROWS`: each chunk is validated
    (what later chunks need to know, the keys seen so far, goes to a temporary SQLite file) and
    its rows are staged in a temporary table of the database, so memory stays flat whatever the
    file's length. Only when every chunk is valid are the staged rows copied into the table, in
    one short transaction. A register whose rows may name rows of the same file (an organisation's
    parent) is validated in one chunk and written as before."""
    from xingcun.core import reading

    headers = local_headers(registry, table.headers)
    table = reading.canonical(registry, dataclasses.replace(table, headers=headers))
    expected = table.size
    result = ImportResult(total=expected, check_only=check_only)
    result.errors = _header_errors(registry, table)
    if result.errors:
        return result
    report = progress or (lambda done, total: None)
    errors = _Errors()
    staged = _stageable(registry)
    size = max(int(settings.XINGCUN_IMPORT_CHUNK_ROWS), 1) if staged else 0
    state = _State(registry, keys=_Keys() if staged else None)
    stage = _Stage(registry) if staged and not check_only else None
    token = _validated.set(state.accepted)
    rows: list[_Row] = []
    done = 0
    with reading.fewer_collections():
        try:
            source = iter(table.rows)
            while chunk := list(itertools.islice(source, size) if size else source):
                start, count = done, len(chunk)
                overall = max(expected, start + count)

                def within(d: int, t: int, start: int = start, overall: int = overall) -> None:
                    report(start + d, overall)

                part = Table(table.headers, chunk, table.header_row)
                del chunk
                rows = _validate(registry, part, result, errors, within, state)
                done += count
                if stage is not None and not errors.items:
                    stage.add(rows)
                    rows = []
                state.next_chunk()
                errors.trim()
                report(done, max(expected, done))
            result.total = done
            if errors.items:
                result.errors = errors.ordered()
                result.created = result.updated = result.unchanged = 0
                return result
            if check_only:
                return result
            try:
                if stage is not None:
                    stage.write(result, actor=actor, filename=filename, via=via)
                else:
                    _write(registry, rows, result, actor=actor, filename=filename, via=via)
            except IntegrityError:
                result.errors = [
                    gettext(
                        "写入时发现与已有记录重复（可能有人同时导入了相同的记录），"
                        "文件未导入，请重新导入一次"
                    )
                ]
                result.created = result.updated = result.unchanged = 0
            report(result.total, result.total)
            return result
        finally:
            _validated.reset(token)
            if stage is not None:
                stage.close()
            if state.keys is not None:
                state.keys.close()


# The rows of the file validated so far, not yet written: a model's clean() that counts rows of
# the database (a household's members) counts these too, as the row-by-row import did.
_validated: ContextVar[_Accepted | None] = ContextVar("xingcun_import_validated", default=None)


def validated_rows(model: type[models.Model], **match: Any) -> list[Any]:
    """Unsaved rows of `model` that the running import has already accepted (empty outside one).

    With `match` (one foreign key, e.g. `household_id=7`) the rows of earlier chunks count too:
    they are no longer in memory and come back as unsaved copies with their field values."""
    accepted = _validated.get()
    if accepted is None:
        return []
    here = [
        obj
        for obj in accepted.objs
        if isinstance(obj, model) and all(getattr(obj, k) == v for k, v in match.items())
    ]
    if not match or accepted.keys is None or not issubclass(accepted.model, model):
        return here
    return [*here, *(accepted.model(**values) for values in accepted.keys.linked(match))]


def _validate(
    registry: Registry,
    table: Table,
    result: ImportResult,
    errors: _Errors,
    report: Progress,
    state: _State,
) -> list[_Row]:
    """Validate one chunk of the file; `state` holds what earlier chunks left for later ones."""
    rows_of: list[tuple[int, list[Any]]] = table.rows  # type: ignore[assignment]  # a chunk
    total = len(rows_of)
    numbers = [number for number, _ in rows_of]
    index = {h: i for i, h in enumerate(table.headers) if h}
    writable = [c for c in registry.columns if not c.readonly]
    natural_keys: dict[str, int] = {}
    own = any(  # a column naming rows of this register (an organisation's parent)
        isinstance(c, RefColumn)
        and c.bulk
        and registry.model._meta.get_field(c.field).related_model is registry.model
        for c in writable
    )
    if own and len(registry.natural_key) == 1:
        key_column = next((c for c in writable if c.field == registry.natural_key[0]), None)
        if key_column is not None:
            texts = _texts(registry, table, index.get(str(key_column.header)), key_column)
            for pos, text in enumerate(texts):
                if isinstance(text, str) and text:
                    natural_keys.setdefault(text.upper(), numbers[pos])
    # 1. every column at once: distinct texts, parsed or resolved once each
    columns: list[tuple[Column, list[Any], bool]] = []
    for done, column in enumerate(writable, start=1):
        texts = _texts(registry, table, index.get(str(column.header)), column)
        distinct = {t for t in texts if isinstance(t, str) and t and t is not FORMULA}
        if isinstance(column, AreaColumn):
            resolved = _resolve_areas(column, distinct)
        elif isinstance(column, RefColumn) and column.bulk:
            resolved = _resolve_refs(registry, column, distinct, natural_keys)
        else:
            resolved = _parse_column(column, distinct)
        blank = _Problem(gettext("必填")) if column.required else _Empty(column.empty())
        formula = _Problem(gettext("不允许使用公式，请填写数值或文字"))
        # whether any cell is a problem, an empty cell or a row of the file (else: plain values)
        special = any(type(v) in _MARKERS for v in resolved.values())
        cells_of: list[Any] = []
        for text in texts:
            if text is FORMULA:
                cells_of.append(formula)
                special = True
            elif not text or type(text) is _Problem:
                cells_of.append(text or blank)
                special = True
            else:
                cells_of.append(resolved[text])
        columns.append((column, cells_of, special))
        report(total * done // (len(writable) * 4), total)
    rows_of.clear()  # the cells live on in the columns only: memory stays near one copy
    # 2. rows: values (column by column), the registry's defaults, in-file duplicates. Errors
    # are listed by row and, within a row, by column, whichever order they are found in.
    values_of: list[dict[str, Any]] = [{} for _ in numbers]
    bad: set[int] = set()
    above_of: dict[int, dict[str, str]] = {}
    for column, cells, special in columns:
        name = column.field
        if not special:
            for values, value in zip(values_of, cells, strict=True):
                values[name] = value
            continue
        header = str(column.header)
        for pos, value in enumerate(cells):
            kind = type(value)
            if kind is _Problem:
                errors.add(numbers[pos], header, value.message)
                bad.add(pos)
            elif kind is _Empty:
                values_of[pos][name] = value.copy()
            elif kind is _Above:
                above_of.setdefault(pos, {})[name] = value.key
                values_of[pos][name] = None
            else:
                values_of[pos][name] = value
        cells.clear()
    columns.clear()
    pending: list[tuple[int, dict[str, Any], tuple[Any, ...], dict[str, str]]] = []
    seen: dict[tuple[Any, ...], int] = {}
    key_header = registry.header_of(registry.natural_key[0])
    prepare, natural = registry.prepare, registry.natural_key
    for pos, number in enumerate(numbers):
        values = values_of[pos]
        values_of[pos] = _DONE  # the row's values live on in `pending` only
        if pos in bad:
            continue
        try:
            if prepare:
                prepare(values)
        except ValidationError as e:
            for header, message in validation_messages(registry, e):
                errors.add(number, header, message)
            continue
        key = tuple(getattr(values.get(k), "pk", values.get(k)) for k in natural)
        if key in seen:
            errors.add(number, key_header, gettext("与第%(row)s行重复") % {"row": seen[key]})
            continue
        seen[key] = number
        pending.append((number, values, key, above_of.get(pos, {})))
    del values_of
    if state.keys is not None and pending:  # the same key in an earlier chunk
        earlier = state.keys.first_rows(0, seen)
        if earlier:
            for number, _, key, _ in pending:
                if key in earlier:
                    errors.add(
                        number, key_header, gettext("与第%(row)s行重复") % {"row": earlier[key]}
                    )
            pending = [p for p in pending if p[2] not in earlier]
        state.keys.add(0, seen)
    report(total // 2, total)
    # 3. the rows these keys name today, wherever they are
    existing = _existing(registry, [key for _, _, key, _ in pending])
    rows: list[_Row] = []
    model = registry.model
    now = timezone.now()
    build = _builder(model)
    candidates: list[_Candidate] = []
    for done, (number, values, key, above) in enumerate(pending, start=1):
        pending[done - 1] = _DONE  # the row's values live on in its object only
        obj: Any = existing.get(key)
        if obj is not None:
            owner = getattr(obj, registry.area_field, None)
            if isinstance(owner, Area) and not in_scope(owner):
                errors.add(number, key_header, gettext("该记录属于您辖区之外，不能导入修改"))
                continue
        new = obj is None
        obj = build.new() if new else obj
        before = None if new else build.snapshot(obj)
        later = build.apply(obj, values)
        skip = {
            name
            for name, value in values.items()
            if isinstance(value, models.Model) and value.pk is not None
        }
        try:
            check_writable(obj)
        except ValidationError as e:
            for header, message in validation_messages(registry, e):
                errors.add(number, header, message)
            continue
        candidates.append(_Candidate(number, obj, new, before, later, above, skip | set(above)))
    del pending
    # 4. each field's check over the whole column, then the model's clean() and the check
    # constraints row by row (in file order: a row's clean() counts the rows accepted above it)
    field_errors = build.clean_fields(candidates)
    for done, (candidate, failed) in enumerate(zip(candidates, field_errors, strict=True), 1):
        if done % 5000 == 0:
            report(total // 2 + done * total // (4 * max(len(candidates), 1)), total)
        number, obj = candidate.number, candidate.obj
        try:
            obj.clean()
        except ValidationError as e:
            failed = e.update_error_dict(failed or {})
        if failed:
            for header, message in validation_messages(registry, ValidationError(failed)):
                errors.add(number, header, message)
            continue
        broken = constraints.violations(model, obj)
        if broken:
            for error in broken:
                for header, message in validation_messages(
                    registry, ValidationError({NON_FIELD_ERRORS: error.error_list})
                ):
                    errors.add(number, header, message)
            continue
        changes: dict[str, Any] = {}
        if candidate.before is not None:
            changes = build.changes(candidate.before, obj, candidate.later)
            if not changes and not candidate.above:
                result.unchanged += 1
                continue
            obj.updated_at = now
        rows.append(_Row(number, obj, candidate.new, candidate.later, changes, candidate.above))
        state.accepted.objs.append(obj)
    candidates.clear()
    _link_above(registry, rows, errors)
    _check_unique(registry, rows, errors, state.keys)
    _check_other_constraints(registry, rows, errors)
    created = sum(1 for r in rows if r.new)
    result.created += created
    result.updated += len(rows) - created
    report(total * 3 // 4, total)
    return rows


_DONE: Any = None


@dataclass(slots=True)
class _Candidate:
    """A row whose values are set on its object, before the object is checked."""

    number: int
    obj: Any
    new: bool
    before: tuple[Any, ...] | None  # the stored row's values (`_Builder.snapshot`)
    later: dict[str, Any]
    above: dict[str, str]
    skip: set[str]  # fields not checked: references already resolved, rows of the same file


_SIMPLE = (str, int, bool, type(None), dt.date)  # == on these says whether audit.plain differs


class _Builder:
    """The objects of an import's rows, made and checked as `Model()`, `setattr` and
    `full_clean()` would, for a fraction of their cost:

    - a new object is the model's defaults copied into a fresh instance (`Model.__init__` asks
      every field for its default on every row); models with their own `__init__` or with
      init signals get `Model()`;
    - each field's `clean()` runs over the whole column (`clean_fields`): a value repeated on
      10,000 rows is cleaned once, and a text value is checked by its length, its characters
      and the field's own validators directly, Django's `clean()` being called only when one of
      them fails (so the error is Django's own);
    - a stored row's audit snapshot is its raw field values, converted for the audit only where
      they changed (`audit.snapshot` converts every value of every row, twice)."""

    def __init__(self, model: Any) -> None:
        from django.db.models import signals

        meta = model._meta
        self.model = model
        self.fast = (
            model.__init__ is models.Model.__init__
            and not signals.pre_init.has_listeners(model)
            and not signals.post_init.has_listeners(model)
        )
        self.defaults: dict[str, Any] = {}
        self.made: list[tuple[str, Any]] = []  # (attname, field) whose default is made per row
        for f in meta.concrete_fields:
            if getattr(f, "generated", False):
                continue
            if (f.has_default() and callable(f.default)) or f.has_db_default():
                self.made.append((f.attname, f))
            else:
                self.defaults[f.attname] = f.get_default()
        self.m2m = {f.name for f in meta.many_to_many}
        # plain fields: setattr() writes the instance's __dict__ (Django's descriptor of a plain
        # field has no __set__); a field with a descriptor of its own (a file) goes by setattr()
        self.plain = {
            f.name: f.attname
            for f in meta.concrete_fields
            if not f.is_relation
            and not hasattr(type(inspect.getattr_static(model, f.attname, None)), "__set__")
        }
        # foreign keys set as their descriptor would (see `_relate`)
        self.foreign: dict[str, tuple[str, str, str, Any]] = {}
        for f in meta.concrete_fields:
            if (
                f.many_to_one
                and type(inspect.getattr_static(model, f.name, None)) is ForwardManyToOneDescriptor
                and type(inspect.getattr_static(model, f.attname, None))
                is ForeignKeyDeferredAttribute
                and len(f.related_fields) == 1
                and f.related_fields[0][0] is f
                and type(f).set_cached_value is FieldCacheMixin.set_cached_value
            ):
                target = f.related_fields[0][1].attname
                related = f.remote_field.model._meta.concrete_model
                self.foreign[f.name] = (f.attname, target, f.cache_name, related)
        self.routed = True  # whether a database router is configured (`_builder` says)
        self.checks = [_FieldCheck(f) for f in meta.fields if not getattr(f, "generated", False)]
        self.audited = [
            f for f in meta.concrete_fields if f.name not in {"created_at", "updated_at", "id"}
        ]
        self.audit_values = operator.attrgetter(*(f.attname for f in self.audited))

    def new(self) -> Any:
        if not self.fast:
            return self.model()
        obj = self.model.__new__(self.model)
        obj._state = ModelState()
        attributes = obj.__dict__
        attributes.update(self.defaults)
        for attname, f in self.made:
            attributes[attname] = f.get_default()
        return obj

    def apply(self, obj: Any, values: dict[str, Any]) -> dict[str, Any]:
        """`registry.apply_values`: plain fields set, many-to-many values returned."""
        later: dict[str, Any] = {}
        attributes = obj.__dict__
        for name, value in values.items():
            if name in self.m2m:
                later[name] = value
            elif name in self.plain:
                attributes[self.plain[name]] = value  # what setattr does for a plain field
            elif name in self.foreign and not self.routed:
                self._relate(obj, name, value)
            else:
                setattr(obj, name, value)  # a relation's descriptor, a property
        return later

    def _relate(self, obj: Any, name: str, value: Any) -> None:
        """`obj.<name> = value` for a foreign key, without database routers, as Django's
        ForwardManyToOneDescriptor.__set__ does it: the id, the related object in the cache, both
        objects on the same database. Anything unusual goes through the descriptor itself."""
        attname, target, cache_name, related = self.foreign[name]
        state = obj._state
        cache = state.fields_cache
        if value is None:
            if cache.get(cache_name) is not None:  # an old related object to let go of
                setattr(obj, name, value)
                return
            obj.__dict__[attname] = None
            cache[cache_name] = None
            return
        if not isinstance(value, related):
            setattr(obj, name, value)  # Django says what is wrong
            return
        theirs = value._state
        if state.db is None:
            state.db = theirs.db or DEFAULT_DB_ALIAS
        if theirs.db is None:
            theirs.db = state.db
        if theirs.db != state.db:
            setattr(obj, name, value)  # Django refuses the relation
            return
        obj.__dict__[attname] = getattr(value, target)
        cache[cache_name] = value

    def clean_fields(self, candidates: list[_Candidate]) -> list[dict[str, Any] | None]:
        """The field errors of each row (`full_clean()`'s `clean_fields`), column by column."""
        failed: list[dict[str, Any] | None] = [None] * len(candidates)
        for check in self.checks:
            check.run(candidates, failed)
        return failed

    def snapshot(self, obj: Any) -> tuple[Any, ...]:
        values = self.audit_values(obj)
        return values if len(self.audited) > 1 else (values,)

    def changes(self, before: tuple[Any, ...], obj: Any, later: dict[str, Any]) -> dict[str, Any]:
        """`audit.diff(audit.snapshot(stored), audit.snapshot(obj) + later)`."""
        out: dict[str, Any] = {}
        after = self.snapshot(obj)
        for f, old, value in zip(self.audited, before, after, strict=True):
            if old is value or (type(old) is type(value) and type(old) in _SIMPLE and old == value):
                continue
            old, value = _audited(f, old), _audited(f, value)
            if old != value:
                out[f.name] = [old, value]
        if later:
            for m2m in obj._meta.many_to_many:  # the others are the stored ones, unchanged
                if m2m.name in later:
                    old = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
                    value = sorted(a.pk for a in later[m2m.name])
                    if old != value:
                        out[m2m.name] = [old, value]
        return out


def _audited(f: Any, value: Any) -> Any:
    """A field's value as `audit.snapshot` records it."""
    if f.is_relation:
        return value
    if isinstance(f, models.DecimalField) and value is not None:
        return str(Decimal(value).quantize(Decimal(1).scaleb(-f.decimal_places)))
    return audit.plain(value)


_builders: dict[Any, _Builder] = {}


def _builder(model: Any) -> _Builder:
    if model not in _builders:
        _builders[model] = _Builder(model)
    build = _builders[model]
    build.routed = bool(router.routers)
    return build


class _FieldCheck:
    """One field's part of `full_clean()`, over a column: `Field.clean()` once per distinct value,
    or for text, the checks that `clean()` would make, made directly."""

    def __init__(self, f: Any) -> None:
        from django.core import validators

        self.field = f
        self.name, self.attname = f.name, f.attname
        self.blank, self.empty = f.blank, f.empty_values
        self.relation = f.is_relation
        kind = type(f)
        self.text = (
            isinstance(f, models.CharField | models.TextField)
            and kind.to_python in (models.CharField.to_python, models.TextField.to_python)
            and kind.clean is models.Field.clean
            and kind.validate is models.Field.validate
            and kind.run_validators is models.Field.run_validators
        )
        self.editable, self.required = f.editable, not f.blank
        self.choices: set[Any] | None = None
        if self.text and f.choices is not None:
            try:
                self.choices = {k for k, v in f.flatchoices}
            except TypeError:  # an unhashable choice
                self.text = False
        self.longest: int | None = None
        self.no_nul = False
        self.validators: list[Any] = []
        if self.text:
            for v in f.validators:
                if type(v) is validators.MaxLengthValidator and not callable(v.limit_value):
                    longest = v.limit_value
                    self.longest = longest if self.longest is None else min(self.longest, longest)
                elif type(v) is validators.ProhibitNullCharactersValidator:
                    self.no_nul = True
                else:
                    self.validators.append(v)

    def run(self, candidates: list[_Candidate], failed: list[dict[str, Any] | None]) -> None:
        name, attname, blank, empty = self.name, self.attname, self.blank, self.empty
        memo: dict[Any, tuple[Any, ValidationError | None]] = {}
        text, relation = self.text, self.relation
        # what Field.clean() checks of a text (`text`), unpacked for the loop
        either = not (self.editable and self.required)  # "" passes
        choices = self.choices if self.editable else None
        longest, no_nul, validators = self.longest, self.no_nul, self.validators
        for index, candidate in enumerate(candidates):
            if name in candidate.skip:
                continue
            obj = candidate.obj
            attributes = obj.__dict__  # a foreign key's attribute is a data descriptor: skip it
            raw = attributes[attname] if attname in attributes else getattr(obj, attname)
            if blank and raw in empty:
                continue
            if (
                text
                and type(raw) is str
                and (
                    either
                    if raw == ""
                    else (
                        (choices is None or raw in choices)
                        and (longest is None or len(raw) <= longest)
                        and not (no_nul and "\x00" in raw)
                        and (not validators or self._validated(raw))
                    )
                )
            ):
                continue  # clean() would return it as it is
            remember, remembered = not relation, None  # a relation's check reads the database
            if remember:
                try:
                    remembered = memo.get(raw)
                except TypeError:  # an unhashable value (JSON)
                    remember = False
            if remembered is None:
                try:
                    remembered = (self.field.clean(raw, obj), None)
                except ValidationError as e:
                    remembered = (raw, e)
                if remember:
                    memo[raw] = remembered
            cleaned, error = remembered
            if error is not None:
                errors = failed[index]
                if errors is None:
                    errors = failed[index] = {}
                errors[name] = list(error.error_list)
            else:
                setattr(obj, attname, cleaned)

    def _validated(self, value: str) -> bool:
        """Whether the field's other validators accept `value`."""
        try:
            for validator in self.validators:
                validator(value)
        except ValidationError:
            return False
        return True


class _Empty:
    """The value of an empty cell (a fresh list for every row of a many-to-many column)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def copy(self) -> Any:
        return list(self.value) if isinstance(self.value, list) else self.value


_MARKERS = (_Problem, _Above, _Empty)  # the cells of a column that are no plain value


def _existing(registry: Registry, keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], Any]:
    """The stored rows with these natural keys, across all areas (natural keys are global)."""
    model = registry.model
    fields = [model._meta.get_field(k) for k in registry.natural_key]
    attnames = [f.attname for f in fields]  # type: ignore[union-attr]
    related = [
        n for n in (registry.area_field,) if n in {f.name for f in model._meta.concrete_fields}
    ]
    related = [n for n in related if model._meta.get_field(n).is_relation]
    wanted = set(keys)

    def read() -> dict[tuple[Any, ...], Any]:
        out: dict[tuple[Any, ...], Any] = {}
        for chunk in _chunks(sorted(wanted, key=repr)):
            query = models.Q()
            for i, a in enumerate(attnames):
                values = {k[i] for k in chunk}
                part = models.Q(**{f"{a}__in": values - {None}})
                if None in values:  # a blank part of the key: IS NULL, as the ORM's `a=None`
                    part |= models.Q(**{f"{a}__isnull": True})
                query &= part
            for obj in model._default_manager.filter(query).select_related(*related):
                key = tuple(getattr(obj, a) for a in attnames)
                if key in wanted:
                    out.setdefault(key, obj)
        return out

    return _everywhere(read) if keys else {}


def _link_above(registry: Registry, rows: list[_Row], errors: _Errors) -> None:
    """Point references to rows of the same file at those rows (created first)."""
    if not any(r.above for r in rows):
        return
    by_key = {str(getattr(r.obj, registry.natural_key[0])).upper(): r for r in rows}
    for row in rows:
        for name, key in row.above.items():
            target = by_key.get(key.upper())
            if target is None or target.number >= row.number:
                errors.add(
                    row.number,
                    registry.header_of(name),
                    gettext("引用的“%(value)s”须写在本行之前的行中，或先登记") % {"value": key},
                )
                continue
            setattr(row.obj, name, target.obj)
            row.changes[name] = [None, key]


def _unique_sets(model: Any) -> list[tuple[tuple[str, ...], Any]]:
    sets: list[tuple[tuple[str, ...], Any]] = [
        ((f.name,), None) for f in model._meta.concrete_fields if f.unique and not f.primary_key
    ]
    sets += [(tuple(names), None) for names in model._meta.unique_together]
    for c in model._meta.constraints:
        if isinstance(c, models.UniqueConstraint) and c.fields and not c.condition:
            sets.append((tuple(c.fields), c))
    return sets


def _check_unique(
    registry: Registry, rows: list[_Row], errors: _Errors, keys: _Keys | None = None
) -> None:
    """Unique fields and constraints: inside the file (earlier chunks included), then against
    the database in bulk."""
    model = registry.model
    for kind, (names, constraint) in enumerate(_unique_sets(model), start=1):
        fields = [model._meta.get_field(n) for n in names]
        attnames = [f.attname for f in fields]  # type: ignore[union-attr]
        header = registry.header_of(names[0]) if len(names) == 1 else ""
        values: dict[tuple[Any, ...], _Row] = {}
        get = operator.attrgetter(*attnames)
        single = len(attnames) == 1
        for row in rows:
            key = (get(row.obj),) if single else get(row.obj)
            if None in key:
                continue
            if key in values:
                first = values[key].number
                errors.add(row.number, header, gettext("与第%(row)s行重复") % {"row": first})
                continue
            values[key] = row
        if names == registry.natural_key or not values:
            continue  # the natural key was matched against the database already
        if keys is not None:
            earlier = keys.first_rows(kind, {k: r.number for k, r in values.items()})
            for key, first in earlier.items():
                errors.add(
                    values.pop(key).number, header, gettext("与第%(row)s行重复") % {"row": first}
                )
            keys.add(kind, {k: r.number for k, r in values.items()})
        wanted = list(values)

        def read(
            attnames: list[str] = attnames, wanted: list[Any] = wanted
        ) -> dict[tuple[Any, ...], Any]:
            stored: dict[tuple[Any, ...], Any] = {}
            for chunk in _chunks(wanted):
                lookup = {f"{attnames[0]}__in": {k[0] for k in chunk}}
                for found in model._default_manager.filter(**lookup).values_list("pk", *attnames):
                    stored[tuple(found[1:])] = found[0]
            return stored

        stored = _everywhere(read)
        for key, row in values.items():
            pk = stored.get(key)
            if pk is None or pk == row.obj.pk:
                continue
            if constraint is not None and constraint.violation_error_message not in (
                None,
                constraint.default_violation_error_message,
            ):
                error = ValidationError(constraint.get_violation_error_message())
            else:
                error = row.obj.unique_error_message(model, names)
            target = names[0] if len(names) == 1 else NON_FIELD_ERRORS
            for head, message in validation_messages(registry, ValidationError({target: error})):
                errors.add(row.number, head or header, message)


def _check_other_constraints(registry: Registry, rows: list[_Row], errors: _Errors) -> None:
    """Unique constraints with a condition or expressions: the database checks each row."""
    model = registry.model
    special = [
        c
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and (c.condition or c.expressions)
    ]
    for constraint in special:
        for row in rows:
            try:
                constraint.validate(model, row.obj)
            except ValidationError as e:
                for header, message in validation_messages(registry, e):
                    errors.add(row.number, header, message)


def _write(
    registry: Registry,
    rows: list[_Row],
    result: ImportResult,
    *,
    actor: Any,
    filename: str,
    via: str,
) -> None:
    model = registry.model
    creates = [r for r in rows if r.new]
    updates = [r for r in rows if not r.new]
    fields = sorted(
        {
            f.name
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name != "created_at"
        }
    )
    # Everything that can be prepared is prepared before the transaction: the write lock covers
    # the statements only.
    waves = _waves(creates)
    prepared: list[tuple[Any, ...]] | None = None
    connection = connections[router.db_for_write(model)]
    numbered = isinstance(model._meta.pk, AutoFieldMixin) and connection.vendor in _NUMBERED
    ids: list[int] = []
    if len(waves) == 1 and len(registry.natural_key) == 1:
        prepared = _insert_values(model, [r.obj for r in waves[0]])
        if numbered and connection.vendor == "postgresql":  # ids taken before, not under lock
            ids = _sequence_ids(model, connection, len(prepared))
    label = model._meta.label_lower
    started = time.perf_counter()
    with audit.via(via), transaction.atomic():
        if prepared is not None and numbered:
            objs = [r.obj for r in waves[0]]
            if connection.vendor == "sqlite":  # BEGIN IMMEDIATE: no other writer until commit
                first = _next_sqlite_id(model, connection)
                ids = list(range(first, first + len(objs)))
            _execute_insert(
                model, [(i, *row) for i, row in zip(ids, prepared, strict=True)], pk=True
            )
            for obj, pk in zip(objs, ids, strict=True):
                obj.pk = pk
                obj._state.adding, obj._state.db = False, connection.alias
        elif prepared is not None:
            _execute_insert(model, prepared)
            _read_ids(registry, [r.obj for r in waves[0]])
        else:
            # rows named by rows below them first (an organisation before its branches)
            for wave in waves:
                objs = [r.obj for r in wave]
                if len(registry.natural_key) != 1:
                    model._default_manager.bulk_create(objs, batch_size=1000)
                    continue
                for obj in objs:  # references to earlier waves take their ids
                    obj._prepare_related_fields_for_save(operation_name="bulk_create")
                _execute_insert(model, _insert_values(model, objs))
                _read_ids(registry, objs)
        for r in updates:
            for name in r.above:
                setattr(r.obj, name, getattr(r.obj, name))  # the parent's pk, now known
        if updates:
            model._default_manager.bulk_update([r.obj for r in updates], fields, batch_size=1000)
        for r in rows:
            for name, value in r.later.items():
                getattr(r.obj, name).set(value)
        if rows:
            details = [_detail(r) for r in rows[:AUDIT_DETAIL_LIMIT]]
            entry = _log_import(actor, registry.key, filename, result, details)
            targets = [(entry.pk, label, str(r.obj.pk)) for r in rows]
            _execute_insert(AuditTarget, targets, ("entry", "model", "object_id"))
    result.write_seconds = result.register_lock_seconds = time.perf_counter() - started


def _insert_fields(model: Any, names: Sequence[str] = ()) -> list[Any]:
    if names:
        return [model._meta.get_field(n) for n in names]
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _insert_values(
    model: Any,
    objs: list[Any],
    *,
    now: dt.datetime | None = None,
    first: Sequence[Any] | None = None,
) -> list[tuple[Any, ...]]:
    """The values of new rows as Django's save() prepares them: auto_now fields get one moment
    for the whole import, text, numbers and references pass as they are, dates and anything else
    through the field's own get_db_prep_save (once per distinct value where it depends on the
    value only). Built column by column; `first` is a column put before the others (the ids)."""
    connection = connections[router.db_for_write(model)]
    fields = _insert_fields(model)
    now = now or timezone.now()
    plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)
    columns: list[Iterable[Any]] = [] if first is None else [first]
    for f in fields:
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            for obj in objs:
                setattr(obj, f.attname, now)
            columns.append(itertools.repeat(f.get_db_prep_save(now, connection), len(objs)))
        elif (f.is_relation and not f.many_to_many) or (
            isinstance(f, plain) and type(f).get_db_prep_save is models.Field.get_db_prep_save
        ):
            columns.append(_plain_column(f, objs))
        elif _by_value(f):
            columns.append(_prepared_column(f, objs, connection))
        else:
            columns.append([f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in objs])
    return list(zip(*columns, strict=True))


_PLAIN_TYPES = (str, int, bool)


def _plain_column(f: Any, objs: list[Any]) -> list[Any]:
    """The stored values of a text, number, boolean or reference field: the attribute itself
    when it has its Python type already (the column parsers and full_clean gave it)."""
    prep = f.get_prep_value
    return [
        raw if raw is None or type(raw) in _PLAIN_TYPES else prep(raw)
        for raw in map(operator.attrgetter(f.attname), objs)
    ]


def _by_value(f: Any) -> bool:
    """Whether a field's pre_save() is its attribute and get_db_prep_save() a function of it."""
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return False
    return type(f).pre_save in (
        models.Field.pre_save,
        models.DateField.pre_save,
        models.DateTimeField.pre_save,
    ) and isinstance(f, models.DateField)


def _prepared_column(f: Any, objs: list[Any], connection: Any) -> list[Any]:
    """A date (or date and time) column, each distinct value prepared once."""
    memo: dict[Any, Any] = {}
    out: list[Any] = []
    prepare = f.get_db_prep_save
    for raw in map(operator.attrgetter(f.attname), objs):
        key = (type(raw), raw)  # 1 and 1.0, a date and a datetime: each its own
        try:
            stored = memo[key]
        except KeyError:
            stored = memo[key] = prepare(raw, connection)
        out.append(stored)
    return out


_NUMBERED = ("sqlite", "postgresql")


def _sequence_ids(model: Any, connection: Any, count: int) -> list[int]:
    """`count` ids from the table's sequence (PostgreSQL), taken outside the write transaction."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _next_sqlite_id(model: Any, connection: Any) -> int:
    """The first free id of an AUTOINCREMENT table: above every id it has ever given."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT max(coalesce((SELECT max({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}), 0), "  # noqa: S608 - model names
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [model._meta.db_table],
        )
        return int(cursor.fetchone()[0]) + 1


def _execute_insert(
    model: Any, rows: list[tuple[Any, ...]], names: Sequence[str] = (), *, pk: bool = False
) -> None:
    """INSERT `rows` with one prepared statement (executemany) on SQLite, COPY on PostgreSQL:
    Django's bulk_create compiles SQL for every batch of ~100 rows on SQLite, which made the write
    lock several times longer."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = ([model._meta.pk] if pk else []) + _insert_fields(model, names)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: one stream, no round trip per row
            copy_sql = "COPY {} ({}) FROM STDIN".format(
                quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
            )
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for chunk in _chunks(rows, 5000):
            cursor.executemany(sql, chunk)


def _read_ids(registry: Registry, objs: list[Any]) -> None:
    """The ids of rows just inserted, read back by their natural key."""
    model = registry.model
    key: Any = model._meta.get_field(registry.natural_key[0])
    by_key = {getattr(o, key.attname): o for o in objs}
    keys = list(by_key)
    alias = router.db_for_write(model)

    def read() -> list[tuple[Any, Any]]:
        out: list[tuple[Any, Any]] = []
        for chunk in _chunks(keys):
            found = model._default_manager.using(alias).filter(**{f"{key.attname}__in": chunk})
            out += found.values_list(key.attname, "pk")
        return out

    for value, pk in _everywhere(read):
        obj = by_key[value]
        obj.pk = pk
        obj._state.adding, obj._state.db = False, alias


def _detail(row: _Row) -> dict[str, Any]:
    if row.new:
        return {"row": row.number, "id": row.obj.pk, "created": True}
    return {"row": row.number, "id": row.obj.pk, "changes": row.changes}


def _waves(rows: list[_Row]) -> list[list[_Row]]:
    """New rows in the order their in-file references allow: each wave names only earlier ones."""
    if not any(r.above for r in rows):
        return [rows] if rows else []
    depth: dict[int, int] = {}
    by_obj = {id(r.obj): r for r in rows}

    def level(row: _Row) -> int:
        if row.number not in depth:
            depth[row.number] = 0
            parents = [by_obj.get(id(getattr(row.obj, n))) for n in row.above]
            depth[row.number] = 1 + max((level(p) for p in parents if p), default=-1)
        return depth[row.number]

    waves: dict[int, list[_Row]] = {}
    for row in rows:
        waves.setdefault(level(row), []).append(row)
    return [waves[k] for k in sorted(waves)]


def _scope_area() -> Area | None:
    from xingcun.core.scoping import current_scope_path

    path = current_scope_path()
    return Area.tree.filter(path=path).first() if path else None


def _log_import(
    actor: Any,
    key: str,
    filename: str,
    result: Any,
    details: list[dict[str, Any]],
    committed: list[float] | None = None,
) -> Any:
    """The audit entry of a written import, and the after-import hooks (warming the figures of
    the scope) once the transaction commits; both write paths end with it. `committed` gets the
    moment of the commit (the write lock ends there, before the hooks run)."""
    entry = audit.log(
        actor=actor,
        action=f"{key}.imported",
        area=_scope_area(),
        changes={
            "file": filename,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "rows": details,
        },
    )
    written = _scope_area()

    def after() -> None:
        if committed is not None:
            committed.append(time.perf_counter())
        for hook in AFTER_IMPORT:
            hook(written)

    transaction.on_commit(after)
    return entry


# --- staged writes (large files) ---------------------------------------------------------------------


def _stageable(registry: Registry) -> bool:
    """Whether the rows can be validated in chunks and staged: ids the database numbers, and no
    column naming rows of the same file (those need the whole file to order the inserts)."""
    model = registry.model
    connection = connections[router.db_for_write(model)]
    if not isinstance(model._meta.pk, AutoFieldMixin) or connection.vendor not in _NUMBERED:
        return False
    for column in registry.columns:
        if isinstance(column, RefColumn) and not column.readonly:
            related = model._meta.get_field(column.field).related_model
            if related is model:
                return False
    return True


class _Stage:
    """Validated rows wait in temporary tables of the import's own database connection (on disk
    for SQLite, in the server for PostgreSQL), never in Python: one for new rows, one for changed
    rows, with the columns of the model's table. The write is then two `INSERT … SELECT` /
    `UPDATE … FROM` statements and the audit entry's targets, in one short transaction."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.model: Any = registry.model
        self.connection = connections[router.db_for_write(self.model)]
        self.fields = _insert_fields(self.model)
        self.now = timezone.now()
        suffix = uuid.uuid4().hex[:12]
        self.new_table, self.changed_table = f"xingcun_new_{suffix}", f"xingcun_changed_{suffix}"
        self.created = 0
        self.pg = self.connection.vendor == "postgresql"
        self.details: list[dict[str, Any]] = []
        self.later: list[tuple[bool, int, dict[str, Any]]] = []  # many-to-many values
        self.changed_ids: list[int] = []
        self.made = False
        self.label = self.model._meta.label_lower

    def _quote(self, name: str) -> str:
        return str(self.connection.ops.quote_name(name))

    def _columns(self) -> str:
        return ", ".join(self._quote(f.column) for f in [self.model._meta.pk, *self.fields])

    def _make(self) -> None:
        table = self._quote(self.model._meta.db_table)
        with self.connection.cursor() as cursor:
            for name in (self.new_table, self.changed_table):
                empty = "WITH NO DATA" if self.pg else "LIMIT 0"
                cursor.execute(
                    f"CREATE TEMP TABLE {name} AS SELECT {self._columns()} FROM {table} {empty}"  # noqa: S608 - model names
                )
        self.made = True

    def add(self, rows: list[_Row]) -> None:
        """Stage the rows of one validated chunk (values prepared as Django's save() would)."""
        if not rows:
            return
        if not self.made:
            self._make()
        new = [r for r in rows if r.new]
        changed = [r for r in rows if not r.new]
        if new:
            if self.pg:  # ids from the sequence now, not under the write transaction
                ids = _sequence_ids(self.model, self.connection, len(new))
            else:  # positions, offset by the first free id inside the write transaction
                ids = list(range(self.created + 1, self.created + 1 + len(new)))
            values = _insert_values(self.model, [r.obj for r in new], now=self.now, first=ids)
            self._insert(self.new_table, values)
            for r, pk in zip(new, ids, strict=True):
                self._remember(r, pk)
            self.created += len(new)
        if changed:
            pks = [r.obj.pk for r in changed]
            values = _insert_values(self.model, [r.obj for r in changed], now=self.now, first=pks)
            self._insert(self.changed_table, values)
            for r in changed:
                self._remember(r, r.obj.pk)

    def _remember(self, row: _Row, pk: int) -> None:
        if len(self.details) < AUDIT_DETAIL_LIMIT:
            detail: dict[str, Any] = {"row": row.number, "id": pk}
            detail.update({"created": True} if row.new else {"changes": row.changes})
            self.details.append(detail)
        if row.later:
            self.later.append((row.new, pk, {k: [o.pk for o in v] for k, v in row.later.items()}))

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        with self.connection.cursor() as cursor:
            if self.pg:
                with (
                    self.connection.wrap_database_errors,
                    cursor.cursor.copy(f"COPY {table} ({self._columns()}) FROM STDIN") as copy,
                ):
                    for row in rows:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * (len(self.fields) + 1))
            sql = f"INSERT INTO {table} ({self._columns()}) VALUES ({marks})"  # noqa: S608
            for chunk in _chunks(rows, 5000):
                cursor.executemany(sql, chunk)

    def write(self, result: ImportResult, *, actor: Any, filename: str, via: str) -> None:
        """Copy the staged rows into the table: the only part under the write lock."""
        table = self._quote(self.model._meta.db_table)
        pk = self._quote(self.model._meta.pk.column)
        columns = [self._quote(f.column) for f in self.fields]
        kept = [
            c
            for f, c in zip(self.fields, columns, strict=True)
            if not getattr(f, "auto_now_add", False)
        ]
        started = time.perf_counter()
        committed: list[float] = []
        outermost = not self.connection.in_atomic_block
        with audit.via(via), transaction.atomic(), self.connection.cursor() as cursor:
            offset = 0
            if self.created and not self.pg:  # BEGIN IMMEDIATE: no other writer until commit
                offset = _next_sqlite_id(self.model, self.connection) - 1
            if self.created or result.updated:  # the audit first: its tables block no one
                for detail in self.details:
                    if detail.get("created"):
                        detail["id"] += offset
                entry = _log_import(
                    actor, self.registry.key, filename, result, self.details, committed
                )
                target = self._quote(AuditTarget._meta.db_table)
                entry_column = self._quote(AuditTarget._meta.get_field("entry").column)
                for name, shift in ((self.new_table, offset), (self.changed_table, 0)):
                    cursor.execute(
                        f"INSERT INTO {target} ({entry_column}, model, object_id) "  # noqa: S608
                        f"SELECT %s, %s, CAST({pk} + %s AS TEXT) FROM {name}",
                        [entry.pk, self.label, shift],
                    )
            if self.pg and outermost:
                # PostgreSQL: the foreign keys are checked by each statement instead of at the
                # commit, so that the register's rows are written last and the commit follows
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # PostgreSQL: the register's statement trigger takes its version row at the end of
            # its first statement here, and other writers of the register wait for it from then
            # on; on SQLite they have waited since BEGIN
            written: float | None = None
            # the staged rows are in id order already (no ORDER BY: a sort of every row)
            if self.created:
                with versions.bumped_once(self.model._meta.db_table, using=self.connection.alias):
                    cursor.execute(
                        f"INSERT INTO {table} ({pk}, {', '.join(columns)}) "  # noqa: S608 - model names
                        f"SELECT {pk} + %s, {', '.join(columns)} FROM {self.new_table}",
                        [offset],
                    )
                written = time.perf_counter()
            if result.updated:
                sets = ", ".join(f"{c} = s.{c}" for c in kept)
                cursor.execute(
                    f"UPDATE {table} SET {sets} FROM {self.changed_table} AS s "  # noqa: S608
                    f"WHERE {table}.{pk} = s.{pk}"
                )
                written = written or time.perf_counter()
            for new, key, values in self.later:
                obj = self.model(pk=key + offset if new else key)
                for name, pks in values.items():
                    getattr(obj, name).set(pks)
        # inside a caller's transaction (a test), nothing has committed yet: the time so far
        ended = committed[0] if committed else time.perf_counter()
        result.write_seconds = ended - started
        result.register_lock_seconds = ended - (written if self.pg and written else started)

    def close(self) -> None:
        if not self.made:
            return
        try:
            with self.connection.cursor() as cursor:
                for name in (self.new_table, self.changed_table):
                    cursor.execute(f"DROP TABLE IF EXISTS {name}")
        except DatabaseError:  # the connection is gone or its transaction failed: temp anyway
            pass
