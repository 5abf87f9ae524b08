"""Large files: read as they stream, validated in chunks, staged, written in one transaction.

The chunk size is lowered so that a few hundred rows span several chunks."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from xingcun.core import imports, reading, registry
from xingcun.core.imports import import_table
from xingcun.core.models import AuditEntry, AuditTarget
from xingcun.core.reading import read_path
from xingcun.core.tabular import Formula
from xingcun.core.tests.test_imports import PEOPLE_HEADERS, person_row, xlsx_bytes
from xingcun.people.models import Person
from xingcun.people.tests.factories import HouseholdFactory, PersonFactory, id_for

CHUNK = 50


@pytest.fixture(autouse=True)
def small_chunks(settings):
    settings.XINGCUN_IMPORT_CHUNK_ROWS = CHUNK


@pytest.fixture(autouse=True, params=["streamed", "calamine"])
def xlsx_reader(request, monkeypatch):
    """Every test runs on both ways of reading an xlsx: streamed (large sheets) and calamine."""
    monkeypatch.setattr(reading, "CALAMINE_BELOW", 0 if request.param == "streamed" else 2**40)
    return request.param


def run_file(tmp_path, rows, area, name="p.xlsx", **options):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows))
    reg = registry.get("people")
    table = read_path(path, name, max_bytes=10**8, headers=[c.header for c in reg.columns])
    with scope(area=area.path):
        return import_table(registry=reg, table=table, actor=None, filename=name, **options)


def people(count, village):
    return [PEOPLE_HEADERS, *(person_row(n, village) for n in range(1, count + 1))]


def test_rows_of_several_chunks_are_all_written_with_one_audit_entry(tree, tmp_path):
    result = run_file(tmp_path, people(180, tree.village_a), tree.district)
    assert (result.ok, result.total, result.created) == (True, 180, 180)
    with scopes_disabled():
        stored = dict(Person.objects.values_list("id_number", "pk"))
        entry = AuditEntry.objects.get(action="people.imported")
        targets = set(AuditTarget.objects.filter(entry=entry).values_list("object_id", flat=True))
        first = Person.objects.get(id_number=id_for(1))
    assert set(stored) == {id_for(n) for n in range(1, 181)}
    assert targets == {str(pk) for pk in stored.values()}
    assert entry.changes["rows"][0] == {"row": 2, "id": first.pk, "created": True}
    assert (first.name, first.phone, first.area_id) == ("李1", "13900000001", tree.village_a.pk)


def test_duplicate_across_chunks_names_both_rows(tree, tmp_path):
    rows = people(160, tree.village_a)
    rows[150] = person_row(7, tree.village_a)  # row 151 of the sheet repeats row 8
    result = run_file(tmp_path, rows, tree.district)
    assert result.errors == ["第151行 身份证号: 与第8行重复"]
    with scopes_disabled():
        assert not Person.objects.exists()


def test_error_in_the_last_chunk_writes_nothing(tree, tmp_path):
    rows = people(170, tree.village_a)
    rows[-1] = person_row(170, tree.village_a, 所在村社代码="999999999999")
    result = run_file(tmp_path, rows, tree.district)
    assert not result.ok
    assert result.errors == [
        "第171行 所在村社代码: 区划代码“999999999999”不存在，请核对代码（6、9或12位统计用区划代码）"
    ]
    with scopes_disabled():
        assert not Person.objects.exists()
        assert not AuditEntry.objects.filter(action="people.imported").exists()


def test_progress_advances_with_every_chunk(tree, tmp_path):
    seen = []
    result = run_file(
        tmp_path, people(200, tree.village_a), tree.district, progress=lambda d, t: seen.append(d)
    )
    assert result.ok
    assert seen == sorted(seen)
    assert {50, 100, 150, 200} <= set(seen)  # the end of each chunk is reported
    assert seen[-1] == 200


def test_check_only_across_chunks_counts_and_writes_nothing(tree, tmp_path):
    PersonFactory(area=tree.village_a, id_number=id_for(3), name="李3", phone="13900000003")
    PersonFactory(area=tree.village_a, id_number=id_for(120), name="旧名", phone="13900000120")
    result = run_file(tmp_path, people(130, tree.village_a), tree.district, check_only=True)
    assert (result.ok, result.created, result.updated, result.unchanged) == (True, 128, 1, 1)
    with scopes_disabled():
        assert Person.objects.count() == 2


def test_changed_rows_of_later_chunks_are_updated(tree, tmp_path):
    old = PersonFactory(
        area=tree.village_a, id_number=id_for(140), name="旧名", phone="13900000140"
    )
    result = run_file(tmp_path, people(150, tree.village_a), tree.district)
    assert (result.ok, result.created, result.updated) == (True, 149, 1)
    with scopes_disabled():
        old.refresh_from_db()
        entry = AuditEntry.objects.get(action="people.imported")
        assert AuditTarget.objects.filter(entry=entry, object_id=str(old.pk)).exists()
    assert old.name == "李140"
    assert old.updated_at > old.created_at


def test_errors_beyond_the_cap_are_counted(tree, tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ERRORS", 5)
    rows = [PEOPLE_HEADERS, *(person_row(n, tree.village_a, 姓名="") for n in range(1, 121))]
    result = run_file(tmp_path, rows, tree.district)
    assert result.errors[:5] == [f"第{n}行 姓名: 必填" for n in range(2, 7)]
    assert len(result.errors) == 6
    assert "另有 115 处错误未列出" in result.errors[-1]


def test_streamed_xlsx_values_agree_with_calamine(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["文本", "整数", "小数", "日期", "时间", "是否", "公式"])
    sheet.append(["a<&>b", 42, 2.5, dt.date(2020, 5, 1), dt.datetime(2020, 5, 1, 8, 30), True, 1])  # noqa: DTZ001 - a naive cell
    sheet["G2"] = "=1+1"
    sheet.append(["第二行", None, -3, None, None, False, "x"])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "t.xlsx"
    path.write_bytes(out.getvalue())
    table = read_path(path, "t.xlsx", max_bytes=10**7)
    streamed = [cells for _, cells in table.rows]
    expected = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("数据").to_python()[1:]
    assert streamed[0][:6] == expected[0][:6]
    assert streamed[0][6] == Formula("=")
    assert [c if c is not None else "" for c in streamed[1]] == expected[1]


def ods_bytes(rows_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet with one sheet named 数据."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="数据">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return out.getvalue()


def text_cell(value, repeated=1):
    extra = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{value}</text:p></table:table-cell>'


def test_formula_in_an_ods_file_is_refused_naming_its_cell(tree, tmp_path):
    header = "".join(text_cell(h) for h in PEOPLE_HEADERS)
    good = person_row(1, tree.village_a)
    bad = person_row(2, tree.village_a)
    formula_phone = (
        '<table:table-cell table:formula="of:=13900000000+2" office:value-type="float" '
        'office:value="13900000002"><text:p>13900000002</text:p></table:table-cell>'
    )
    rows = (
        f"<table:table-row>{header}</table:table-row>"
        f"<table:table-row>{''.join(text_cell(c) for c in good)}</table:table-row>"
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        f"<table:table-row>{''.join(text_cell(c) for c in bad[:4])}{formula_phone}"
        f"{text_cell(bad[5])}</table:table-row>"
    )
    path = tmp_path / "p.ods"
    path.write_bytes(ods_bytes(rows))
    reg = registry.get("people")
    table = read_path(path, "p.ods", max_bytes=10**7, headers=[c.header for c in reg.columns])
    with scope(area=tree.district.path):
        result = import_table(registry=reg, table=table, actor=None, filename="p.ods")
    assert result.errors == ["第5行 手机号: 不允许使用公式，请填写数值或文字"]


def test_household_members_of_earlier_chunks_count_against_its_size(tree, tmp_path):
    household = HouseholdFactory(area=tree.village_a, number="H-9", size=3)
    headers = [*PEOPLE_HEADERS, "所属农户户编号"]
    members = {10, 60, 110}  # one in each chunk: the third makes four with the head
    rows = [headers] + [
        [*person_row(n, tree.village_a), "H-9" if n in members else ""] for n in range(1, 121)
    ]
    result = run_file(tmp_path, rows, tree.district)
    assert len(result.errors) == 1
    assert result.errors[0].startswith("第111行 所属农户户编号: ")
    assert f"已登记3人（{household.head.name}、李10、李60）" in result.errors[0]


def test_staged_write_bumps_the_register_version_and_keeps_its_trigger(tree, tmp_path):
    """SQLite's version trigger is set aside for the one INSERT of the staged rows (it would run
    once per row) and the version bumped once instead; PostgreSQL's runs once per statement."""
    from django.db import connection

    from xingcun.core import versions

    before = versions.current().get("people_person")
    result = run_file(tmp_path, people(120, tree.village_a), tree.district)
    assert (result.ok, result.created) == (True, 120)
    assert versions.current().get("people_person") not in (None, before)
    assert "people_person" in versions.triggers_installed()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name = 'xv_people_person_INSERT'"
            )
            assert cursor.fetchone()[0] == 1
    after = versions.current().get("people_person")
    with scopes_disabled():
        PersonFactory(area=tree.village_a, id_number=id_for(900))
    assert versions.current().get("people_person") != after  # the trigger works again
