from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.core.models import Area
from xingcun.organisations.registries import organisation_by_code
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

DISTRICT = frozenset({Area.Level.COUNTY})
ORG: dict[str, Any] = {"lookup": organisation_by_code, "key_of": lambda o: o.code, "what": "党组织"}


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


def agreement_by_number(text: str) -> Agreement | None:
    return Agreement.objects.filter(pk=int(text)).first() if text.isdigit() else None


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


STANDINGS = r.register(
    r.Registry(
        key="standings",
        model=OrganisationStanding,
        title=_("党组织年度星级"),
        section="organisation",
        columns=[
            r.RefColumn("组织编号", "organisation", required=True, **ORG),
            r.TextColumn(
                "组织名称", "organisation_name", readonly=True, getter=lambda s: s.organisation.name
            ),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.IntColumn("星级", "star_level", required=True, help="0到5"),
            r.TextColumn(
                "荣誉称号", "titles", max_length=200, help="多个用顿号分隔，如 最强党支部"
            ),
            r.BoolColumn("软弱后进", "lagging"),
            r.TextColumn("备注", "note", max_length=200),
        ],
        natural_key=("organisation", "year"),
        form_class=forms.StandingForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.STANDING_EDIT,
        perm_delete=perms.PAIRING_DELETE,
        list_columns=[
            r.ListColumn("党组织", lambda s: s.organisation.name, link=True),
            r.ListColumn("年度", lambda s: s.year),
            r.ListColumn("星级", lambda s: s.stars),
            r.ListColumn("荣誉称号", lambda s: s.titles),
            r.ListColumn("软弱后进", lambda s: "是" if s.lagging else ""),
            r.ListColumn("来源", lambda s: s.get_source_display()),
        ],
        search_fields=("organisation__name", "organisation__code", "titles"),
        kind_field="year",
        select_related=("area", "organisation"),
        ordering=("-year", "organisation__code"),
        prepare=_standing_area,
        example=["330112108230-00", "", 2020, 5, "最强党支部", "否", ""],
    )
)

AGREEMENTS = r.register(
    r.Registry(
        key="agreements",
        model=Agreement,
        title=_("结对共建协议"),
        section="organisation",
        columns=[
            r.TextColumn("协议编号", "pk", readonly=True),
            r.RefColumn("帮扶方组织编号", "strong", required=True, **ORG),
            r.TextColumn(
                "帮扶方名称", "strong_name", readonly=True, getter=lambda a: a.strong.name
            ),
            r.RefColumn("受援方组织编号", "weak", required=True, **ORG),
            r.TextColumn("受援方名称", "weak_name", readonly=True, getter=lambda a: a.weak.name),
            r.DateColumn("开始日期", "start_on", required=True, not_future=False),
            r.DateColumn("约定结束日期", "end_on", required=True, not_future=False),
            CooperationAreasColumn("合作领域", "cooperation_areas"),
            r.TextColumn("共建目标", "targets"),
            r.TextColumn(
                "状态", "status_label", readonly=True, getter=lambda a: a.get_status_display()
            ),
            r.DateColumn("实际结束日期", "ended_on", readonly=True),
            r.TextColumn(
                "结对成效", "outcome_label", readonly=True, getter=lambda a: a.get_outcome_display()
            ),
        ],
        natural_key=("strong", "weak", "start_on"),
        form_class=forms.AgreementForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_EDIT,
        perm_delete=perms.PAIRING_DELETE,
        list_columns=[
            r.ListColumn("结对", lambda a: str(a), link=True),
            r.ListColumn("开始", lambda a: a.start_on),
            r.ListColumn("结束", lambda a: a.effective_end),
            r.ListColumn("状态", lambda a: a.get_status_display()),
            r.ListColumn("成效", lambda a: a.get_outcome_display() if a.outcome else ""),
        ],
        search_fields=("strong__name", "weak__name"),
        kind_field="status",
        select_related=("area", "strong", "weak"),
        ordering=("-start_on", "id"),
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
)

ACTIVITIES = r.register(
    r.Registry(
        key="pairing-activities",
        model=Activity,
        title=_("结对活动"),
        section="organisation",
        columns=[
            r.RefColumn(
                "协议编号",
                "agreement",
                required=True,
                lookup=agreement_by_number,
                key_of=lambda a: str(a.pk),
                what="结对协议",
            ),
            r.TextColumn(
                "结对", "agreement_name", readonly=True, getter=lambda a: str(a.agreement)
            ),
            r.DateColumn("日期", "held_on", required=True),
            r.ChoiceColumn("活动类型", "kind", required=True, choices=Activity.Kind.choices),
            r.TextColumn("参加人员", "participants", required=True, max_length=200),
            r.IntColumn("参加人数", "participant_count"),
            r.TextColumn("内容", "summary"),
        ],
        natural_key=("agreement", "held_on", "kind"),
        form_class=forms.ActivityForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_EDIT,
        perm_delete=perms.PAIRING_DELETE,
        list_columns=[
            r.ListColumn("日期", lambda a: a.held_on, link=True),
            r.ListColumn("类型", lambda a: a.get_kind_display()),
            r.ListColumn("结对", lambda a: str(a.agreement)),
            r.ListColumn("参加人数", lambda a: a.participant_count),
        ],
        search_fields=("participants", "summary"),
        kind_field="kind",
        select_related=("area", "agreement__strong", "agreement__weak"),
        ordering=("-held_on", "-id"),
        prepare=_activity_area,
    )
)

ASSESSMENTS = r.register(
    r.Registry(
        key="assessments",
        model=VillageAssessment,
        title=_("双整达标与示范村"),
        section="organisation",
        columns=[
            r.AreaColumn("村社代码", "area", required=True),
            r.TextColumn(
                "村社名称", "area_name", readonly=True, getter=lambda a: a.area.display_name
            ),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.BoolColumn("双整达标", "compliant"),
            r.BoolColumn("示范村", "demonstration"),
            r.TextColumn(
                "佐证说明", "evidence_note", max_length=200, help="达标时必填，如验收文号"
            ),
        ],
        natural_key=("area", "year"),
        form_class=forms.AssessmentForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_EDIT,
        perm_delete=perms.PAIRING_DELETE,
        list_columns=[
            r.ListColumn("村社", lambda a: a.area.display_name, link=True),
            r.ListColumn("年度", lambda a: a.year),
            r.ListColumn("双整达标", lambda a: "是" if a.compliant else "否"),
            r.ListColumn("示范村", lambda a: "是" if a.demonstration else "否"),
        ],
        search_fields=("area__name",),
        kind_field="year",
        ordering=("-year", "area__code"),
        detail_exclude=("evidence",),
        detail_extra="pairing/_assessment_evidence.html",
        example=["330112108230", "", 2020, "是", "是", "临组〔2020〕12号"],
    )
)

COOPERATION_AREAS = r.register(
    r.Registry(
        key="cooperation-areas",
        model=CooperationArea,
        title=_("结对合作领域"),
        section="organisation",
        columns=[
            r.AreaColumn("区(县)代码", "area", required=True, levels=DISTRICT),
            r.TextColumn("合作领域", "name", required=True, max_length=32),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.IntColumn("排序", "order"),
        ],
        natural_key=("area", "name"),
        form_class=forms.CooperationAreaForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_CONFIGURE,
        perm_delete=perms.PAIRING_CONFIGURE,
        list_columns=[
            r.ListColumn("合作领域", lambda c: c.name, link=True),
            r.ListColumn("有效期", _validity),
            r.ListColumn("排序", lambda c: c.order),
        ],
        search_fields=("name",),
        ordering=("order", "name"),
    )
)

WEIGHTS = r.register(
    r.Registry(
        key="pairing-weights",
        model=PairingWeights,
        title=_("结对推荐参数"),
        section="organisation",
        columns=[
            r.AreaColumn("区(县)代码", "area", required=True, levels=DISTRICT),
            r.TextColumn("名称", "name", required=True, max_length=64),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.DecimalColumn("产业互补权重", "industry", required=True),
            r.DecimalColumn("距离权重", "distance", required=True),
            r.DecimalColumn("实力差权重", "strength", required=True),
            r.DecimalColumn("同镇得分", "same_town", required=True),
            r.DecimalColumn("相邻镇得分", "neighbour", required=True),
            r.DecimalColumn("区内其他镇得分", "elsewhere", required=True),
            r.IntColumn("每个帮扶组织最多结对数", "capacity", required=True, minimum=1),
            r.IntColumn("帮扶方最低星级", "min_star", required=True),
        ],
        natural_key=("area", "valid_from"),
        form_class=forms.PairingWeightsForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_CONFIGURE,
        perm_delete=perms.PAIRING_CONFIGURE,
        list_columns=[
            r.ListColumn("名称", lambda w: w.name, link=True),
            r.ListColumn("有效期", _validity),
            r.ListColumn("产业/距离/实力", lambda w: f"{w.industry}/{w.distance}/{w.strength}"),
            r.ListColumn("最多结对数", lambda w: w.capacity),
            r.ListColumn("最低星级", lambda w: w.min_star),
        ],
        ordering=("area__code", "valid_from"),
    )
)

ADJACENCY = r.register(
    r.Registry(
        key="town-adjacency",
        model=TownAdjacency,
        title=_("相邻镇街"),
        section="organisation",
        columns=[
            r.AreaColumn("区(县)代码", "area", required=True, levels=DISTRICT),
            r.AreaColumn("镇街代码", "town_a", required=True, levels=frozenset({4})),
            r.AreaColumn("相邻镇街代码", "town_b", required=True, levels=frozenset({4})),
        ],
        natural_key=("town_a", "town_b"),
        form_class=forms.TownAdjacencyForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_CONFIGURE,
        perm_delete=perms.PAIRING_CONFIGURE,
        list_columns=[
            r.ListColumn("镇街", lambda t: t.town_a.display_name, link=True),
            r.ListColumn("相邻镇街", lambda t: t.town_b.display_name),
        ],
        search_fields=("town_a__name", "town_b__name"),
        select_related=("area", "town_a", "town_b"),
        ordering=("town_a__code", "town_b__code"),
        prepare=_adjacency_area,
    )
)

CHECKLIST = r.register(
    r.Registry(
        key="shuangzheng-items",
        model=ChecklistItem,
        title=_("双整达标标准项目"),
        section="organisation",
        columns=[
            r.AreaColumn("区(县)代码", "area", required=True, levels=DISTRICT),
            r.TextColumn("达标项目", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.IntColumn("排序", "order"),
        ],
        natural_key=("area", "name", "valid_from"),
        form_class=forms.ChecklistItemForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_CONFIGURE,
        perm_delete=perms.PAIRING_CONFIGURE,
        list_columns=[
            r.ListColumn("达标项目", lambda c: c.name, link=True),
            r.ListColumn("有效期", _validity),
            r.ListColumn("排序", lambda c: c.order),
        ],
        search_fields=("name",),
        ordering=("order", "name"),
    )
)

TARGETS = r.register(
    r.Registry(
        key="pairing-targets",
        model=PairingTarget,
        title=_("结对共建年度目标"),
        section="organisation",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.DecimalColumn("双整达标村占比目标(%)", "compliance_target", required=True, places=1),
            r.DecimalColumn("示范村占比目标(%)", "demonstration_target", required=True, places=1),
        ],
        natural_key=("area", "year"),
        form_class=forms.PairingTargetForm,
        perm_view=perms.PAIRING_VIEW,
        perm_edit=perms.PAIRING_CONFIGURE,
        perm_delete=perms.PAIRING_CONFIGURE,
        list_columns=[
            r.ListColumn("区划", lambda t: t.area.display_name, link=True),
            r.ListColumn("年度", lambda t: t.year),
            r.ListColumn("双整达标目标(%)", lambda t: t.compliance_target),
            r.ListColumn("示范村目标(%)", lambda t: t.demonstration_target),
        ],
        kind_field="year",
        ordering=("-year", "area__code"),
    )
)
