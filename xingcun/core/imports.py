"""Running an import: every row is checked (and written inside one transaction so that rows may
refer to rows above them); if any row fails, the transaction is rolled back and every error is
reported as `第N行 列名: 原因`. If all pass, the rows stay written, with one audit entry.
Re-importing the same file changes nothing: rows are matched on the registry's natural key and
unchanged rows are not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.registry import (
    Registry,
    apply_values,
    check_writable,
    parse_row,
    validation_messages,
)
from xingcun.core.scoping import in_scope
from xingcun.core.tabular import Table

Progress = Callable[[int, int], None]
AUDIT_DETAIL_LIMIT = 2000


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

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
    aliases: dict[str, str] = {}
    for column in registry.columns:
        current = str(column.header)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                aliases.setdefault(str(column.header), current)
    return [aliases.get(h, h) for h in headers]


def _header_errors(registry: Registry, headers: list[str]) -> list[str]:
    known = {c.header for c in registry.columns}
    errors = [
        row_error(1, h, gettext("不是本模板的列，请使用下载的模板"))
        for h in headers
        if h and h not in known
    ]
    errors += [
        row_error(1, str(c.header), gettext("缺少该列"))
        for c in registry.columns
        if c.required and c.header not in headers
    ]
    return errors


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
) -> ImportResult:
    result = ImportResult(total=len(table.rows))
    table = Table(local_headers(registry, table.headers), table.rows)
    result.errors = _header_errors(registry, table.headers)
    if result.errors:
        return result
    seen: dict[tuple[Any, ...], int] = {}
    touched: list[Any] = []
    details: list[dict[str, Any]] = []
    with audit.via(via), transaction.atomic():
        for index, (number, cells) in enumerate(table.rows, start=1):
            if progress and (index % 200 == 0 or index == result.total):
                progress(index, result.total)
            values, problems = parse_row(registry, table.headers, cells)
            if not problems:
                problems = _write_row(registry, values, number, seen, result, touched, details)
            result.errors.extend(row_error(number, col, msg) for col, msg in problems)
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = result.unchanged = 0
            return result
        if result.created or result.updated:
            written = _scope_area()
            transaction.on_commit(lambda: [hook(written) for hook in AFTER_IMPORT])
            entry = audit.log(
                actor=actor,
                action=f"{registry.key}.imported",
                area=_scope_area(),
                changes={
                    "file": filename,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "rows": details[:AUDIT_DETAIL_LIMIT],
                },
            )
            audit.link(entry, touched)
    return result


def _scope_area() -> Area | None:
    from xingcun.core.scoping import current_scope_path

    path = current_scope_path()
    return Area.tree.filter(path=path).first() if path else None


def _write_row(
    registry: Registry,
    values: dict[str, Any],
    number: int,
    seen: dict[tuple[Any, ...], int],
    result: ImportResult,
    touched: list[Any],
    details: list[dict[str, Any]],
) -> list[tuple[str, str]]:
    key = tuple(getattr(values[k], "pk", values[k]) for k in registry.natural_key)
    if key in seen:
        header = registry.header_of(registry.natural_key[0])
        return [(header, gettext("与第%(row)s行重复") % {"row": seen[key]})]
    seen[key] = number
    existing = registry.find_existing(values)
    if existing is not None:
        owner = getattr(existing, registry.area_field, None)
        if owner is not None and not in_scope(owner):
            header = registry.header_of(registry.natural_key[0])
            return [(header, gettext("该记录属于您辖区之外，不能导入修改"))]
    obj = existing if existing is not None else registry.model()
    before = audit.snapshot(obj) if existing is not None else {}
    try:
        if registry.prepare:
            registry.prepare(values)
        later = apply_values(obj, values)
        check_writable(obj)
        obj.full_clean()
    except ValidationError as e:
        return validation_messages(registry, e)
    if existing is not None:
        after = {**audit.snapshot(obj), **{k: sorted(a.pk for a in v) for k, v in later.items()}}
        changes = audit.diff(before, after)
        if not changes:
            result.unchanged += 1
            return []
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        return [("", gettext("与已有记录重复（可能在您的辖区之外）"))]
    for name, value in later.items():
        getattr(obj, name).set(value)
    touched.append(obj)
    if existing is None:
        result.created += 1
        details.append({"row": number, "id": obj.pk, "created": True})
    else:
        result.updated += 1
        details.append({"row": number, "id": obj.pk, "changes": changes})
    return []
