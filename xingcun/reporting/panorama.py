"""村情全景: one page per village (and one per town) gathering every mechanism's records about
it, the profile over the years with a chart, the reporting status, and a timeline of events with
provenance from the audit log (who, when, through which page, import, command or task)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, gettext_lazy

from xingcun.core import registry
from xingcun.core.models import Area, AuditEntry
from xingcun.indicators import charts
from xingcun.reporting import selectors
from xingcun.reporting.models import TaskInstance
from xingcun.villages.models import VillageProfile

TIMELINE = 40


def _registers(area: Area) -> list[dict[str, Any]]:
    """Every register's count of records in the area's subtree (one query per register)."""
    rows = []
    for reg in registry.all_registries():
        if reg.area_field != "area":
            continue
        try:
            n = reg.model._default_manager.filter(area__path__startswith=area.path).count()
            url = reverse(f"core:{reg.key}-list") + f"?area={area.code}"
        except NoReverseMatch:
            continue
        if n:
            rows.append({"title": reg.title, "count": n, "url": url})
    return rows


VERBS = {
    "created": gettext_lazy("新增"),
    "updated": gettext_lazy("修改"),
    "deleted": gettext_lazy("删除"),
    "imported": gettext_lazy("导入"),
    "submitted": gettext_lazy("报送"),
    "approved": gettext_lazy("审核通过"),
    "accepted": gettext_lazy("验收"),
    "returned": gettext_lazy("退回"),
    "reminded": gettext_lazy("催报"),
    "self_scored": gettext_lazy("自评"),
    "evidence_added": gettext_lazy("上传佐证"),
    "star_set": gettext_lazy("定星"),
    "raised": gettext_lazy("提出"),
    "answered": gettext_lazy("答复"),
    "rejected": gettext_lazy("驳回"),
    "upheld": gettext_lazy("认定成立"),
    "claimed": gettext_lazy("认领"),
    "verified": gettext_lazy("核实"),
    "published": gettext_lazy("发布"),
    "fulfilled": gettext_lazy("实现"),
    "confirmed": gettext_lazy("确认"),
    "publicised": gettext_lazy("公示"),
    "finalised": gettext_lazy("确定"),
    "computed": gettext_lazy("测算"),
    "loaded": gettext_lazy("载入演示数据"),
}


def action_label(action: str) -> str:
    """'profiles.created' → '新增 村情年度档案' (the register's title when there is one)."""
    subject, _, verb = action.rpartition(".")
    titles = {reg.key: str(reg.title) for reg in registry.all_registries()}
    titles.update({"reporting_instance": gettext("报送"), "reporting_task": gettext("报送任务")})
    return f"{VERBS.get(verb, verb)} {titles.get(subject, '')}".strip()


def timeline(area: Area, limit: int = TIMELINE) -> list[AuditEntry]:
    entries = list(
        AuditEntry.objects.filter(area__path__startswith=area.path)
        .select_related("actor", "area")
        .order_by("-created_at", "-id")[:limit]
    )
    for entry in entries:
        entry.label = action_label(entry.action)  # type: ignore[attr-defined]
    return entries


def _profile_chart(area: Area, profiles: list[VillageProfile]) -> dict[str, Any]:
    points = [
        charts.Point(f"{p.year}", p.collective_income)
        for p in sorted(profiles, key=lambda p: p.year)
    ]
    return charts.trend(
        title=gettext("集体经济总收入"),
        unit="万元",
        points=points,
        filename=gettext("%(code)s-集体经济") % {"code": area.code},
    )


def village(*, area: Area) -> dict[str, Any]:
    profiles = list(VillageProfile.objects.filter(area=area).order_by("-year"))
    latest = profiles[0] if profiles else None
    before = profiles[1] if len(profiles) > 1 else None
    instances = list(
        TaskInstance.objects.filter(area=area).select_related("task").order_by("-period_end")[:12]
    )
    return {
        "area": area,
        "ancestors": area.ancestors(),
        "profiles": profiles,
        "latest": latest,
        "before": before,
        "change": (
            latest.collective_income - before.collective_income if latest and before else None
        ),
        "chart": {
            "key": "profile-chart",
            "title": gettext("集体经济总收入"),
            "options": _profile_chart(area, profiles),
        }
        if profiles
        else None,
        "registers": _registers(area),
        "instances": instances,
        "timeline": timeline(area),
    }


def town(*, area: Area) -> dict[str, Any]:
    villages = list(Area.objects.filter(parent=area).order_by("code"))
    latest_year = (
        VillageProfile.objects.filter(area__path__startswith=area.path)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    by_village = {
        p.area_id: p
        for p in VillageProfile.objects.filter(area__parent=area, year=latest_year or 0)
    }
    late_ids = set(selectors.late().filter(Q(area__parent=area)).values_list("area_id", flat=True))
    return {
        "area": area,
        "ancestors": area.ancestors(),
        "villages": [(v, by_village.get(v.pk), v.pk in late_ids) for v in villages],
        "year": latest_year,
        "registers": _registers(area),
        "overview": selectors.overview(),
        "timeline": timeline(area),
    }
