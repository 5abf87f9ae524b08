from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy

from xingcun.core import registry as r
from xingcun.core.permissions import AREA_EDIT
from xingcun.villages.models import VillageProfile, WeakVillageRule
from xingcun.villages.permissions import PROFILE_DELETE, PROFILE_EDIT, PROFILE_VIEW

register = r.registrar(section="foundation", perms=(PROFILE_VIEW, PROFILE_EDIT, PROFILE_DELETE))

PROFILES = register(
    VillageProfile,
    key="profiles",
    fields=[
        *r.VILLAGE,
        r.YEAR,
        "population",
        "households",
        "per_capita_income",
        "operating_income",
        "contract_income",
        r.F("investment_income", minimum=None),
        "subsidy_income",
        "other_income",
        "debt",
        r.F("industries", help=gettext_lazy("多个产业用顿号分隔，如 竹笋、民宿")),
    ],
    list_display=[
        (gettext_lazy("村社"), "area"),
        "year",
        (gettext_lazy("人口"), "population"),
        (gettext_lazy("人均收入(元)"), "per_capita_income"),
        r.ListColumn(gettext_lazy("集体经济收入(万元)"), lambda p: p.collective_income),
        r.ListColumn(gettext_lazy("经营性收入(万元)"), lambda p: p.operating_like_income),
        (gettext_lazy("债务(万元)"), "debt"),
    ],
    search_fields=("area__name",),
    kind_field="year",
    ordering=("-year", "area__code"),
    detail_extra="villages/_evidence.html",
    example=[
        "330112102201",
        "",
        2020,
        1850,
        620,
        "35210.00",
        "42.50",
        "18.00",
        "6.30",
        "25.00",
        "3.10",
        Decimal("120.00"),
        "竹笋、民宿",
    ],
)

WEAK_RULES = register(
    WeakVillageRule,
    key="weak-rules",
    fields=[
        r.RULE_AREA,
        "name",
        *r.VALIDITY,
        "total_income_below",
        "operating_income_below",
        "basis",
    ],
    perms=(PROFILE_VIEW, AREA_EDIT, AREA_EDIT),
    list_display=[
        "name",
        (gettext_lazy("适用区划"), "area"),
        r.VALIDITY_COLUMN,
        (gettext_lazy("总收入低于(万元)"), "total_income_below"),
        "operating_income_below",
    ],
    search_fields=("name",),
    ordering=("area__code", "valid_from"),
)
