from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from xingcun.core import registry as r
from xingcun.core.models import Area
from xingcun.pairing import forms
from xingcun.pairing.models import (
    Activity,
    Agreement,
    ChecklistItem,
    CooperationArea,
    OrganisationStanding,
    PairingTarget,
    PairingWeights,
    TownAdjacency,
    VillageAssessment,
)
from xingcun.pairing.permissions import (
    PAIRING_CONFIGURE,
    PAIRING_DELETE,
    PAIRING_EDIT,
    PAIRING_VIEW,
    STANDING_EDIT,
)

DISTRICT = frozenset({Area.Level.COUNTY})


@dataclass
class CooperationAreasColumn(r.Column):
    """Cooperation areas by name, separated by 、 or ;, from the district's catalogue."""

    kind: ClassVar[str] = "合作领域名称，多个用顿号分隔"

    def parse(self, text: str) -> Any:
        names = [n for n in re.split(r"[、;；,，\s]+", text) if n]
        known = {c.name: c for c in forms.catalogue_of(CooperationArea)}
        missing = [n for n in names if n not in known]
        if missing:
            raise r.CellError(f"合作领域“{'、'.join(missing)}”不在目录中（{'、'.join(known)}）")
        return [known[n] for n in names]

    def cell(self, obj: Any) -> Any:
        return "、".join(c.name for c in obj.cooperation_areas.all())

    def empty(self) -> Any:
        return []


def _standing_area(values: dict[str, Any]) -> None:
    if values.get("organisation") is not None:
        values["area"] = values["organisation"].area


def _agreement_area(values: dict[str, Any]) -> None:
    if values.get("weak") is not None:
        values["area"] = values["weak"].area


def _activity_area(values: dict[str, Any]) -> None:
    if values.get("agreement") is not None:
        values["area"] = values["agreement"].area


def _adjacency_area(values: dict[str, Any]) -> None:
    town = values.get("town_a")
    if town is not None and town.parent is not None and values.get("area") is None:
        values["area"] = town.parent


def _validity(x: Any) -> str:
    return f"{x.valid_from}—{x.valid_to or '至今'}"


register = r.registrar(
    section="organisation",
    perms=(PAIRING_VIEW, PAIRING_CONFIGURE, PAIRING_CONFIGURE),
)

r.reference(Agreement, key="pk")

STANDINGS = register(
    OrganisationStanding,
    key="standings",
    fields=[
        r.F("organisation", "组织编号"),
        r.F("organisation__name", "组织名称"),
        r.YEAR,
        r.F("star_level", required=True, help="0到5"),
        "titles",
        "lagging",
        "note",
    ],
    perms=(PAIRING_VIEW, STANDING_EDIT, PAIRING_DELETE),
    list_display=[
        ("党组织", "organisation__name"),
        "year",
        r.ListColumn("星级", lambda s: s.stars),
        "titles",
        r.ListColumn("软弱后进", lambda s: "是" if s.lagging else ""),
        "source",
    ],
    search_fields=("organisation__name", "organisation__code", "titles"),
    kind_field="year",
    prepare=_standing_area,
    example=["330112108230-00", "", 2020, 5, "最强党支部", "否", ""],
)

AGREEMENTS = register(
    Agreement,
    key="agreements",
    fields=[
        r.TextColumn("协议编号", "pk", readonly=True),
        r.F("strong", "帮扶方组织编号"),
        r.F("strong__name", "帮扶方名称"),
        r.F("weak", "受援方组织编号"),
        r.F("weak__name", "受援方名称"),
        r.F("start_on", not_future=False),
        r.F("end_on", not_future=False),
        CooperationAreasColumn("合作领域", "cooperation_areas"),
        "targets",
        r.TextColumn(
            "状态", "status_label", readonly=True, getter=lambda a: a.get_status_display()
        ),
        r.F("ended_on", readonly=True),
        r.TextColumn(
            "结对成效", "outcome_label", readonly=True, getter=lambda a: a.get_outcome_display()
        ),
    ],
    perms=(PAIRING_VIEW, PAIRING_EDIT, PAIRING_DELETE),
    list_display=[
        r.ListColumn("结对", lambda a: str(a), link=True),
        ("开始", "start_on"),
        r.ListColumn("结束", lambda a: a.effective_end),
        "status",
        r.ListColumn("成效", lambda a: a.get_outcome_display() if a.outcome else ""),
    ],
    targets={
        "cooperation_areas": lambda: forms.catalogue_of(CooperationArea).order_by("order", "name")
    },
    search_fields=("strong__name", "weak__name"),
    kind_field="status",
    prepare=_agreement_area,
    detail_extra="pairing/_agreement_link.html",
    example=[
        "",
        "330112111232-00",
        "",
        "330112115207-00",
        "",
        "2020-01-01",
        "2022-12-31",
        "电商平台建设、市场资源共享",
        "共建电商服务站1个",
    ],
)

ACTIVITIES = register(
    Activity,
    key="pairing-activities",
    fields=[
        r.F("agreement", "协议编号", what="结对协议"),
        r.TextColumn("结对", "agreement_name", readonly=True, getter=lambda a: str(a.agreement)),
        "held_on",
        "kind",
        "participants",
        "participant_count",
        "summary",
    ],
    perms=(PAIRING_VIEW, PAIRING_EDIT, PAIRING_DELETE),
    list_display=[
        "held_on",
        ("类型", "kind"),
        r.ListColumn("结对", lambda a: str(a.agreement)),
        "participant_count",
    ],
    form_fields=[
        "agreement",
        "held_on",
        "kind",
        "participants",
        "participant_count",
        "summary",
        "evidence",
    ],
    search_fields=("participants", "summary"),
    kind_field="kind",
    select_related=("area", "agreement__strong", "agreement__weak"),
    prepare=_activity_area,
)

ASSESSMENTS = register(
    VillageAssessment,
    key="assessments",
    fields=[
        r.F("area", "村社代码"),
        r.F("area__display_name", "村社名称"),
        r.YEAR,
        "compliant",
        "demonstration",
        r.F("evidence_note", help="达标时必填，如验收文号"),
    ],
    perms=(PAIRING_VIEW, PAIRING_EDIT, PAIRING_DELETE),
    list_display=[
        ("村社", "area"),
        "year",
        r.ListColumn("双整达标", lambda a: "是" if a.compliant else "否"),
        r.ListColumn("示范村", lambda a: "是" if a.demonstration else "否"),
    ],
    form_fields=["area", "year", "compliant", "demonstration", "evidence", "evidence_note"],
    search_fields=("area__name",),
    kind_field="year",
    detail_exclude=("evidence",),
    detail_extra="pairing/_assessment_evidence.html",
    example=["330112108230", "", 2020, "是", "是", "临组〔2020〕12号"],
)

COOPERATION_AREAS = register(
    CooperationArea,
    key="cooperation-areas",
    fields=[
        r.F("area", "区(县)代码", levels=DISTRICT),
        "name",
        r.F("valid_from", required=True, minimum=2000),
        r.F("valid_to", help="留空表示持续有效", minimum=2000),
        "order",
    ],
    list_display=["name", r.ListColumn("有效期", _validity), "order"],
    search_fields=("name",),
)

WEIGHTS = register(
    PairingWeights,
    key="pairing-weights",
    fields=[
        r.F("area", "区(县)代码", levels=DISTRICT),
        r.F("name", required=True),
        r.F("valid_from", required=True, minimum=2000),
        r.F("valid_to", help="留空表示持续有效", minimum=2000),
        r.F("industry", required=True),
        r.F("distance", required=True),
        r.F("strength", required=True),
        r.F("same_town", required=True),
        r.F("neighbour", required=True),
        r.F("elsewhere", required=True),
        r.F("capacity", required=True, minimum=1),
        r.F("min_star", required=True),
    ],
    list_display=[
        "name",
        r.ListColumn("有效期", _validity),
        r.ListColumn("产业/距离/实力", lambda w: f"{w.industry}/{w.distance}/{w.strength}"),
        ("最多结对数", "capacity"),
        ("最低星级", "min_star"),
    ],
    ordering=("area__code", "valid_from"),
)

ADJACENCY = register(
    TownAdjacency,
    key="town-adjacency",
    fields=[
        r.F("area", "区(县)代码", levels=DISTRICT),
        r.F("town_a", "镇街代码", levels=frozenset({4})),
        r.F("town_b", "相邻镇街代码", levels=frozenset({4})),
    ],
    list_display=[("镇街", "town_a"), ("相邻镇街", "town_b")],
    search_fields=("town_a__name", "town_b__name"),
    prepare=_adjacency_area,
)

CHECKLIST = register(
    ChecklistItem,
    key="shuangzheng-items",
    fields=[
        r.F("area", "区(县)代码", levels=DISTRICT),
        "name",
        r.F("valid_from", required=True, minimum=2000),
        r.F("valid_to", help="留空表示持续有效", minimum=2000),
        "order",
    ],
    list_display=["name", r.ListColumn("有效期", _validity), "order"],
    search_fields=("name",),
)

TARGETS = register(
    PairingTarget,
    key="pairing-targets",
    fields=[
        r.F("area", "区划代码", levels=frozenset({3, 4})),
        r.YEAR,
        r.F("compliance_target", required=True),
        r.F("demonstration_target", required=True),
    ],
    list_display=[
        ("区划", "area"),
        "year",
        ("双整达标目标(%)", "compliance_target"),
        ("示范村目标(%)", "demonstration_target"),
    ],
    kind_field="year",
)
