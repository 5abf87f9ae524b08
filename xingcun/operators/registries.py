from __future__ import annotations

from typing import Any

from xingcun.core import permissions as perms
from xingcun.core import registry as r
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


def _in_reach(model: Any, finder: Any) -> Any:
    from xingcun.core.scoping import scope_area

    area = scope_area()
    return finder(area) if area is not None else model.objects.all()


def team_by_name(name: str) -> Any:
    return _in_reach(OperatorTeam, forms.teams_for).filter(name=name).first()


def contract_by_key(text: str) -> Any:
    """A contract by “团队名称·村落景区”."""
    team, _, scenic = text.partition("·")
    return OperatorContract.objects.filter(team__name=team, scenic_name=scenic).first()


def talent_kind_by_name(name: str) -> Any:
    return _in_reach(TalentKind, forms.talent_kinds_for).filter(name=name).first()


def project_by_code(code: str) -> Any:
    from xingcun.projects.models import Project

    return Project.objects.filter(code=code).first()


def _area_from_contract(values: dict[str, Any]) -> None:
    contract = values.get("contract")
    if contract is not None:
        values["area"] = contract.area


CONTRACT = r.RefColumn(
    "运营合同",
    "contract",
    required=True,
    lookup=contract_by_key,
    key_of=lambda c: f"{c.team.name}·{c.scenic_name}",
    what="运营合同",
    help="团队名称·村落景区",
)
EDIT: dict[str, Any] = {
    "perm_view": perms.OPERATOR_VIEW,
    "perm_edit": perms.OPERATOR_EDIT,
    "perm_delete": perms.OPERATOR_DELETE,
}
CONFIG: dict[str, Any] = {
    "perm_view": perms.OPERATOR_VIEW,
    "perm_edit": perms.OPERATOR_REVIEW,
    "perm_delete": perms.OPERATOR_REVIEW,
}

r.register(
    r.Registry(
        key="operator-teams",
        model=OperatorTeam,
        title="乡村运营团队",
        section="resources",
        columns=[
            r.AreaColumn("招募区划代码", "area", required=True, levels=frozenset({3, 4})),
            r.TextColumn("团队名称", "name", required=True, max_length=64),
            r.TextColumn("负责人", "leader", required=True, max_length=32),
            r.DateColumn("报名日期", "applied_on", required=True),
            r.ChoiceColumn(
                "招募状态", "status", required=True, choices=OperatorTeam.Status.choices
            ),
            r.DateColumn("入选日期", "selected_on"),
            r.TextColumn("专长", "specialties", max_length=100),
        ],
        natural_key=("name",),
        form_class=forms.OperatorTeamForm,
        list_columns=[
            r.ListColumn("团队", lambda x: x.name, link=True),
            r.ListColumn("负责人", lambda x: x.leader),
            r.ListColumn("状态", lambda x: x.get_status_display()),
            r.ListColumn("入选日期", lambda x: x.selected_on),
        ],
        search_fields=("name", "leader"),
        kind_field="status",
        ordering=("name",),
        **EDIT,
    )
)
r.register(
    r.Registry(
        key="operator-contracts",
        model=OperatorContract,
        title="运营合同",
        section="resources",
        columns=[
            r.RefColumn(
                "运营团队",
                "team",
                required=True,
                lookup=team_by_name,
                key_of=lambda t: t.name,
                what="运营团队",
            ),
            r.AreaColumn("签约村代码", "area", required=True),
            r.TextColumn("村落景区", "scenic_name", required=True, max_length=64),
            r.DateColumn("签约日期", "signed_on", required=True),
            r.DateColumn("到期日期", "ends_on", required=True, not_future=False),
            r.IntColumn("目标招商(家)", "target_businesses"),
            r.DecimalColumn("目标投资(万元)", "target_investment"),
            r.IntColumn("目标引才(人)", "target_talents"),
            r.ChoiceColumn(
                "状态", "status", readonly=True, choices=OperatorContract.Status.choices
            ),
        ],
        natural_key=("team", "scenic_name"),
        form_class=forms.OperatorContractForm,
        list_columns=[
            r.ListColumn("村落景区", lambda x: x.scenic_name, link=True),
            r.ListColumn("团队", lambda x: x.team.name),
            r.ListColumn("签约村", lambda x: x.area.display_name),
            r.ListColumn("签约日期", lambda x: x.signed_on),
            r.ListColumn("状态", lambda x: x.get_status_display()),
        ],
        search_fields=("scenic_name", "team__name"),
        kind_field="status",
        select_related=("area", "team"),
        ordering=("-signed_on",),
        **EDIT,
    )
)
r.register(
    r.Registry(
        key="talent-kinds",
        model=TalentKind,
        title="引进人才类别",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.TextColumn("人才类别", "name", required=True, max_length=32),
            r.IntColumn("排序", "position"),
        ],
        natural_key=("area", "name"),
        form_class=forms.TalentKindForm,
        list_columns=[r.ListColumn("人才类别", lambda x: x.name, link=True)],
        ordering=("position", "id"),
        **CONFIG,
    )
)
r.register(
    r.Registry(
        key="review-rules",
        model=ReviewRule,
        title="运营考核标准",
        section="resources",
        columns=[
            r.AreaColumn("区划代码", "area", required=True, levels=frozenset({3})),
            r.IntColumn("起始年度", "valid_from", required=True, minimum=2000),
            r.IntColumn("截止年度", "valid_to", minimum=2000),
            r.DecimalColumn("合格分数线", "pass_score", required=True, places=1),
        ],
        natural_key=("area", "valid_from"),
        form_class=forms.ReviewRuleForm,
        list_columns=[
            r.ListColumn("有效期", lambda x: f"{x.valid_from}—{x.valid_to or '至今'}", link=True),
            r.ListColumn("合格分数线", lambda x: x.pass_score),
        ],
        ordering=("valid_from",),
        **CONFIG,
    )
)
r.register(
    r.Registry(
        key="operator-results",
        model=OperatorResult,
        title="运营成效",
        section="resources",
        columns=[
            CONTRACT,
            r.DateColumn("统计截止日期", "period_end", required=True),
            r.IntColumn("以商招商(家)", "businesses", required=True),
            r.TextColumn("说明", "note", max_length=200),
        ],
        natural_key=("contract", "period_end"),
        form_class=forms.OperatorResultForm,
        list_columns=[
            r.ListColumn("合同", lambda x: str(x.contract), link=True),
            r.ListColumn("截止日期", lambda x: x.period_end),
            r.ListColumn("以商招商(家)", lambda x: x.businesses),
        ],
        select_related=("area", "contract__team"),
        prepare=_area_from_contract,
        ordering=("-period_end",),
        **EDIT,
    )
)
r.register(
    r.Registry(
        key="attracted-talents",
        model=AttractedTalent,
        title="运营引进人才",
        section="resources",
        columns=[
            CONTRACT,
            r.RefColumn(
                "人才类别",
                "kind",
                required=True,
                lookup=talent_kind_by_name,
                key_of=lambda k: k.name,
                what="人才类别",
            ),
            r.IntColumn("人数", "count", required=True, minimum=1),
            r.DateColumn("引进日期", "attracted_on", required=True),
        ],
        natural_key=("contract", "kind", "attracted_on"),
        form_class=forms.AttractedTalentForm,
        list_columns=[
            r.ListColumn("合同", lambda x: str(x.contract), link=True),
            r.ListColumn("类别", lambda x: x.kind.name),
            r.ListColumn("人数", lambda x: x.count),
            r.ListColumn("引进日期", lambda x: x.attracted_on),
        ],
        select_related=("area", "contract__team", "kind"),
        prepare=_area_from_contract,
        ordering=("-attracted_on",),
        **EDIT,
    )
)
r.register(
    r.Registry(
        key="settled-projects",
        model=SettledProject,
        title="运营落户项目",
        section="resources",
        columns=[
            CONTRACT,
            r.RefColumn(
                "项目编号",
                "project",
                required=True,
                lookup=project_by_code,
                key_of=lambda p: p.code,
                what="投资项目",
            ),
        ],
        natural_key=("project",),
        form_class=forms.SettledProjectForm,
        list_columns=[
            r.ListColumn("项目", lambda x: x.project.name, link=True),
            r.ListColumn("合同", lambda x: str(x.contract)),
            r.ListColumn("投资额(万元)", lambda x: x.project.investment),
            r.ListColumn("状态", lambda x: x.project.get_status_display()),
        ],
        select_related=("area", "contract__team", "project"),
        prepare=_area_from_contract,
        ordering=("-project__signed_on",),
        **EDIT,
    )
)
r.register(
    r.Registry(
        key="operator-reviews",
        model=OperatorReview,
        title="运营年度考核",
        section="resources",
        columns=[
            CONTRACT,
            r.IntColumn("年度", "year", required=True, minimum=2000),
            r.DecimalColumn("考核得分", "score", required=True, places=1),
            r.DecimalColumn("奖励(万元)", "reward"),
            r.TextColumn("考核意见", "comment", max_length=200),
            r.BoolColumn("达标", "passed", readonly=True),
        ],
        natural_key=("contract", "year"),
        form_class=forms.OperatorReviewForm,
        list_columns=[
            r.ListColumn("合同", lambda x: str(x.contract), link=True),
            r.ListColumn("年度", lambda x: x.year),
            r.ListColumn("得分", lambda x: x.score),
            r.ListColumn("达标", lambda x: "是" if x.passed else "否"),
            r.ListColumn("奖励(万元)", lambda x: x.reward),
        ],
        select_related=("area", "contract__team"),
        prepare=services.review_values,
        ordering=("-year",),
        **CONFIG,
    )
)
