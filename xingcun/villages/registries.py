from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.villages.forms import VillageProfileForm, WeakVillageRuleForm
from xingcun.villages.models import VillageProfile, WeakVillageRule

PROFILES = r.register(
    r.Registry(
        key="profiles",
        model=VillageProfile,
        title=_("村情年度档案"),
        section="foundation",
        columns=[
            r.AreaColumn("村社代码", "area", required=True),
            r.TextColumn(
                "村社名称", "area_name", readonly=True, getter=lambda p: p.area.display_name
            ),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.IntColumn("户籍人口", "population", required=True),
            r.IntColumn("户数", "households", required=True),
            r.DecimalColumn("村民人均可支配收入(元)", "per_capita_income", required=True),
            r.DecimalColumn("经营收入(万元)", "operating_income", required=True),
            r.DecimalColumn("发包及上交收入(万元)", "contract_income", required=True),
            r.DecimalColumn("投资收益(万元)", "investment_income", required=True, minimum=None),
            r.DecimalColumn("补助收入(万元)", "subsidy_income", required=True),
            r.DecimalColumn("其他收入(万元)", "other_income", required=True),
            r.DecimalColumn("村级债务(万元)", "debt", required=True),
            r.TextColumn(
                "主导产业", "industries", max_length=200, help="多个产业用顿号分隔，如 竹笋、民宿"
            ),
        ],
        natural_key=("area", "year"),
        form_class=VillageProfileForm,
        perm_view=perms.PROFILE_VIEW,
        perm_edit=perms.PROFILE_EDIT,
        perm_delete=perms.PROFILE_DELETE,
        list_columns=[
            r.ListColumn("村社", lambda p: p.area.display_name, link=True),
            r.ListColumn("年度", lambda p: p.year),
            r.ListColumn("人口", lambda p: p.population),
            r.ListColumn("人均收入(元)", lambda p: p.per_capita_income),
            r.ListColumn("集体经济收入(万元)", lambda p: p.collective_income),
            r.ListColumn("经营性收入(万元)", lambda p: p.operating_like_income),
            r.ListColumn("债务(万元)", lambda p: p.debt),
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
)

WEAK_RULES = r.register(
    r.Registry(
        key="weak-rules",
        model=WeakVillageRule,
        title=_("薄弱村认定规则"),
        section="foundation",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("规则名称", "name", required=True, max_length=100),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.DecimalColumn("集体经济总收入低于(万元)", "total_income_below", required=True),
            r.DecimalColumn("经营性收入低于(万元)", "operating_income_below", required=True),
            r.TextColumn("依据", "basis", max_length=200),
        ],
        natural_key=("area", "valid_from"),
        form_class=WeakVillageRuleForm,
        perm_view=perms.PROFILE_VIEW,
        perm_edit=perms.AREA_EDIT,
        perm_delete=perms.AREA_EDIT,
        list_columns=[
            r.ListColumn("规则名称", lambda x: x.name, link=True),
            r.ListColumn("适用区划", lambda x: x.area.display_name),
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
            r.ListColumn("总收入低于(万元)", lambda x: x.total_income_below),
            r.ListColumn("经营性收入低于(万元)", lambda x: x.operating_income_below),
        ],
        search_fields=("name",),
        ordering=("area__code", "valid_from"),
    )
)
