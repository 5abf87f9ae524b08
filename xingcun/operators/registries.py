from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core import registry as r
from xingcun.core.permissions import Role
from xingcun.operators import forms, services
from xingcun.operators.models import (
    AttractedTalent,
    OperatorContract,
    OperatorResult,
    OperatorReview,
    OperatorTeam,
    ReviewRule,
    SettledProject,
    TalentKind,
)
from xingcun.operators.permissions import (
    OPERATOR_DELETE,
    OPERATOR_EDIT,
    OPERATOR_REVIEW,
    OPERATOR_VIEW,
)


def contract_by_key(text: str) -> Any:
    """A contract by “团队名称·村落景区”."""
    team, _, scenic = text.partition("·")
    return OperatorContract.objects.filter(team__name=team, scenic_name=scenic).first()


r.reference(OperatorTeam, key="name")
r.reference(TalentKind, key="name")


CONTRACT = r.RefColumn(
    gettext_lazy("运营合同"),
    "contract",
    required=True,
    lookup=contract_by_key,
    key_of=lambda c: f"{c.team.name}·{c.scenic_name}",
    what=gettext_lazy("运营合同"),
    help=gettext_lazy("团队名称·村落景区"),
)
EDIT = (OPERATOR_VIEW, OPERATOR_EDIT, OPERATOR_DELETE)
CONFIG = (OPERATOR_VIEW, OPERATOR_REVIEW, OPERATOR_REVIEW)
register = r.registrar(section="resources", perms=EDIT)
configure = r.registrar(section="resources", perms=CONFIG)
# A contract's records, filed under its village.
of_contract = r.registrar(section="resources", perms=EDIT, prepare=r.area_of("contract"))
CONTRACT_LINK = r.ListColumn(gettext_lazy("合同"), lambda x: str(x.contract), link=True)

register(
    OperatorTeam,
    key="operator-teams",
    fields=[
        r.F("area", gettext_lazy("招募区划代码"), levels=frozenset({3, 4})),
        "name",
        "leader",
        "applied_on",
        "status",
        "selected_on",
        "specialties",
    ],
    list_display=[
        (gettext_lazy("团队"), "name"),
        "leader",
        (gettext_lazy("状态"), "status"),
        "selected_on",
    ],
    targets={"users": lambda: role_users_in_scope(Role.PARTNER)},
    form_extra=["users"],
    search_fields=("name", "leader"),
    kind_field="status",
)
register(
    OperatorContract,
    key="operator-contracts",
    fields=[
        r.F("team", what=gettext_lazy("运营团队")),
        r.F("area", gettext_lazy("签约村代码")),
        "scenic_name",
        "signed_on",
        r.F("ends_on", not_future=False),
        "target_businesses",
        r.DecimalColumn(gettext_lazy("目标投资(万元)"), "target_investment"),
        "target_talents",
        r.F("status", readonly=True),
    ],
    list_display=[
        "scenic_name",
        (gettext_lazy("团队"), "team__name"),
        (gettext_lazy("签约村"), "area"),
        "signed_on",
        "status",
    ],
    labels={"area": gettext_lazy("签约村")},
    targets={"team": r.reach(OperatorTeam, forms.teams_for)},
    search_fields=("scenic_name", "team__name"),
    kind_field="status",
)
configure(
    TalentKind,
    key="talent-kinds",
    fields=[r.F("area", gettext_lazy("区划代码"), levels=frozenset({3})), "name", "position"],
    list_display=["name"],
)
configure(
    ReviewRule,
    key="review-rules",
    fields=[
        r.F("area", gettext_lazy("区划代码"), levels=frozenset({3})),
        r.F("valid_from", minimum=2000),
        r.F("valid_to", minimum=2000),
        r.DecimalColumn(gettext_lazy("合格分数线"), "pass_score", required=True, places=1),
    ],
    list_display=[
        r.ListColumn(gettext_lazy("有效期"), lambda x: x.period_label, link=True),
        "pass_score",
    ],
    ordering=("valid_from",),
)
of_contract(
    OperatorResult,
    key="operator-results",
    fields=[CONTRACT, "period_end", r.F("businesses", required=True), "note"],
    list_display=[
        CONTRACT_LINK,
        (gettext_lazy("截止日期"), "period_end"),
        "businesses",
    ],
    select_related=("area", "contract__team"),
)
of_contract(
    AttractedTalent,
    key="attracted-talents",
    title=gettext_lazy("运营引进人才"),
    fields=[
        CONTRACT,
        r.F("kind", what=gettext_lazy("人才类别")),
        r.F("count", minimum=1),
        "attracted_on",
    ],
    list_display=[
        CONTRACT_LINK,
        (gettext_lazy("类别"), "kind__name"),
        "count",
        "attracted_on",
    ],
    targets={"kind": r.reach(TalentKind, forms.talent_kinds_for)},
    select_related=("area", "contract__team", "kind"),
)
of_contract(
    SettledProject,
    key="settled-projects",
    fields=[CONTRACT, r.F("project", gettext_lazy("项目编号"))],
    list_display=[
        (gettext_lazy("项目"), "project__name"),
        r.ListColumn(gettext_lazy("合同"), lambda x: str(x.contract)),
        "project__investment",
        "project__status",
    ],
    select_related=("area", "contract__team", "project"),
)
configure(
    OperatorReview,
    key="operator-reviews",
    fields=[
        CONTRACT,
        r.YEAR,
        "score",
        "reward",
        "comment",
        r.F("passed", readonly=True),
    ],
    list_display=[
        CONTRACT_LINK,
        "year",
        (gettext_lazy("得分"), "score"),
        r.ListColumn(gettext_lazy("达标"), lambda x: gettext("是") if x.passed else gettext("否")),
        "reward",
    ],
    select_related=("area", "contract__team"),
    prepare=services.review_values,
)
