"""Reading and writing spreadsheets: xlsx through openpyxl, CSV through the csv module.

openpyxl reads formulas as formulas (read_only, data_only=False), which lets an import refuse them
instead of trusting a cached value; python-calamine is faster but returns only cached values. CSV
files come from Excel (UTF-8 with BOM, or GBK) and WPS (GBK/GB18030): both are decoded here.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django_stubs_ext import StrOrPromise
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xingcun.core.sheetnames import CHOICES_SHEET, DATA_SHEET, HELP_SHEET

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """A problem with the file as a whole (type, encoding, emptiness, size)."""


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula; imports refuse it."""

    text: str


@dataclass(frozen=True)
class Table:
    headers: list[str]
    # (spreadsheet row number, cells): a list, or for a file on disk an iterator read once by
    # the import (a large file is never held in memory whole)
    rows: Iterable[tuple[int, list[Any]]]
    header_row: int = 1  # as Excel numbers it: title rows above the header count
    total: int | None = None  # the rows an iterator is expected to hold (progress), else len(rows)

    @property
    def size(self) -> int:
        if self.total is not None:
            return self.total
        return len(self.rows) if isinstance(self.rows, Sized) else 0


def neutralise(value: Any) -> Any:
    """Keep a text cell from being read as a formula by Excel or WPS (CSV/formula injection).
    Lazy text (a translated label) becomes text in the request's language."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(DANGEROUS_PREFIXES):
        return value[1:]
    return value


def read_table(
    content: bytes, filename: str, *, max_bytes: int, headers: Sequence[str] = ()
) -> Table:
    """The table of an upload held in memory (see `reading.read_path` for files on disk)."""
    import tempfile
    from pathlib import Path

    from xingcun.core import reading

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(content)
        table = reading.read_path(path, filename, max_bytes=max_bytes, headers=headers)
        # read before the folder goes: an upload held in memory is small
        return dataclasses.replace(table, rows=list(table.rows), total=None)


def cell_text(value: Any) -> str:
    """The text form of a cell as a person typed it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unneutralise(str(value).strip())


def _csv_cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else neutralise(str(value))


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return b"".join(stream_csv(headers, rows))


def stream_csv(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, batch: int = 500
) -> Iterator[bytes]:
    """The CSV in pieces of `batch` rows, so a download starts before the last row is read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(h) for h in headers])
    first = True
    for index, row in enumerate(rows, start=1):
        writer.writerow([_csv_cell(v) for v in row])
        if index % batch == 0:
            yield _take(out, bom=first)
            first = False
    yield _take(out, bom=first)


def _take(out: io.StringIO, *, bom: bool) -> bytes:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    # Excel opens UTF-8 CSV correctly only with a BOM
    return text.encode("utf-8-sig" if bom else "utf-8")


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if len(value.as_tuple().digits) <= 15 else format(value, "f")
    return neutralise(value)


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.BytesIO()
    save_xlsx(headers, rows, out)
    return out.getvalue()


def save_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], target: Any) -> None:
    """Write a workbook row by row (openpyxl write_only: memory stays flat) to a file or path."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    book.save(target)


@dataclass(frozen=True)
class TemplateColumn:
    header: StrOrPromise
    required: bool
    help: StrOrPromise
    choices: Sequence[str] = ()
    prerequisite: StrOrPromise = ""  # what must already be registered for this column to resolve

    def __post_init__(self) -> None:
        # Declared lazily (gettext_lazy); a workbook takes text, in the language of the request.
        for name in ("header", "help", "prerequisite"):
            object.__setattr__(self, name, str(getattr(self, name)))
        object.__setattr__(self, "choices", tuple(str(c) for c in self.choices))


def write_template(
    title: str,
    columns: Sequence[TemplateColumn],
    example: Sequence[Any],
    prerequisites: Sequence[str] = (),
) -> bytes:
    """An import template: the data sheet with dropdowns, an instructions sheet, a choices sheet.

    `prerequisites` are sentences about what must exist before the import; every column that
    refers to other records adds its own."""
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append([c.header for c in columns])
    if example:
        sheet.append([neutralise(v) for v in example])
    choices = book.create_sheet(CHOICES_SHEET)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        if column.choices:
            for row, choice in enumerate(column.choices, start=1):
                choices.cell(row=row, column=index, value=choice)
            validation = DataValidation(
                type="list",
                formula1=f"'{CHOICES_SHEET}'!${letter}$1:${letter}${len(column.choices)}",
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=gettext("输入有误"),
                error=gettext("%(header)s：请从下拉列表中选择") % {"header": column.header},
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}10000")
    choices.sheet_state = "hidden"
    help_sheet = book.create_sheet(HELP_SHEET, 0)
    help_sheet.append([gettext("%(title)s 导入模板 — 填写说明") % {"title": title}])
    help_sheet.append([gettext("在“数据”工作表中填写，每行一条记录；第1行为表头，请勿修改。")])
    help_sheet.append(
        [gettext("同一文件可重复导入：按唯一标识更新已有记录，未变化的记录不会被改动。")]
    )
    help_sheet.append(
        [gettext("任何一行有错误时整个文件都不会写入，系统会按“第N行 列名: 原因”列出全部错误。")]
    )
    before = [*prerequisites] + [
        gettext(
            "“%(header)s”须填写系统中已登记的%(prerequisite)s，请先登记%(prerequisite)s再导入本表。"
        )
        % {"header": c.header, "prerequisite": c.prerequisite}
        for c in columns
        if c.prerequisite
    ]
    if before:
        help_sheet.append([])
        help_sheet.append([gettext("导入前须先登记：")])
        for n, sentence in enumerate(before, start=1):
            help_sheet.append([f"{n}. {sentence}"])
    help_sheet.append([])
    help_sheet.append([gettext("列名"), gettext("是否必填"), gettext("说明"), gettext("可选值")])
    for column in columns:
        help_sheet.append(
            [
                column.header,
                gettext("必填") if column.required else gettext("选填"),
                column.help,
                "、".join(column.choices),
            ]
        )
    for letter, width in (("A", 18), ("B", 10), ("C", 60), ("D", 40)):
        help_sheet.column_dimensions[letter].width = width
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def iter_chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
