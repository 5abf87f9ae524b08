from __future__ import annotations

from django.utils.translation import gettext_lazy

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core import registry as r
from xingcun.core.permissions import Role
from xingcun.orders import selectors
from xingcun.orders.models import (
    DemonstrationProject,
    Expert,
    OrderRule,
    ServiceCategory,
    ServiceTeam,
)
from xingcun.orders.permissions import ORDER_CONFIG, TALENT_DELETE, TALENT_EDIT, TALENT_VIEW

register = r.registrar(section="resources", perms=(TALENT_VIEW, TALENT_EDIT, TALENT_DELETE))
configure = r.registrar(section="resources", perms=(TALENT_VIEW, ORDER_CONFIG, ORDER_CONFIG))

r.reference(ServiceCategory, key="name")
r.reference(Expert, key="code")

CATEGORIES = configure(
    ServiceCategory,
    key="service-categories",
    fields=[
        r.F("area", gettext_lazy("区划代码"), levels=frozenset({3})),
        "name",
        r.F("keywords", help=gettext_lazy("用顿号分隔")),
        "position",
        r.F("valid_from", required=True, minimum=2000),
        r.F("valid_to", minimum=2000),
    ],
    list_display=[
        "name",
        "keywords",
        r.VALIDITY_COLUMN,
    ],
    search_fields=("name",),
)

ORDER_RULES = configure(
    OrderRule,
    key="order-rules",
    fields=[
        r.RULE_AREA,
        "name",
        *r.VALIDITY,
        r.F("accept_days", minimum=1),
        r.F("deliver_days", minimum=1),
    ],
    list_display=[
        "name",
        (gettext_lazy("适用区划"), "area"),
        r.VALIDITY_COLUMN,
        "accept_days",
        "deliver_days",
    ],
    ordering=("area__code", "valid_from"),
)

TEAMS = register(
    ServiceTeam,
    key="service-teams",
    fields=[
        r.F("area", gettext_lazy("组建区划代码"), levels=frozenset({3, 4})),
        "name",
        r.F("category", gettext_lazy("服务类别"), what=gettext_lazy("服务类别")),
        "leader",
        "formed_on",
        "dissolved_on",
    ],
    list_display=[
        (gettext_lazy("服务队"), "name"),
        (gettext_lazy("类别"), "category__name"),
        (gettext_lazy("组建区划"), "area"),
        "leader",
        "formed_on",
    ],
    targets={"category": r.reach(ServiceCategory, selectors.category_choices_for)},
    search_fields=("name", "leader"),
)

EXPERTS = register(
    Expert,
    key="experts",
    fields=[
        "code",
        "name",
        r.F("area", gettext_lazy("登记区划代码"), levels=frozenset({3, 4})),
        "unit",
        r.F("specialty", help=""),
        r.F("chief_field", help=""),
        "phone",
    ],
    list_display=[
        "name",
        "unit",
        "specialty",
        (gettext_lazy("首席领域"), "chief_field"),
        (gettext_lazy("登记区划"), "area"),
    ],
    targets={"user": lambda: role_users_in_scope(Role.EXPERT)},
    help_texts={"user": gettext_lazy("持有“专家”角色的账号；专家用它登录查看和处理派给自己的点单")},
    form_extra=["teams", "user"],
    search_fields=("name", "specialty", "unit"),
    detail_exclude=("user",),
    pii_columns=("phone",),
    ordering=("name",),
)

DEMO_PROJECTS = register(
    DemonstrationProject,
    key="demo-projects",
    fields=[
        "name",
        r.F("area", gettext_lazy("实施区划代码"), levels=frozenset({4, 5})),
        r.F("expert", gettext_lazy("主持专家编号")),
        "crop",
        r.YEAR,
        "area_mu",
        "yield_per_mu",
        "output_value",
        r.DecimalColumn(
            gettext_lazy("农户增收(%)"), "income_increase", required=True, places=1, minimum=None
        ),
    ],
    list_display=[
        (gettext_lazy("项目"), "name"),
        "year",
        (gettext_lazy("主持专家"), "expert__name"),
        "area_mu",
        "yield_per_mu",
        "output_value",
        (gettext_lazy("增收(%)"), "income_increase"),
    ],
    targets={"expert": r.reach(Expert, selectors.expert_choices_for)},
    search_fields=("name", "crop"),
    kind_field="year",
)
