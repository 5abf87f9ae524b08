from __future__ import annotations

from typing import Any

from xingcun.core import permissions as perms
from xingcun.core import registry as r
from xingcun.orders.forms import (
    DemonstrationProjectForm,
    ExpertForm,
    OrderRuleForm,
    ServiceCategoryForm,
    ServiceTeamForm,
)
from xingcun.orders.models import (
    DemonstrationProject,
    Expert,
    OrderRule,
    ServiceCategory,
    ServiceTeam,
)


def category_by_name(name: str) -> ServiceCategory | None:
    from xingcun.core.scoping import scope_area
    from xingcun.orders.selectors import category_choices_for

    area = scope_area()
    qs = category_choices_for(area) if area is not None else ServiceCategory.objects.all()
    return qs.filter(name=name).first()


def expert_by_code(code: str) -> Any:
    from xingcun.core.scoping import scope_area
    from xingcun.orders.selectors import expert_choices_for

    area = scope_area()
    qs = expert_choices_for(area) if area is not None else Expert.objects.all()
    return qs.filter(code=code).first()


CATEGORIES = r.register(
    r.Registry(
        key="service-categories",
        model=ServiceCategory,
        title="人才服务类别",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("服务类别", "name", required=True, max_length=32),
            r.TextColumn("关键词", "keywords", max_length=200, help="用顿号分隔"),
            r.IntColumn("排序", "position"),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000),
        ],
        natural_key=("area", "name"),
        form_class=ServiceCategoryForm,
        perm_view=perms.TALENT_VIEW,
        perm_edit=perms.ORDER_CONFIG,
        perm_delete=perms.ORDER_CONFIG,
        list_columns=[
            r.ListColumn("服务类别", lambda x: x.name, link=True),
            r.ListColumn("关键词", lambda x: x.keywords),
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
        ],
        search_fields=("name",),
        ordering=("position", "id"),
    )
)

ORDER_RULES = r.register(
    r.Registry(
        key="order-rules",
        model=OrderRule,
        title="点单时限规则",
        section="resources",
        columns=[
            r.AreaColumn("适用区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("规则名称", "name", required=True, max_length=64),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000, help="留空表示持续有效"),
            r.IntColumn("接单时限(天)", "accept_days", required=True, minimum=1),
            r.IntColumn("服务时限(天)", "deliver_days", required=True, minimum=1),
        ],
        natural_key=("area", "valid_from"),
        form_class=OrderRuleForm,
        perm_view=perms.TALENT_VIEW,
        perm_edit=perms.ORDER_CONFIG,
        perm_delete=perms.ORDER_CONFIG,
        list_columns=[
            r.ListColumn("规则名称", lambda x: x.name, link=True),
            r.ListColumn("适用区划", lambda x: x.area.display_name),
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}"),
            r.ListColumn("接单时限(天)", lambda x: x.accept_days),
            r.ListColumn("服务时限(天)", lambda x: x.deliver_days),
        ],
        ordering=("area__code", "valid_from"),
    )
)

TEAMS = r.register(
    r.Registry(
        key="service-teams",
        model=ServiceTeam,
        title="人才服务队",
        section="resources",
        columns=[
            r.AreaColumn("组建区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("服务队名称", "name", required=True, max_length=64),
            r.RefColumn(
                "服务类别",
                "category",
                required=True,
                lookup=category_by_name,
                key_of=lambda c: c.name,
                what="服务类别",
            ),
            r.TextColumn("队长", "leader", max_length=32),
            r.DateColumn("组建日期", "formed_on", required=True),
            r.DateColumn("撤销日期", "dissolved_on"),
        ],
        natural_key=("area", "name"),
        form_class=ServiceTeamForm,
        perm_view=perms.TALENT_VIEW,
        perm_edit=perms.TALENT_EDIT,
        perm_delete=perms.TALENT_DELETE,
        list_columns=[
            r.ListColumn("服务队", lambda x: x.name, link=True),
            r.ListColumn("类别", lambda x: x.category.name),
            r.ListColumn("组建区划", lambda x: x.area.display_name),
            r.ListColumn("队长", lambda x: x.leader),
            r.ListColumn("组建日期", lambda x: x.formed_on),
        ],
        search_fields=("name", "leader"),
        select_related=("area", "category"),
        ordering=("category__position", "name"),
    )
)

EXPERTS = r.register(
    r.Registry(
        key="experts",
        model=Expert,
        title="专家",
        section="resources",
        columns=[
            r.TextColumn("专家编号", "code", required=True, max_length=32),
            r.TextColumn("姓名", "name", required=True, max_length=32),
            r.AreaColumn("登记区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("工作单位", "unit", required=True, max_length=100),
            r.TextColumn("专业特长", "specialty", required=True, max_length=200),
            r.TextColumn("首席农技专家领域", "chief_field", max_length=32),
            r.TextColumn("联系电话", "phone", max_length=20),
        ],
        natural_key=("code",),
        form_class=ExpertForm,
        perm_view=perms.TALENT_VIEW,
        perm_edit=perms.TALENT_EDIT,
        perm_delete=perms.TALENT_DELETE,
        list_columns=[
            r.ListColumn("姓名", lambda x: x.name, link=True),
            r.ListColumn("工作单位", lambda x: x.unit),
            r.ListColumn("专业特长", lambda x: x.specialty),
            r.ListColumn("首席领域", lambda x: x.chief_field),
            r.ListColumn("登记区划", lambda x: x.area.display_name),
        ],
        search_fields=("name", "specialty", "unit"),
        detail_exclude=("user",),
        pii_columns=("phone",),
        ordering=("name",),
    )
)

DEMO_PROJECTS = r.register(
    r.Registry(
        key="demo-projects",
        model=DemonstrationProject,
        title="专家示范项目",
        section="resources",
        columns=[
            r.TextColumn("项目名称", "name", required=True, max_length=100),
            r.AreaColumn("实施区划代码", "area", required=True, levels=frozenset({4, 5})),
            r.RefColumn(
                "主持专家编号",
                "expert",
                required=True,
                lookup=expert_by_code,
                key_of=lambda e: e.code,
                what="专家",
            ),
            r.TextColumn("作物", "crop", required=True, max_length=32),
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.DecimalColumn("面积(亩)", "area_mu", required=True, places=1),
            r.DecimalColumn("亩产(公斤/亩)", "yield_per_mu", required=True, places=1),
            r.DecimalColumn("产值(万元)", "output_value", required=True),
            r.DecimalColumn(
                "农户增收(%)", "income_increase", required=True, places=1, minimum=None
            ),
        ],
        natural_key=("name", "year"),
        form_class=DemonstrationProjectForm,
        perm_view=perms.TALENT_VIEW,
        perm_edit=perms.TALENT_EDIT,
        perm_delete=perms.TALENT_DELETE,
        list_columns=[
            r.ListColumn("项目", lambda x: x.name, link=True),
            r.ListColumn("年度", lambda x: x.year),
            r.ListColumn("主持专家", lambda x: x.expert.name),
            r.ListColumn("面积(亩)", lambda x: x.area_mu),
            r.ListColumn("亩产(公斤/亩)", lambda x: x.yield_per_mu),
            r.ListColumn("产值(万元)", lambda x: x.output_value),
            r.ListColumn("增收(%)", lambda x: x.income_increase),
        ],
        search_fields=("name", "crop"),
        kind_field="year",
        select_related=("area", "expert"),
        ordering=("-year", "name"),
    )
)
