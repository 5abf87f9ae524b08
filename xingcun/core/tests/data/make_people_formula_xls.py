"""Remake `people-formula.xls`, the .xls of the formula test (needs LibreOffice):

    .venv/bin/python xingcun/core/tests/data/make_people_formula_xls.py

openpyxl writes an xlsx with two sheets: 说明, with a formula in A3, and 数据, with a title row,
the header row and three people, the second one's phone number a formula (cell E4);
`soffice --headless --convert-to xls` turns it into a BIFF8 workbook."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
HEADERS = ["身份证号", "姓名", "性别", "出生日期", "手机号", "所在村社代码"]


def id_for(n: int) -> str:  # as xingcun.people.tests.factories.id_for, without Django
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    birth = dt.date(1980, 5, 17) + dt.timedelta(days=n // 500)
    body = f"330112{birth:%Y%m%d}{(2 * (n % 500) + 1) % 1000:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def main() -> None:
    book = Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["填写说明"])
    notes.append(["行数"])
    notes.append(["=1+1"])  # A3: a formula on another sheet, where 数据 has an ID number
    data = book.create_sheet("数据")
    data.append(["临安区人员登记表"])
    data.append(HEADERS)
    for n in (1, 2, 3):
        phone = "=13900000000+2" if n == 2 else f"139{n:08d}"
        data.append([id_for(n), f"李{n}", "", "", phone, "330112108230"])
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "people-formula.xlsx"
        book.save(source)
        subprocess.run(  # noqa: S603 - a fixed command
            ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(HERE), str(source)],  # noqa: S607
            check=True,
        )


if __name__ == "__main__":
    main()
