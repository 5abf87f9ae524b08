"""Imports of files as offices make them: perturbed exports come back unchanged, every reject case
says what is wrong and what to do, checks write nothing, the write lock is short, and concurrent
imports of one file never duplicate a record."""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from xingcun.core import idcard, reading, registry
from xingcun.core.imports import import_table
from xingcun.core.tabular import TableError, read_table, write_csv
from xingcun.core.tests.test_imports import (
    PEOPLE_HEADERS,
    csv_bytes,
    person_row,
    xlsx_bytes,
)
from xingcun.core.tests.test_imports import populated as populated  # a fixture
from xingcun.people.models import Household, PartyMember, Person
from xingcun.people.tests.factories import PersonFactory, id_for

FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


@pytest.fixture(autouse=True, params=["streamed", "calamine"])
def xlsx_reader(request, monkeypatch):
    """Every test runs on both ways of reading an xlsx: streamed (large sheets) and calamine."""
    monkeypatch.setattr(reading, "CALAMINE_BELOW", 0 if request.param == "streamed" else 2**40)
    return request.param


def run(key, content, filename, area, **options):
    reg = registry.get(key)
    table = read_table(
        content, filename, max_bytes=50 * 1024 * 1024, headers=[c.header for c in reg.columns]
    )
    with scope(area=area.path):
        return import_table(registry=reg, table=table, actor=None, filename=filename, **options)


def export(key, area):
    reg = registry.get(key)
    with scope(area=area.path):
        rows = list(reg.export_rows(reg.queryset(), show_pii=True))
    return [c.header for c in reg.columns], rows


# --- perturbations offices apply -------------------------------------------------------------------


def full_width(value):
    return value.translate(FULL_WIDTH) if isinstance(value, str) else value


def chinese_date(value, style):
    if not isinstance(value, dt.date):
        return value
    return {
        "iso": value.isoformat(),
        "nian": f"{value.year}年{value.month}月{value.day}日",
        "dots": f"{value.year}.{value.month}.{value.day}",
        "slash": f"{value.year}/{value.month}/{value.day}",
        "serial": (value - dt.date(1899, 12, 30)).days,
        "date": value,
    }[style]


def perturb(headers, rows, data):
    """The table as an office returns it: columns reordered, blanks and line breaks around
    headers and values, full-width digits and letters, Chinese dates or serials."""
    order = data.draw(st.permutations(range(len(headers))))
    date_style = data.draw(st.sampled_from(["iso", "nian", "dots", "slash", "serial", "date"]))
    widen = data.draw(st.booleans())
    pad = data.draw(st.sampled_from(["", " ", "\n", " \r\n", "\u3000"]))
    out_headers = [f"{pad}{headers[i]}{pad}" for i in order]
    out_rows = []
    for row in rows:
        cells = []
        for i in order:
            value = chinese_date(row[i], date_style)
            if isinstance(value, str) and value:
                value = f"{pad}{full_width(value) if widen else value}{pad}"
            cells.append(value)
        out_rows.append(cells)
    return out_headers, out_rows


def to_file(headers, rows, data):
    kind = data.draw(st.sampled_from(["xlsx", "csv-utf8", "csv-bom", "csv-gbk", "csv-gb18030"]))
    title_rows = data.draw(st.integers(min_value=0, max_value=3))
    if kind == "xlsx":
        book = Workbook()
        hidden = book.active
        hidden.title = "旧表"
        hidden.append(["这张隐藏表不应被读取"])
        hidden.sheet_state = "hidden"
        sheet = book.create_sheet("Sheet1")
        for n in range(title_rows):
            sheet.append(["临安区登记表（2020年）"] if n == 0 else [])
        if title_rows:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        book.active = 1
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "file.xlsx"
    lines = [["临安区登记表（2020年）"]] + [[]] * (title_rows - 1) if title_rows else []
    text_rows = [
        *lines,
        headers,
        *[[c.isoformat() if isinstance(c, dt.date) else c for c in r] for r in rows],
    ]
    encoding = {
        "csv-utf8": "utf-8",
        "csv-bom": "utf-8-sig",
        "csv-gbk": "gbk",
        "csv-gb18030": "gb18030",
    }[kind]
    content = write_csv(text_rows[0], text_rows[1:]).decode("utf-8-sig")
    return content.encode(encoding), "file.csv"


names = st.text(
    alphabet="李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐", min_size=2, max_size=4
)
people = st.lists(
    st.tuples(
        names,
        st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2005, 12, 31)),
        st.integers(min_value=0, max_value=499),
        st.sampled_from(["", "13912345678", "15800001111"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda p: (p[1], p[2]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=people, data=st.data())
def test_any_valid_people_table_survives_export_perturb_import_unchanged(tree, table, data):
    with transaction.atomic():
        with scopes_disabled():
            for name, birth, seq, phone, other in table:
                number = idcard.make("330112", birth, seq)
                Person.objects.create(
                    name=name,
                    id_number=number,
                    gender=idcard.gender(number),
                    birth_date=birth,
                    phone=phone,
                    area=tree.village_a2 if other else tree.village_a,
                )
        headers, rows = export("people", tree.district)
        content, filename = to_file(*perturb(headers, rows, data), data)
        result = run("people", content, filename, tree.district)
        assert result.ok, result.errors
        assert (result.created, result.updated, result.unchanged) == (0, 0, len(table))
        transaction.set_rollback(True)


@pytest.mark.parametrize("key", ["people", "members", "households"])
def test_people_members_households_survive_an_office_perturbed_export(populated, key):
    headers, rows = export(key, populated.district)
    order = list(reversed(range(len(headers))))
    book = Workbook()
    sheet = book.active
    sheet.append(["临安区登记表（2020年）"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append([f" {headers[i]}\n" for i in order])
    for row in rows:
        sheet.append(
            [
                f" {full_width(v)} " if isinstance(v, str) and v else chinese_date(v, "dots")
                for v in (row[i] for i in order)
            ]
        )
    out = io.BytesIO()
    book.save(out)
    result = run(key, out.getvalue(), "x.xlsx", populated.district)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == result.total > 0


# --- rejects, each with its message ---------------------------------------------------------------


def test_id_number_destroyed_by_excel_is_named_with_what_to_do(tree):
    rows = [PEOPLE_HEADERS, person_row(1, tree.village_a)]
    rows[1][0] = float(id_for(1))  # typed into a number cell: Excel keeps 15 significant digits
    result = run("people", xlsx_bytes(rows), "p.xlsx", tree.district)
    assert len(result.errors) == 1
    assert result.errors[0].startswith("第2行 身份证号: “3.30112E+17”")
    assert "科学计数法" in result.errors[0]
    assert "“文本”格式" in result.errors[0]


def test_scientific_notation_text_in_csv_is_refused(tree):
    rows = [PEOPLE_HEADERS, person_row(1, tree.village_a, 身份证号="3.30112E+17")]
    result = run("people", csv_bytes(rows), "p.csv", tree.district)
    assert result.errors == [
        "第2行 身份证号: “3.30112E+17”已被 Excel 存成数字（科学计数法），末几位已丢失；"
        "请把该列设为“文本”格式，重新录入后再导入"
    ]


def test_fifteen_digit_id_number_asks_for_eighteen(tree):
    rows = [PEOPLE_HEADERS, person_row(1, tree.village_a, 身份证号="330112800517001")]
    result = run("people", csv_bytes(rows), "p.csv", tree.district)
    assert result.errors == [
        "第2行 身份证号: “330112800517001”是15位旧身份证号，请改填18位身份证号"
    ]


def test_rows_are_numbered_as_excel_shows_them_below_title_rows(tree):
    rows = [["临安区人员登记表"], [], PEOPLE_HEADERS, person_row(1, tree.village_a, 手机号="12")]
    result = run("people", xlsx_bytes(rows), "p.xlsx", tree.district)
    assert result.errors == ["第4行 手机号: 手机号应为以1开头的11位数字"]


def test_formula_found_in_the_sheet_xml(tree):
    rows = [["标题"], PEOPLE_HEADERS, person_row(1, tree.village_a)]
    rows[2][4] = "=13800000000+1"
    result = run("people", xlsx_bytes(rows), "p.xlsx", tree.district)
    assert result.errors == ["第3行 手机号: 不允许使用公式，请填写数值或文字"]


XLS = Path(__file__).parent / "data" / "people-formula.xls"  # see make_people_formula_xls.py


def test_formula_cells_of_an_xls_are_found_in_its_workbook_stream():
    """calamine gives an .xls's cached values only: the FORMULA records say which cells hold
    formulas, sheet by sheet."""
    assert reading._scan_xls(XLS) == {"说明": {(2, 0)}, "数据": {(3, 4)}}


def test_formula_in_an_xls_is_refused_on_its_row(tree):
    result = run("people", XLS.read_bytes(), "p.xls", tree.district)
    assert result.errors == ["第4行 手机号: 不允许使用公式，请填写数值或文字"]
    with scopes_disabled():
        assert not Person.objects.exists()


def test_duplicate_headers_are_refused_naming_both_columns(tree):
    rows = [[*PEOPLE_HEADERS, "姓名"], [*person_row(1, tree.village_a), "王五"]]
    result = run("people", csv_bytes(rows), "p.csv", tree.district)
    assert result.errors == ["第1行 姓名: 表头重复（第B列和第G列），请删除或改名其中一列"]


def test_header_typo_names_the_column_it_probably_means(tree):
    headers = [h if h != "出生日期" else "出身日期" for h in PEOPLE_HEADERS]
    result = run(
        "people", csv_bytes([headers, person_row(1, tree.village_a)]), "p.csv", tree.district
    )
    assert result.errors == [
        "第1行 出身日期: 不是本模板的列，是否应为“出生日期”？请改为模板中的列名"
    ]


def test_out_of_range_value_is_refused(tree):
    person = PersonFactory(area=tree.village_a)
    reg = registry.get("households")
    headers = [c.header for c in reg.columns if not c.readonly]
    row = {"户编号": "H1", "所在村代码": tree.village_a.code, "户主身份证号": person.id_number}
    row["户人口数"] = "60"
    result = run(
        "households",
        csv_bytes([headers, [row.get(h, "") for h in headers]]),
        "h.csv",
        tree.district,
    )
    assert len(result.errors) == 1
    assert result.errors[0].startswith("第2行 户人口数: ")
    assert "50" in result.errors[0]


def test_member_reference_outside_jurisdiction_and_missing_are_told_apart(tree):
    from xingcun.organisations.tests.factories import OrganisationFactory

    outside = PersonFactory(area=tree.village_b)
    org = OrganisationFactory(area=tree.village_a, code="ORG-A")
    reg = registry.get("members")
    headers = [c.header for c in reg.columns if not c.readonly]
    base = {"所属党组织编号": org.code, "入党日期": "2010-07-01", "党员类型": "正式党员"}
    rows = [
        headers,
        [{**base, "身份证号": outside.id_number}.get(h, "") for h in headers],
        [{**base, "身份证号": id_for(400)}.get(h, "") for h in headers],
    ]
    result = run("members", csv_bytes(rows), "m.csv", tree.village_a)
    what = PartyMember._meta.get_field("person").related_model._meta.verbose_name
    assert result.errors[0].startswith(f"第2行 身份证号: {what}")
    assert result.errors[0].endswith("不在您的辖区内，不能引用")
    assert result.errors[1].startswith(f"第3行 身份证号: 找不到{what}")
    assert "不在您的辖区内" not in result.errors[1]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "p.xlsx", "文件为空"),
        (b"<html>not a workbook</html>", "p.xlsx", "内容不是 Excel 工作簿"),
        (b"PK\x03\x04broken", "p.xlsx", "无法读取 Excel 文件"),
        (b"\r\n\r\n", "p.csv", "文件为空"),
        (b"x" * 4096, "p.csv", "文件超过大小上限"),
    ],
)
def test_bad_files_are_refused_as_a_whole(content, filename, message):
    with pytest.raises(TableError, match=message):
        read_table(content, filename, max_bytes=2048, headers=PEOPLE_HEADERS)


def test_decompression_bomb_is_refused_reading_at_most_the_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "xl/workbook.xml",
            '<workbook><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row>" + b" " * (1 << 20)
            for _ in range(80):  # 80 MB of blanks, about 80 kB compressed
                sheet.write(chunk)
    with pytest.raises(TableError, match="压缩炸弹"):
        read_table(out.getvalue(), "bomb.xlsx", max_bytes=10 * 1024 * 1024)


def test_hidden_sheet_is_ignored_and_visible_sheet_read(tree):
    book = Workbook()
    book.active.title = "说明"
    book.active.append(PEOPLE_HEADERS)
    book.active.append(person_row(2, tree.village_a))
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("人员")
    sheet.append(PEOPLE_HEADERS)
    sheet.append(person_row(1, tree.village_a))
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    result = run("people", out.getvalue(), "p.xlsx", tree.district)
    assert (result.ok, result.created) == (True, 1)
    with scopes_disabled():
        assert list(Person.objects.values_list("id_number", flat=True)) == [id_for(1)]


def test_full_width_id_number_is_read_not_called_outside_jurisdiction(tree):
    row = person_row(1, tree.village_a)
    row = [full_width(row[0]), row[1], "", "", full_width(row[4]), full_width(row[5])]
    result = run("people", csv_bytes([PEOPLE_HEADERS, row]), "p.csv", tree.district)
    assert (result.ok, result.created) == (True, 1), result.errors


# --- checking without writing, progress, lock -----------------------------------------------------


def test_check_only_counts_new_changed_unchanged_and_writes_nothing(tree):
    PersonFactory(area=tree.village_a, id_number=id_for(1), name="李1", phone="13900000001")
    PersonFactory(area=tree.village_a, id_number=id_for(2), name="旧名", phone="13900000002")
    rows = [PEOPLE_HEADERS, *(person_row(n, tree.village_a) for n in (1, 2, 3, 4))]
    result = run("people", csv_bytes(rows), "p.csv", tree.district, check_only=True)
    assert (result.ok, result.created, result.updated, result.unchanged) == (True, 2, 1, 1)
    with scopes_disabled():
        assert Person.objects.count() == 2
        assert Person.objects.get(id_number=id_for(2)).name == "旧名"


def test_import_command_check_writes_nothing(tree, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([PEOPLE_HEADERS, person_row(1, tree.village_a)]))
    out = io.StringIO()
    call_command("import_records", "people", str(path), area="330112", check=True, stdout=out)
    assert "将新增 1" in out.getvalue()
    with scopes_disabled():
        assert not Person.objects.exists()


def test_check_then_confirm_on_the_import_page(tree, client_as, settings, tmp_path):
    from xingcun.core.models import ImportJob
    from xingcun.core.permissions import Role

    settings.XINGCUN_UPLOAD_DIR = tmp_path
    client = client_as(Role.DISTRICT, tree.district)
    upload = io.BytesIO(csv_bytes([PEOPLE_HEADERS, person_row(1, tree.village_a)]))
    upload.name = "people.csv"
    page = client.post("/r/people/import/", {"file": upload, "check": "1"}).content.decode()
    assert "检查通过，尚未写入。共 1 行：将新增 1" in page
    with scopes_disabled():
        job = ImportJob.objects.get()
        assert not Person.objects.exists()
    page = client.post(f"/r/people/import/{job.pk}/confirm/").content.decode()
    assert "新增 1" in page
    with scopes_disabled():
        assert Person.objects.count() == 1
        assert ImportJob.objects.filter(check_only=False, status="done").count() == 1


@pytest.mark.django_db(transaction=True)
def test_validation_runs_outside_the_write_transaction_and_progress_rises(tree):
    rows = [PEOPLE_HEADERS, *(person_row(n, tree.village_a) for n in range(1, 30))]
    seen: list[tuple[int, int, bool]] = []

    def progress(done, total):
        seen.append((done, total, connection.in_atomic_block))

    result = run("people", csv_bytes(rows), "p.csv", tree.district, progress=progress)
    assert result.ok
    assert result.created == 29
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert seen[-1][:2] == (29, 29)
    assert not any(atomic for _, _, atomic in seen)  # no transaction open while validating
    assert result.write_seconds > 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_one_file_never_duplicate(tree):
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL (SQLite serialises them)")
    rows = [PEOPLE_HEADERS, *(person_row(n, tree.village_a) for n in range(1, 41))]
    content = csv_bytes(rows)
    barrier = threading.Barrier(2, timeout=30)
    results = []

    def worker():
        def progress(done, total):
            if done * 4 == total * 3:  # validated, about to write: both at once
                barrier.wait()

        try:
            results.append(run("people", content, "p.csv", tree.district, progress=progress))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with scopes_disabled():
        assert Person.objects.count() == 40
    created = sorted(r.created for r in results)
    assert created == [0, 40]
    loser = next(r for r in results if r.created == 0)
    assert loser.ok is False
    assert "可能有人同时导入了相同的记录" in loser.errors[0]


# --- check constraints in Python agree with the database --------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    joined=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2020, 1, 1)),
    left=st.one_of(
        st.none(), st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 1, 1))
    ),
    category=st.sampled_from(["A", "B", "C", "D", "E"]),
    status=st.sampled_from(["full", "probationary", "other"]),
    holds_office=st.booleans(),
    size=st.integers(min_value=-3, max_value=60),
    phone=st.sampled_from(["", "13900000000", "139000"]),
    ids=st.tuples(st.sampled_from([None, 1, 2]), st.sampled_from([None, 1, 2])),
)
def test_python_check_constraints_agree_with_the_database(
    db, joined, left, category, status, holds_office, size, phone, ids
):
    from django.core.exceptions import ValidationError
    from django.db import models

    from xingcun.core import constraints
    from xingcun.organisations.models import Organisation

    objects = [
        PartyMember(
            joined_on=joined,
            left_on=left,
            category=category,
            status=status,
            holds_office=holds_office,
        ),
        Household(size=size),
        Person(id_number="3301121980", phone=phone, gender="male"),
        Organisation(id=ids[0], parent_id=ids[1], founded_on=joined, dissolved_on=left),
    ]
    for obj in objects:
        model = type(obj)
        python = {str(e.messages) for e in constraints.violations(model, obj)}
        database = set()
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                try:
                    constraint.validate(model, obj)
                except ValidationError as e:
                    database.add(str(e.messages))
        assert python == database


def test_an_organisation_may_name_a_parent_further_up_the_same_file(tree):
    from xingcun.organisations.models import Organisation

    reg = registry.get("organisations")
    headers = [c.header for c in reg.columns]
    example = dict(zip(headers, reg.example, strict=True))

    def row(code, parent):
        values = {**example, "组织编号": code, "所属区划代码": tree.village_a.code}
        return [values[h] if h != "上级组织编号" else parent for h in headers]

    rows = [headers, row("ORG-1", ""), row("ORG-1-01", "ORG-1")]
    result = run("organisations", csv_bytes(rows), "o.csv", tree.district)
    assert result.ok, result.errors
    assert result.created == 2
    with scopes_disabled():
        assert Organisation.objects.get(code="ORG-1-01").parent.code == "ORG-1"
    below = [headers, row("ORG-2-01", "ORG-2"), row("ORG-2", "")]
    result = run("organisations", csv_bytes(below), "o.csv", tree.district)
    assert result.errors == ["第2行 上级组织编号: 引用的“ORG-2”须写在本行之前的行中，或先登记"]


def test_headers_with_full_width_punctuation_match_the_template(tree):
    headers = [h.replace("号", "号 ") for h in PEOPLE_HEADERS]
    headers[1] = "姓\n名"
    content = write_csv(headers, [person_row(1, tree.village_a)])
    result = run("people", content, "p.csv", tree.district)
    assert (result.ok, result.created) == (True, 1), result.errors
    # and a template header with full-width punctuation, typed with ASCII punctuation
    headers = ["区(县)代码", "规则名称", "起始年度", "淘宝村:网络零售额不低于(万元)"]
    content = write_csv(headers, [["330112", "新规则", "2021", "1000"]])
    result = run("taobao-rules", content, "r.csv", tree.district, check_only=True)
    assert not any("不是本模板的列" in e for e in result.errors), result.errors
