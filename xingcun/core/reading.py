"""Reading the spreadsheets offices really produce, from a file on disk.

Values come from python-calamine (xlsx, xls, ods: several times faster than openpyxl). Calamine
returns only cached values, so the formula cells of an xlsx are found by streaming its sheet XML
once (a few MB/s of `zlib`, in bounded memory), which also measures how far the file really
inflates: a decompression bomb is refused before calamine opens it. Those of an .ods come from
its content.xml, those of an .xls from the FORMULA records of its Workbook stream (read with
olefile). CSV is UTF-8 (with or without BOM), GBK or GB18030.

The header row is found by name: title rows, merged title cells and blank rows above it are
skipped, and a workbook's sheet is the template's ("数据"), else the visible sheet that holds the
header (hidden sheets are ignored). Rows keep the number Excel shows.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import difflib
import gc
import itertools
import re
import threading
import unicodedata
import zipfile
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from django.utils.translation import gettext

from xingcun.core.sheetnames import DATA_SHEET
from xingcun.core.tabular import Formula, Table, TableError

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

HEADER_SEARCH_ROWS = 30  # title and blank rows allowed above the header
MAX_INFLATION = 100  # a sheet may inflate to at most this many times the file's size ...
MIN_INFLATION_BYTES = 64 * 1024 * 1024  # ... or this much, whichever is larger
MAX_FORMULA_CELLS = 1000  # formula cells reported per file
# An xlsx whose sheets inflate to less than this is read whole by calamine (about 5 times less
# CPU than streaming its XML in Python; about 60 MB of memory for 100,000 rows of six columns);
# a larger one is streamed, so that memory stays flat.
CALAMINE_BELOW = 48 * 2**20
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
WORKBOOK_EXTENSIONS = (*XLSX_EXTENSIONS, ".xls", ".ods")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# CPython's cyclic collector runs every 700 new container objects and, every so often, walks every
# object alive: reading and importing a file keep hundreds of thousands of cells, values and rows
# alive at once, and the collector walked them again and again (a third of an import's CPU). While
# a file is read or imported, a collection waits for 100,000 new objects instead (the memory they
# may hold is that of about one chunk); the process's thresholds come back when the last ends.
LESS_COLLECTION = (100_000, 50, 50)
_collecting: dict[str, Any] = {"running": 0, "before": None}  # the thresholds before the first
_collecting_lock = threading.Lock()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """A stretch of fewer collections (see LESS_COLLECTION); stretches that overlap (a read inside
    an import, two imports in threads) share one, which ends with the last of them."""
    with _collecting_lock:
        if _collecting["running"] == 0:
            _collecting["before"] = gc.get_threshold()
            gc.set_threshold(*LESS_COLLECTION)
        _collecting["running"] += 1
    try:
        yield
    finally:
        with _collecting_lock:
            _collecting["running"] -= 1
            if _collecting["running"] == 0:
                gc.set_threshold(*_collecting["before"])


def read_path(path: Path, filename: str, *, max_bytes: int, headers: Sequence[str] = ()) -> Table:
    """The table of the file at `path` (named `filename` by its uploader).

    `headers` are the register's column headers, used to find the header row; without them the
    first non-blank row is the header."""
    size = path.stat().st_size
    if size > max_bytes:
        raise TableError(
            gettext("文件超过大小上限（%(mb)s MB），请拆分后导入") % {"mb": max_bytes // 2**20}
        )
    with path.open("rb") as f:
        head = f.read(8)
    name = filename.lower()
    if size == 0:
        raise TableError(gettext("文件为空"))
    if name.endswith(WORKBOOK_EXTENSIONS):
        if not (head.startswith((b"PK\x03\x04", OLE_MAGIC))):
            raise TableError(
                gettext("文件扩展名为 %(ext)s，但内容不是 Excel 工作簿")
                % {"ext": Path(name).suffix}
            )
        return _read_workbook(path, name, size=size, headers=headers)
    if name.endswith(".csv"):
        if head.startswith((b"PK\x03\x04", OLE_MAGIC)):
            raise TableError(gettext("文件扩展名为 .csv，但内容是 Excel 工作簿"))
        return _read_csv(path, headers)
    raise TableError(gettext("不支持的文件类型：请上传 .xlsx、.xls、.ods 或 .csv 文件"))


# --- workbooks -------------------------------------------------------------------------------------


def _read_workbook(path: Path, name: str, *, size: int, headers: Sequence[str]) -> Table:
    if name.endswith(XLSX_EXTENSIONS) and zipfile.is_zipfile(path) and _large_xlsx(path):
        return _read_xlsx(path, size=size, headers=headers)
    with fewer_collections():
        return _read_whole(path, size=size, headers=headers)


def _read_whole(path: Path, *, size: int, headers: Sequence[str]) -> Table:
    """A workbook read whole by calamine, its formula cells marked."""

    formulas_by_sheet: dict[str, set[tuple[int, int]]] = {}
    if zipfile.is_zipfile(path):
        formulas_by_sheet = _scan_zip(path, size=size)
    else:
        with path.open("rb") as f:
            if f.read(8) == OLE_MAGIC:
                formulas_by_sheet = _scan_xls(path)
    book = _open_book(path)
    try:
        names = _sheets_to_read(book)
        best: tuple[int, str, list[list[Any]], int] | None = None
        for sheet_name in names:
            rows = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            found = _header_row(rows, headers)
            if found is None:
                continue
            score, index = found
            if best is None or score > best[0]:
                best = (score, sheet_name, rows, index)
            if len(names) == 1 or score == len(headers):
                break
        if best is None:
            raise TableError(gettext("文件为空：没有找到表头行"))
        _, sheet_name, rows, index = best
    finally:
        book.close()
    formulas = formulas_by_sheet.get(sheet_name, set())
    for row, col in formulas:
        if row < len(rows):
            cells = rows[row]
            if col >= len(cells):
                cells.extend([""] * (col + 1 - len(cells)))
            cells[col] = Formula("=")  # type: ignore[call-overload]
    return _table(rows, index)


def _open_book(path: Path) -> CalamineWorkbook:
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises several kinds for a broken file
        raise TableError(gettext("无法读取 Excel 文件，请确认文件未损坏")) from e


def _sheets_to_read(book: CalamineWorkbook) -> list[str]:
    """The template's sheet when the workbook has one, else every visible worksheet."""
    if DATA_SHEET in book.sheet_names:
        return [DATA_SHEET]
    visible = [
        m.name
        for m in book.sheets_metadata
        if str(m.visible).endswith("Visible") and str(m.typ).endswith("WorkSheet")
    ]
    if not visible:
        raise TableError(gettext("工作簿中没有可见的工作表"))
    return visible


def _large_xlsx(path: Path) -> bool:
    """Whether the worksheets of the xlsx at `path` inflate to CALAMINE_BELOW or more."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheets = sum(
                i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/")
            )
    except zipfile.BadZipFile:
        return True  # the streamed reader says what is wrong with it
    return sheets >= CALAMINE_BELOW


def _scan_zip(path: Path, *, size: int) -> dict[str, set[tuple[int, int]]]:
    """Formula cells ((row, column), from 0) of every sheet of an xlsx, by sheet name; refuses a
    file that inflates beyond MAX_INFLATION (read in 1 MB pieces: memory stays bounded)."""
    limit = max(MAX_INFLATION * size, MIN_INFLATION_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(i.file_size for i in archive.infolist())
            if declared > limit:
                raise TableError(_bomb_message())
            if "content.xml" in archive.namelist() and "xl/workbook.xml" not in archive.namelist():
                return _ods_formulas(archive, _Budget(limit))
            sheets = _sheet_paths(archive)
            out: dict[str, set[tuple[int, int]]] = {}
            inflated = 0
            for sheet_name, member in sheets.items():
                cells, used = _formula_cells(archive, member, limit - inflated)
                inflated += used
                out[sheet_name] = cells
            return out
    except zipfile.BadZipFile as e:
        raise TableError(gettext("无法读取 Excel 文件，请确认文件未损坏")) from e


# --- .xls (BIFF8 in an OLE compound file) -----------------------------------------------------------
#
# The Workbook stream is a sequence of records (type: 2 bytes, length: 2 bytes, data). In the
# workbook globals, each BOUNDSHEET record gives a sheet's name and the offset of its substream;
# in a sheet's substream, every cell holding a formula has a FORMULA record with its row and column
# (SHRFMLA and ARRAY records, shared and array formulas, follow a FORMULA record of their own).

_BOF, _EOF, _BOUNDSHEET, _FORMULA, _CODEPAGE = 0x0809, 0x000A, 0x0085, 0x0006, 0x0042


def _scan_xls(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Formula cells ((row, column), from 0) of every sheet of an .xls, by sheet name."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            stream = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if stream is None:
                raise TableError(gettext("无法读取 Excel 文件，请确认文件未损坏"))
            data = ole.openstream(stream).read()
    except TableError:
        raise
    except Exception as e:  # olefile raises several kinds for a broken container
        raise TableError(gettext("无法读取 Excel 文件，请确认文件未损坏")) from e
    return _xls_formula_cells(data)


def _records(data: bytes, at: int) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, length) of the records from `at` to the end of the substream."""
    end = len(data)
    while at + 4 <= end:
        kind = data[at] | data[at + 1] << 8
        length = data[at + 2] | data[at + 3] << 8
        yield kind, at + 4, length
        if kind == _EOF:
            return
        at += 4 + length


def _xls_formula_cells(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """The formula cells of each sheet of a BIFF8 (or BIFF5) Workbook stream, by sheet name."""
    sheets: list[tuple[bytes, int]] = []
    biff8, codepage = True, "cp1252"
    for kind, start, length in _records(data, 0):
        body = data[start : start + length]
        if kind == _BOF and len(body) >= 2:
            biff8 = int.from_bytes(body[:2], "little") == 0x0600
        elif kind == _CODEPAGE and len(body) >= 2:
            number = int.from_bytes(body[:2], "little")
            codepage = {367: "ascii", 1200: "utf-16-le", 32768: "mac_roman"}.get(
                number, f"cp{number}"
            )
        elif kind == _BOUNDSHEET and len(body) >= 8:
            sheets.append((body[6:], int.from_bytes(body[:4], "little")))
    out: dict[str, set[tuple[int, int]]] = {}
    for raw_name, offset in sheets:
        cells = out.setdefault(_sheet_name(raw_name, biff8, codepage), set())
        for kind, start, length in _records(data, offset):
            if kind == _FORMULA and length >= 4 and len(cells) < MAX_FORMULA_CELLS:
                row = data[start] | data[start + 1] << 8
                column = data[start + 2] | data[start + 3] << 8
                cells.add((row, column))
    return out


def _sheet_name(raw: bytes, biff8: bool, codepage: str) -> str:
    """A BOUNDSHEET's name: BIFF8 writes its length, a flag (UTF-16 or one byte a character) and
    the characters; BIFF5 writes its length and bytes in the workbook's code page."""
    count = raw[0] if raw else 0
    if not biff8:
        try:
            return raw[1 : 1 + count].decode(codepage, "replace")
        except LookupError:
            return raw[1 : 1 + count].decode("latin-1")
    wide = len(raw) > 1 and raw[1] & 1
    if wide:
        return raw[2 : 2 + 2 * count].decode("utf-16-le", "replace")
    return raw[2 : 2 + count].decode("latin-1")


_ODS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_formulas(archive: zipfile.ZipFile, budget: _Budget) -> dict[str, set[tuple[int, int]]]:
    """Formula cells ((row, column), from 0) of an OpenDocument spreadsheet, by sheet name: the
    cells of content.xml with a `table:formula` attribute, counting repeated rows and columns.
    Parsed as it inflates (expat), each row cleared once read."""
    table, row, cell = f"{{{_ODS}}}table", f"{{{_ODS}}}table-row", f"{{{_ODS}}}table-cell"
    covered = f"{{{_ODS}}}covered-table-cell"
    formula, name = f"{{{_ODS}}}formula", f"{{{_ODS}}}name"
    rows_repeated = f"{{{_ODS}}}number-rows-repeated"
    columns_repeated = f"{{{_ODS}}}number-columns-repeated"
    out: dict[str, set[tuple[int, int]]] = {}
    cells: set[tuple[int, int]] = set()
    row_at = column_at = 0
    parser: Any = ElementTree.XMLPullParser(events=("start", "end"))
    with archive.open("content.xml") as stream:
        while piece := stream.read(_PIECE):
            budget.take(len(piece))
            parser.feed(piece)
            for event, element in parser.read_events():
                tag = element.tag
                if event == "start" and tag == table:
                    cells = out.setdefault(element.get(name, ""), set())
                    row_at = 0
                elif event == "start" and tag == row:
                    column_at = 0
                elif event == "start" and tag in (cell, covered):
                    if element.get(formula) is not None and len(cells) < MAX_FORMULA_CELLS:
                        cells.add((row_at, column_at))
                    column_at += int(element.get(columns_repeated, "1"))
                elif event == "end" and tag == row:
                    row_at += int(element.get(rows_repeated, "1"))
                    element.clear()
    return out


def _bomb_message() -> str:
    return gettext("文件解压后过大（疑似压缩炸弹），已拒绝；请另存为普通 Excel 文件后再导入")


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> member path, from workbook.xml and its relationships."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {
        m.group("id"): m.group("target")
        for m in re.finditer(
            r'<Relationship\b(?=[^>]*\bId="(?P<id>[^"]+)")(?=[^>]*\bTarget="(?P<target>[^"]+)")',
            rels,
        )
    }
    out: dict[str, str] = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        tag = m.group(0)
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]*)"|\b\w+:id="([^"]*)"', tag)
        if not name or not rid:
            continue
        target = targets.get(rid.group(1) or rid.group(2) or "", "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[_unescape(name.group(1))] = member
    return out


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"')


def _formula_cells(
    archive: zipfile.ZipFile, member: str, budget: int
) -> tuple[set[tuple[int, int]], int]:
    cells: set[tuple[int, int]] = set()
    used = 0
    tail = b""
    try:
        stream = archive.open(member)
    except KeyError:
        return cells, 0
    with stream:
        while True:
            piece = stream.read(1 << 20)
            if not piece:
                break
            used += len(piece)
            if used > budget:
                raise TableError(_bomb_message())
            data = tail + piece
            for match in _FORMULA_TAG.finditer(data):
                start = data.rfind(b"<c ", 0, match.start())
                ref = _CELL_REF.match(data, start) if start >= 0 else None
                if ref is not None and len(cells) < MAX_FORMULA_CELLS:
                    cells.add((int(ref.group(2)) - 1, _column_index(ref.group(1).decode())))
            tail = data[-4096:]
    return cells, used


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- xlsx, streamed ----------------------------------------------------------------------------------
#
# calamine loads a whole sheet into memory (about 570 MB for a million rows of six columns), so
# an xlsx is read here from its XML as it inflates, one row at a time: values and formula cells in
# one pass, the shared strings kept as one UTF-8 buffer with offsets (a million rows of names and
# ID numbers take about 70 MB so), every inflated byte counted against the bomb limit.

_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.DOTALL)
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_ATTR = re.compile(rb'\b(r|t|s)="([^"]*)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.DOTALL)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.DOTALL)
_SI = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);|_x([0-9A-Fa-f]{4})_")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]*\d*:?[A-Z]*(\d+)"')
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DATE_FORMATS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_PIECE = 1 << 20


class _Budget:
    """Inflated bytes still allowed before the file counts as a decompression bomb."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise TableError(_bomb_message())


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if b"&" not in raw and b"_x" not in raw:
        return text

    def one(m: re.Match[str]) -> str:
        if m.group(2):
            return chr(int(m.group(2), 16))
        name = m.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED_ENTITIES[name]

    return _ENTITY.sub(one, text)


def _elements(
    archive: zipfile.ZipFile, member: str, pattern: re.Pattern[bytes], budget: _Budget
) -> Iterator[re.Match[bytes]]:
    """The complete matches of `pattern` in `member`, read in 1 MB pieces."""
    try:
        stream = archive.open(member)
    except KeyError:
        return
    with stream:
        tail = b""
        while True:
            piece = stream.read(_PIECE)
            if not piece:
                break
            budget.take(len(piece))
            data = tail + piece
            end = 0
            for match in pattern.finditer(data):
                end = match.end()
                yield match
            tail = data[end:]


class _SharedStrings:
    """The workbook's shared strings as one UTF-8 buffer and their offsets."""

    def __init__(self, archive: zipfile.ZipFile, budget: _Budget) -> None:
        self.data = bytearray()
        self.offsets = array("q", [0])
        for match in _elements(archive, "xl/sharedStrings.xml", _SI, budget):
            body = match.group(1) or b""
            if b"<rPh" in body or b":rPh" in body:
                body = _PHONETIC.sub(b"", body)
            for text in _TEXT.finditer(body):
                self.data += text.group(1) or b""
            self.offsets.append(len(self.data))

    def __getitem__(self, index: int) -> str:
        return _xml_text(bytes(self.data[self.offsets[index] : self.offsets[index + 1]]))


def _date_styles(archive: zipfile.ZipFile) -> tuple[set[int], bool]:
    """The cell styles (by index) that show a number as a date, and whether dates count from
    1904 (old Mac workbooks)."""
    try:
        styles = archive.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        styles = ""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except KeyError:
        workbook = ""
    custom: set[int] = set()
    for m in re.finditer(r"<(?:\w+:)?numFmt\b[^>]*>", styles):
        fid = re.search(r'\bnumFmtId="(\d+)"', m.group(0))
        code = re.search(r'\bformatCode="([^"]*)"', m.group(0))
        if fid and code:
            bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", _unescape(code.group(1))).lower()
            if re.search(r"[ymd]", bare) or re.search(r"[hs]", bare):
                custom.add(int(fid.group(1)))
    dates: set[int] = set()
    xfs = re.search(r"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles, re.DOTALL)
    if xfs:
        for index, m in enumerate(re.finditer(r"<(?:\w+:)?xf\b[^>]*>", xfs.group(0))):
            fid = re.search(r'\bnumFmtId="(\d+)"', m.group(0))
            number = int(fid.group(1)) if fid else 0
            if number in _DATE_FORMATS or number in custom:
                dates.add(index)
    return dates, bool(re.search(r'\bdate1904="(1|true)"', workbook))


class _Sheet:
    """One worksheet of an xlsx, read row by row from its XML."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        member: str,
        strings: _SharedStrings,
        styles: tuple[set[int], bool],
        budget: _Budget,
    ) -> None:
        self.archive, self.member, self.strings, self.budget = archive, member, strings, budget
        self.dates, date1904 = styles
        self.columns: dict[bytes, int] = {}
        # a workbook's times are naive, as calamine gives them
        self.epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)  # noqa: DTZ001

    def height(self) -> int:
        """The last row the sheet declares (its dimension), else an estimate from the size of
        its first rows (openpyxl's write-only files declare none), without reading it: for
        progress."""
        try:
            info = self.archive.getinfo(self.member)
            with self.archive.open(self.member) as stream:
                head = stream.read(1 << 16)
        except KeyError:
            return 0
        m = _DIMENSION.search(head)
        if m and b":" in m.group(0):
            return int(m.group(1))
        starts = [r.start() for r in re.finditer(rb"<(?:\w+:)?row\b", head)]
        if len(starts) < 3:
            return len(starts)
        return int(info.file_size * (len(starts) - 1) / (starts[-1] - starts[0]))

    def rows(self) -> Iterator[list[Any]]:
        """Every row from the first, blank rows included (position = Excel row number - 1)."""
        position = 0
        for match in _elements(self.archive, self.member, _ROW, self.budget):
            attrs = dict(_ATTR.findall(match.group(1)))
            number = int(attrs[b"r"]) if b"r" in attrs else position + 1
            while position < number - 1:
                yield []
                position += 1
            yield self._cells(match.group(2) or b"")
            position += 1

    def _cells(self, body: bytes) -> list[Any]:
        cells: list[Any] = []
        columns = self.columns
        for match in _CELL.finditer(body):
            attrs, content = match.group(1), match.group(2) or b""
            at = attrs.find(b'r="')
            if at >= 0:
                ref = attrs[at + 3 : attrs.index(b'"', at + 3)].rstrip(b"0123456789")
                column = columns.get(ref)
                if column is None:
                    column = columns[ref] = _column_index(ref.decode())
            else:
                column = len(cells)
            if b"f" in content and _FORMULA_TAG.search(content):
                value: Any = Formula("=")
            else:
                at = attrs.find(b't="')
                kind = attrs[at + 3 : attrs.index(b'"', at + 3)] if at >= 0 else b"n"
                at = attrs.find(b's="')
                style = attrs[at + 3 : attrs.index(b'"', at + 3)] if at >= 0 else None
                value = self._value(kind, style, content)
            if column == len(cells):
                cells.append(value)
                continue
            if column > len(cells):
                cells.extend([None] * (column - len(cells)))
                cells.append(value)
            else:
                cells[column] = value
        return cells

    def _value(self, kind: bytes, style: bytes | None, content: bytes) -> Any:
        if kind == b"inlineStr":
            if content.startswith(b"<is><t>") and content.count(b"<t") == 1:
                return _xml_text(content[7 : content.index(b"</t>")])
            return _xml_text(b"".join(t.group(1) or b"" for t in _TEXT.finditer(content)))
        if content.startswith(b"<v>") and content.endswith(b"</v>"):
            raw = content[3:-4]
        else:
            found = _VALUE.search(content)
            if found is None:
                return None
            raw = found.group(1)
        if kind == b"s":
            return self.strings[int(raw)]
        if kind == b"n":
            number = float(raw)
            if style is not None and int(style) in self.dates:
                moment = self.epoch + dt.timedelta(milliseconds=round(number * 86_400_000))
                return moment.date() if moment.time() == dt.time() else moment
            return number
        if kind in (b"str", b"e", b"d"):
            return _xml_text(raw)
        if kind == b"b":
            return raw in (b"1", b"true")
        return _xml_text(raw)


def _read_xlsx(path: Path, *, size: int, headers: Sequence[str]) -> Table:

    limit = max(MAX_INFLATION * size, MIN_INFLATION_BYTES)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise TableError(gettext("无法读取 Excel 文件，请确认文件未损坏")) from e
    try:
        if sum(i.file_size for i in archive.infolist()) > limit:
            raise TableError(_bomb_message())
        book = _open_book(path)  # reads the sheet list only
        try:
            names = _sheets_to_read(book)
        finally:
            book.close()
        budget = _Budget(limit)
        members = _sheet_paths(archive)
        strings = _SharedStrings(archive, budget)
        styles = _date_styles(archive)
        best: tuple[int, _Sheet, int] | None = None
        for sheet_name in names:
            if sheet_name not in members:
                continue
            sheet = _Sheet(archive, members[sheet_name], strings, styles, budget)
            first: list[list[Any]] = []
            for cells in sheet.rows():
                first.append(cells)
                if len(first) >= HEADER_SEARCH_ROWS:
                    break
            found = _header_row(first, headers)
            if found is None:
                continue
            if best is None or found[0] > best[0]:
                best = (found[0], sheet, found[1])
            if len(names) == 1 or found[0] == len(headers):
                break
    except BaseException:
        archive.close()
        raise
    if best is None:
        archive.close()
        raise TableError(gettext("文件为空：没有找到表头行"))
    _, sheet, index = best
    rows = sheet.rows()
    head: list[list[Any]] = []
    for cells in rows:
        head.append(cells)
        if len(head) > index:
            break
    header_cells = head[index]
    total = max(sheet.height() - index - 1, 0)

    def below() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, cells in enumerate(rows, start=index + 2):
                if not all(_blank(c) for c in cells):
                    yield number, cells
        finally:
            archive.close()

    return _streamed_table(header_cells, below(), index, total)


# --- CSV -----------------------------------------------------------------------------------------------


def _encoding(path: Path) -> tuple[str, int]:
    """The file's encoding (UTF-8 with or without BOM, else GB18030, a superset of GBK) and its
    number of lines, read in 1 MB pieces."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        lines = 0
        try:
            with path.open("rb") as f:
                while piece := f.read(_PIECE):
                    if "\x00" in decoder.decode(piece):
                        raise TableError(gettext("CSV 文件含有二进制内容，请确认文件类型"))
                    lines += piece.count(b"\n")
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding, lines
    raise TableError(gettext("无法识别 CSV 文件编码，请另存为 UTF-8 或 GBK"))


def _read_csv(path: Path, headers: Sequence[str]) -> Table:
    encoding, lines = _encoding(path)
    stream = path.open(encoding=encoding, newline="")
    try:
        rows = (
            [Formula(c) if c.startswith("=") else c for c in cells] for cells in csv.reader(stream)
        )
        first: list[list[Any]] = []
        for cells in rows:
            first.append(cells)
            if len(first) >= HEADER_SEARCH_ROWS:
                break
        found = _header_row(first, headers)
        if found is None:
            raise TableError(gettext("文件为空：没有找到表头行"))
    except BaseException:
        stream.close()
        raise
    index = found[1]

    def below() -> Iterator[tuple[int, list[Any]]]:
        try:
            numbered = enumerate(itertools.chain(first[index + 1 :], rows), start=index + 2)
            for number, cells in numbered:
                if not all(_blank(c) for c in cells):
                    yield number, cells
        finally:
            stream.close()

    return _streamed_table(first[index], below(), index, max(lines - index - 1, 0))


# --- the header row and the rows below it ------------------------------------------------------------


def header_text(value: Any) -> str:
    """A header as the template names it: full-width letters folded, no spaces or line breaks."""
    if value is None or isinstance(value, Formula):
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text)


def _header_row(rows: list[list[Any]], headers: Sequence[str]) -> tuple[int, int] | None:
    """(matches, index) of the row that names the most known headers among the first rows."""
    known = {header_text(h) for h in headers}
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [header_text(c) for c in row]
        if not any(texts):
            continue
        if not known:
            return (len([t for t in texts if t]), index)
        score = len({t for t in texts if t in known})
        if score and (best is None or score > best[0]):
            best = (score, index)
    if best is None and rows and not known:
        return None
    if best is None:
        # no known header: the first non-blank row, so the header check can name what is wrong
        first = next((i for i, r in enumerate(rows) if any(header_text(c) for c in r)), None)
        return None if first is None else (0, first)
    return best


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _streamed_table(
    header_cells: list[Any], rows: Iterator[tuple[int, list[Any]]], index: int, total: int
) -> Table:
    """The table of a file read as it streams: `rows` are read once, by the import."""
    headers = [header_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise TableError(gettext("文件为空：第1行应为表头"))
    first = next(rows, None)
    if first is None:
        raise TableError(gettext("文件中没有数据行"))
    return Table(
        headers=headers,
        rows=itertools.chain([first], rows),
        header_row=index + 1,
        total=max(total, 1),
    )


def _table(rows: list[list[Any]], index: int) -> Table:
    headers = [header_text(c) for c in rows[index]]
    while headers and not headers[-1]:
        headers.pop()
    data: list[tuple[int, list[Any]]] = [
        (number, cells)
        for number, cells in enumerate(rows[index + 1 :], start=index + 2)
        if not all(_blank(c) for c in cells)
    ]
    if not any(headers):
        raise TableError(gettext("文件为空：第1行应为表头"))
    if not data:
        raise TableError(gettext("文件中没有数据行"))
    return Table(headers=headers, rows=data, header_row=index + 1)


# --- the header check -------------------------------------------------------------------------------


def canonical(registry: Any, table: Table) -> Table:
    """`table` with each header spelled as the register spells it when they differ only in
    width, spaces or line breaks (“淘宝村:网络零售额” is the template's “淘宝村：网络零售额”)."""
    spelled = {header_text(c.header): c.header for c in registry.columns}
    headers = [spelled.get(header_text(h), h) for h in table.headers]
    if headers == table.headers:
        return table
    return dataclasses.replace(table, headers=headers)


def header_errors(registry: Any, table: Table) -> list[str]:
    """Duplicate, unknown (with the column it probably means) and missing required headers."""
    from xingcun.core.imports import row_error

    number = table.header_row
    known = [c.header for c in registry.columns]
    errors: list[str] = []
    first: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        if not header:
            continue
        if header in first:
            errors.append(
                row_error(
                    number,
                    header,
                    gettext("表头重复（第%(a)s列和第%(b)s列），请删除或改名其中一列")
                    % {"a": column_letter(first[header]), "b": column_letter(index)},
                )
            )
            continue
        first[header] = index
        if header in known:
            continue
        close = difflib.get_close_matches(header, [k for k in known if k not in first], 1, 0.6)
        if close:
            message = gettext("不是本模板的列，是否应为“%(column)s”？请改为模板中的列名") % {
                "column": close[0]
            }
        else:
            message = gettext("不是本模板的列，请使用下载的模板")
        errors.append(row_error(number, header, message))
    errors += [
        row_error(number, c.header, gettext("缺少该列"))
        for c in registry.columns
        if c.required and not c.readonly and c.header not in first
    ]
    return errors


def iter_rows(table: Table) -> Iterator[tuple[int, list[Any]]]:
    yield from table.rows
