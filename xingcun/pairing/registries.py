from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext, gettext_lazy
from django_stubs_ext import StrOrPromise

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

# The district that sets a catalogue or a rule.
DISTRICT = r.F("area", gettext_lazy("区(县)代码"), levels=frozenset({Area.Level.COUNTY}))


@dataclass
class CooperationAreasColumn(r.Column):
    """Cooperation areas by name, separated by 、 or ;, from the district's catalogue."""

    kind: ClassVar[StrOrPromise] = gettext_lazy("合作领域名称，多个用顿号分隔")

    def parse(self, text: str) -> Any:
        names = [n for n in re.split(r"[、;；,，\s]+", text) if n]
        known = {c.name: c for c in forms.catalogue_of(CooperationArea)}
        missing = [n for n in names if n not in known]
        if missing:
            raise r.CellError(
                gettext("合作领域“%(join)s”不在目录中（%(join2)s）")
                % {"join": "、".join(missing), "join2": "、".join(known)}
            )
        return [known[n] for n in names]

    def cell(self, obj: Any) -> Any:
        return "、".join(c.name for c in obj.cooperation_areas.all())

    def empty(self) -> Any:
        return []


def _adjacency_area(values: dict[str, Any]) -> None:
    town = values.get("town_a")
    if town is not None and town.parent is not None and values.get("area") is None:
        values["area"] = town.parent


register = r.registrar(
    section="organisation",
    perms=(PAIRING_VIEW, PAIRING_CONFIGURE, PAIRING_CONFIGURE),
)
# The records that pairing staff keep (the rest is the district's configuration).
edit = r.registrar(section="organisation", perms=(PAIRING_VIEW, PAIRING_EDIT, PAIRING_DELETE))

r.reference(Agreement, key="pk")

STANDINGS = register(
    OrganisationStanding,
    key="standings",
    fields=[
        *r.ORGANISATION,
        r.YEAR,
        r.F("star_level", required=True, help=gettext_lazy("0到5")),
        "titles",
        "lagging",
        "note",
    ],
    perms=(PAIRING_VIEW, STANDING_EDIT, PAIRING_DELETE),
    list_display=[
        (gettext_lazy("党组织"), "organisation__name"),
        "year",
        r.ListColumn(gettext_lazy("星级"), lambda s: s.stars),
        "titles",
        r.ListColumn(gettext_lazy("软弱后进"), lambda s: gettext("是") if s.lagging else ""),
        "source",
    ],
    search_fields=("organisation__name", "organisation__code", "titles"),
    kind_field="year",
    prepare=r.area_of("organisation"),
    example=["330112108230-00", "", 2020, 5, "最强党支部", "否", ""],
)

AGREEMENTS = edit(
    Agreement,
    key="agreements",
    fields=[
        r.TextColumn(gettext_lazy("协议编号"), "pk", readonly=True),
        r.F("strong", gettext_lazy("帮扶方组织编号")),
        r.F("strong__name", gettext_lazy("帮扶方名称")),
        r.F("weak", gettext_lazy("受援方组织编号")),
        r.F("weak__name", gettext_lazy("受援方名称")),
        r.F("start_on", not_future=False),
        r.F("end_on", not_future=False),
        CooperationAreasColumn(gettext_lazy("合作领域"), "cooperation_areas"),
        "targets",
        r.TextColumn(
            gettext_lazy("状态"),
            "status_label",
            readonly=True,
            getter=lambda a: a.get_status_display(),
        ),
        r.F("ended_on", readonly=True),
        r.TextColumn(
            gettext_lazy("结对成效"),
            "outcome_label",
            readonly=True,
            getter=lambda a: a.get_outcome_display(),
        ),
    ],
    list_display=[
        r.ListColumn(gettext_lazy("结对"), lambda a: str(a), link=True),
        (gettext_lazy("开始"), "start_on"),
        r.ListColumn(gettext_lazy("结束"), lambda a: a.effective_end),
        "status",
        r.ListColumn(gettext_lazy("成效"), lambda a: a.get_outcome_display() if a.outcome else ""),
    ],
    targets={
        "cooperation_areas": lambda: forms.catalogue_of(CooperationArea).order_by("order", "name")
    },
    search_fields=("strong__name", "weak__name"),
    kind_field="status",
    prepare=r.area_of("weak"),
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

ACTIVITIES = edit(
    Activity,
    key="pairing-activities",
    fields=[
        r.F("agreement", gettext_lazy("协议编号"), what=gettext_lazy("结对协议")),
        r.TextColumn(
            gettext_lazy("结对"), "agreement_name", readonly=True, getter=lambda a: str(a.agreement)
        ),
        "held_on",
        "kind",
        "participants",
        "participant_count",
        "summary",
    ],
    list_display=[
        "held_on",
        (gettext_lazy("类型"), "kind"),
        r.ListColumn(gettext_lazy("结对"), lambda a: str(a.agreement)),
        "participant_count",
    ],
    form_extra=["evidence"],
    search_fields=("participants", "summary"),
    kind_field="kind",
    select_related=("area", "agreement__strong", "agreement__weak"),
    prepare=r.area_of("agreement"),
)

ASSESSMENTS = edit(
    VillageAssessment,
    key="assessments",
    fields=[
        *r.VILLAGE,
        r.YEAR,
        "compliant",
        "demonstration",
        r.F("evidence_note", help=gettext_lazy("达标时必填，如验收文号")),
    ],
    list_display=[
        (gettext_lazy("村社"), "area"),
        "year",
        r.ListColumn(
            gettext_lazy("双整达标"), lambda a: gettext("是") if a.compliant else gettext("否")
        ),
        r.ListColumn(
            gettext_lazy("示范村"), lambda a: gettext("是") if a.demonstration else gettext("否")
        ),
    ],
    form_fields=["area", "year", "compliant", "demonstration", "evidence", "evidence_note"],
    search_fields=("area__name",),
    kind_field="year",
    detail_exclude=("evidence",),
    detail_extra="pairing/_assessment_evidence.html",
    example=["330112108230", "", 2020, "是", "是", "临组〔2020〕12号"],
)


def _district_list(model: type[models.Model], key: str) -> r.Registry:
    """A district's dated, ordered list of names (cooperation areas, 双整 checklist items)."""
    return register(
        model,
        key=key,
        fields=[DISTRICT, "name", *r.VALIDITY, "order"],
        list_display=["name", r.VALIDITY_COLUMN, "order"],
        search_fields=("name",),
    )


COOPERATION_AREAS = _district_list(CooperationArea, "cooperation-areas")

WEIGHTS = register(
    PairingWeights,
    key="pairing-weights",
    fields=[
        DISTRICT,
        r.F("name", required=True),
        *r.VALIDITY,
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
        r.VALIDITY_COLUMN,
        r.ListColumn(
            gettext_lazy("产业/距离/实力"), lambda w: f"{w.industry}/{w.distance}/{w.strength}"
        ),
        (gettext_lazy("最多结对数"), "capacity"),
        (gettext_lazy("最低星级"), "min_star"),
    ],
    ordering=("area__code", "valid_from"),
)

ADJACENCY = register(
    TownAdjacency,
    key="town-adjacency",
    fields=[
        DISTRICT,
        r.F("town_a", gettext_lazy("镇街代码"), levels=frozenset({4})),
        r.F("town_b", gettext_lazy("相邻镇街代码"), levels=frozenset({4})),
    ],
    list_display=[(gettext_lazy("镇街"), "town_a"), (gettext_lazy("相邻镇街"), "town_b")],
    search_fields=("town_a__name", "town_b__name"),
    prepare=_adjacency_area,
)

CHECKLIST = _district_list(ChecklistItem, "shuangzheng-items")

TARGETS = register(
    PairingTarget,
    key="pairing-targets",
    fields=[
        r.F("area", gettext_lazy("区划代码"), levels=frozenset({3, 4})),
        r.YEAR,
        r.F("compliance_target", required=True),
        r.F("demonstration_target", required=True),
    ],
    list_display=[
        (gettext_lazy("区划"), "area"),
        "year",
        (gettext_lazy("双整达标目标(%)"), "compliance_target"),
        (gettext_lazy("示范村目标(%)"), "demonstration_target"),
    ],
    kind_field="year",
)
