"""The import/export framework, exercised through real registries and through the pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook, load_workbook

from xingcun.core import registry
from xingcun.core.imports import import_table
from xingcun.core.models import AuditEntry, AuditTarget
from xingcun.core.permissions import Role
from xingcun.core.tabular import read_table, write_csv, write_xlsx
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.models import Person
from xingcun.people.tests.factories import (
    HouseholdFactory,
    PartyMemberFactory,
    PersonFactory,
    id_for,
)
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile

PEOPLE_HEADERS = ["身份证号", "姓名", "性别", "出生日期", "手机号", "所在村社代码"]


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    return "\r\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_import(key, content, filename, area, actor=None):
    table = read_table(content, filename, max_bytes=10 * 1024 * 1024)
    with scope(area=area.path):
        return import_table(registry=registry.get(key), table=table, actor=actor, filename=filename)


def person_row(n, village, **over):
    number = id_for(n)
    row = {
        "身份证号": number,
        "姓名": f"李{n}",
        "性别": "",
        "出生日期": "",
        "手机号": f"139{n:08d}",
        "所在村社代码": village.code,
    }
    row.update(over)
    return [row[h] for h in PEOPLE_HEADERS]


def test_people_csv_import_creates_rows_with_one_audit_entry(tree):
    content = csv_bytes(
        [PEOPLE_HEADERS, person_row(1, tree.village_a), person_row(2, tree.village_a)]
    )
    result = run_import("people", content, "people.csv", tree.district)
    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    with scopes_disabled():
        person = Person.objects.get(id_number=id_for(1))
        entries = AuditEntry.objects.filter(action="people.imported")
        assert entries.count() == 1
        assert AuditTarget.objects.filter(entry=entries.get()).count() == 2
    assert person.gender == ("male" if int(id_for(1)[16]) % 2 else "female")
    assert entries.get().via == "import"


def test_gbk_csv_as_saved_by_wps_is_read(tree):
    content = csv_bytes(
        [PEOPLE_HEADERS, person_row(3, tree.village_a, 姓名="欧阳锋")], encoding="gbk"
    )
    result = run_import("people", content, "people.csv", tree.district)
    assert result.ok
    with scopes_disabled():
        assert Person.objects.get(id_number=id_for(3)).name == "欧阳锋"


def test_any_bad_row_reports_every_error_and_writes_nothing(tree):
    rows = [
        PEOPLE_HEADERS,
        person_row(4, tree.village_a),
        person_row(
            5, tree.village_a, 身份证号=id_for(5)[:17] + ("0" if id_for(5)[17] != "0" else "1")
        ),
        person_row(6, tree.village_a, 所在村社代码="330112999999"),
        person_row(7, tree.village_a, 出生日期="2999-01-01"),
        person_row(4, tree.village_a),
    ]
    result = run_import("people", csv_bytes(rows), "people.csv", tree.district)
    assert not result.ok
    assert "第3行 身份证号: 身份证号校验码错误" in result.errors
    assert (
        "第4行 所在村社代码: 区划代码“330112999999”不存在，请核对代码（6、9或12位统计用区划代码）"
        in result.errors
    )
    assert "第5行 出生日期: 日期不能晚于今天" in result.errors
    assert "第6行 身份证号: 与第2行重复" in result.errors
    with scopes_disabled():
        assert Person.objects.count() == 0
        assert not AuditEntry.objects.filter(action="people.imported").exists()


def test_formula_cells_are_refused(tree):
    rows = [PEOPLE_HEADERS, person_row(8, tree.village_a)]
    rows[1][1] = '=HYPERLINK("http://x","点我")'
    result = run_import("people", xlsx_bytes(rows), "people.xlsx", tree.district)
    assert result.errors == ["第2行 姓名: 不允许使用公式，请填写数值或文字"]


def test_csv_formula_is_refused_too(tree):
    rows = [PEOPLE_HEADERS, person_row(9, tree.village_a, 姓名="=1+1")]
    result = run_import("people", csv_bytes(rows), "people.csv", tree.district)
    assert result.errors == ["第2行 姓名: 不允许使用公式，请填写数值或文字"]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "people.csv", "文件为空"),
        (b"hello", "people.txt", "不支持的文件类型"),
        (b"not a zip", "people.xlsx", "内容不是 Excel 工作簿"),
        ("身份证号,姓名\r\n".encode(), "people.csv", "文件中没有数据行"),
        (b"x" * 2048, "people.csv", "文件超过大小上限"),
    ],
)
def test_bad_files_get_a_clear_message(content, filename, message):
    from xingcun.core.tabular import TableError

    with pytest.raises(TableError, match=message):
        read_table(content, filename, max_bytes=1024)


def test_unknown_header_and_missing_required_column_are_named(tree):
    content = csv_bytes([["身份证", "姓名"], ["x", "y"]])
    result = run_import("people", content, "people.csv", tree.district)
    assert "第1行 身份证: 不是本模板的列，是否应为“身份证号”？请改为模板中的列名" in result.errors
    assert "第1行 身份证号: 缺少该列" in result.errors


def test_village_user_cannot_import_into_another_village(tree):
    content = csv_bytes([PEOPLE_HEADERS, person_row(10, tree.village_b)])
    result = run_import("people", content, "people.csv", tree.village_a)
    assert result.errors == ["第2行 所在村社代码: 区划代码“330112112238”不在您的辖区内"]


def test_existing_record_outside_scope_cannot_be_overwritten(tree):
    PersonFactory(area=tree.village_b, id_number=id_for(11))
    content = csv_bytes([PEOPLE_HEADERS, person_row(11, tree.village_a)])
    result = run_import("people", content, "people.csv", tree.village_a)
    assert result.errors == ["第2行 身份证号: 该记录属于您辖区之外，不能导入修改"]


def test_member_row_under_18_at_joining_is_refused(tree):
    person = PersonFactory(area=tree.village_a, id_number=id_for(12, dt.date(2000, 1, 1)))
    org = OrganisationFactory(area=tree.village_a, code="ORG-A")
    headers = [c.header for c in registry.get("members").columns if not c.readonly]
    row = {
        "身份证号": person.id_number,
        "所属党组织编号": org.code,
        "入党日期": "2010-07-01",
        "党员类型": "正式党员",
    }
    content = csv_bytes([headers, [row.get(h, "") for h in headers]])
    result = run_import("members", content, "members.csv", tree.district)
    assert result.errors == ["第2行 入党日期: 入党时应年满18周岁"]


def _export(key, area, fmt):
    reg = registry.get(key)
    with scope(area=area.path):
        rows = list(reg.export_rows(reg.queryset(), show_pii=True))
    headers = [c.header for c in reg.columns]
    return write_xlsx(headers, rows) if fmt == "xlsx" else write_csv(headers, rows)


def assert_reimports_unchanged(key, area, fmt):
    """Exporting register `key` and importing the file again changes nothing."""
    content = _export(key, area, fmt)
    result = run_import(key, content, f"export.{fmt}", area)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == result.total > 0


@pytest.fixture
def populated(tree):
    parent = OrganisationFactory(
        area=tree.town_a,
        code="330112108000-00",
        name="昌化镇党委",
        kind="town_committee",
        category="organ",
    )
    branch = OrganisationFactory(
        area=tree.village_a,
        code="330112108230-01",
        name="白牛村党委",
        parent=parent,
        kind="committee",
    )
    taobao = OrganisationFactory(
        area=tree.village_a,
        code="330112108230-TB",
        name="白牛村淘宝党支部",
        parent=branch,
        category="functional",
    )
    member = PartyMemberFactory(area=tree.village_a, organisation=branch)
    HouseholdFactory(area=tree.village_a, head=member.person, is_demonstration=True)
    from xingcun.organisations.models import BranchMembership

    with scopes_disabled():
        BranchMembership.objects.create(
            area=tree.village_a, member=member, organisation=taobao, joined_on=dt.date(2019, 3, 1)
        )
        VillageProfile.objects.create(
            area=tree.village_a,
            year=2020,
            population=1800,
            households=600,
            per_capita_income="35210.50",
            operating_income="42.5",
            contract_income="18",
            investment_income="-1.25",
            subsidy_income="25",
            other_income="3.1",
            debt="120",
            industries="电商、山核桃",
        )
        project = Project.objects.create(
            area=tree.town_a,
            code="XM2019-0001",
            name="=白牛电商产业园",
            kind="ecommerce",
            sponsor_organisation=branch,
            sponsor_person=member.person,
            investment="12345.67",
            status="operating",
            signed_on=dt.date(2019, 1, 5),
            landed_on=dt.date(2019, 6, 1),
        )
        project.villages.set([tree.village_a, tree.village_a2])
    return tree


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "key",
    ["organisations", "people", "members", "households", "branch-members", "profiles", "projects"],
)
def test_every_registry_imports_its_own_export_unchanged(populated, key, fmt):
    assert_reimports_unchanged(key, populated.district, fmt)


def test_export_neutralises_formula_like_text(populated):
    content = _export("projects", populated.district, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["'=白牛电商产业园"]
    csv_text = _export("projects", populated.district, "csv").decode("utf-8-sig")
    assert ",'=白牛电商产业园," in csv_text


def test_export_masks_id_numbers_without_the_pii_permission(populated):
    reg = registry.get("people")
    with scope(area=populated.district.path):
        row = next(iter(reg.export_rows(reg.queryset(), show_pii=False)))
    assert row[0].endswith("*" * 12)  # the region only: no birth date, sequence or check digit
    assert row[3] == f"{row[3][:4]}年"  # the birth year only
    assert row[4].count("*") == 4


def test_reimport_of_an_edited_export_updates_only_changed_rows(populated):
    content = _export("profiles", populated.district, "csv").decode("utf-8-sig")
    content = content.replace("35210.50", "36000.00")
    result = run_import("profiles", content.encode("utf-8-sig"), "p.csv", populated.district)
    assert (result.ok, result.updated, result.unchanged) == (True, 1, 0)
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="profiles.imported")
    assert entry.changes["rows"][0]["changes"]["per_capita_income"] == ["35210.50", "36000.00"]


def test_import_command_reports_errors_and_writes_nothing(tree, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([PEOPLE_HEADERS, person_row(20, tree.village_a, 手机号="12345")]))
    with pytest.raises(CommandError, match="发现 1 处错误"):
        call_command("import_records", "people", str(path), area="330112")
    with scopes_disabled():
        assert not Person.objects.exists()


def test_import_command_writes_with_command_path(tree, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([PEOPLE_HEADERS, person_row(21, tree.village_a)]))
    call_command("import_records", "people", str(path), area="330112")
    with scopes_disabled():
        assert AuditEntry.objects.get(action="people.imported").via == "command"


def test_import_page_shows_row_errors(tree, client_as):
    client = client_as(Role.DISTRICT, tree.district)
    upload = io.BytesIO(csv_bytes([PEOPLE_HEADERS, person_row(22, tree.village_a, 身份证号="123")]))
    upload.name = "people.csv"
    response = client.post("/r/people/import/", {"file": upload})
    assert response.status_code == 200
    assert "第2行 身份证号: 身份证号应为18位" in response.content.decode()


def test_template_has_instructions_and_dropdowns(tree, client_as):
    response = client_as(Role.DISTRICT, tree.district).get("/r/members/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["填写说明", "数据"]
    data = book["数据"]
    assert [c.value for c in data[1]][:3] == ["身份证号", "所属党组织编号", "入党日期"]
    formulas = [dv.formula1 for dv in data.data_validations.dataValidation]
    assert any("选项" in f for f in formulas)


def test_malformed_id_number_is_the_only_error_of_its_row(tree):
    rows = [PEOPLE_HEADERS, person_row(30, tree.village_a, 身份证号="33011219800517")]
    result = run_import("people", csv_bytes(rows), "people.csv", tree.district)
    assert result.errors == ["第2行 身份证号: 身份证号应为18位"]


def test_missing_required_value_says_required(tree):
    reg = registry.get("households")
    headers = [c.header for c in reg.columns if not c.readonly]
    row = {"户编号": "H1", "所在村代码": tree.village_a.code, "户主身份证号": "", "户人口数": "3"}
    result = run_import(
        "households",
        csv_bytes([headers, [row.get(h, "") for h in headers]]),
        "h.csv",
        tree.district,
    )
    assert result.errors == ["第2行 户主身份证号: 必填"]
