from __future__ import annotations

from typing import Any

from django import forms

from xingcun.accounts.selectors import role_users_in_scope
from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.core.permissions import Role
from xingcun.core.scoping import scope_area
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


def _above(model: Any, area: Any) -> Any:
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return model.objects.inherited().filter(area__path__in=prefixes)


def teams_for(area: Any) -> Any:
    """Teams recruited by the district, above a town or village user: widened on purpose."""
    return _above(OperatorTeam, area)


def talent_kinds_for(area: Any) -> Any:
    return _above(TalentKind, area)


class OperatorTeamForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = OperatorTeam
        fields = [
            "area",
            "name",
            "leader",
            "applied_on",
            "status",
            "selected_on",
            "specialties",
            "users",
        ]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = role_users_in_scope(Role.PARTNER)  # type: ignore[attr-defined]


class OperatorContractForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = OperatorContract
        fields = [
            "team",
            "area",
            "scenic_name",
            "signed_on",
            "ends_on",
            "target_businesses",
            "target_investment",
            "target_talents",
        ]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].label = "签约村"
        area = scope_area()
        if area is not None:
            self.fields["team"].queryset = teams_for(area)  # type: ignore[attr-defined]


class TalentKindForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = TalentKind
        fields = ["area", "name", "position"]
        formfield_callback = scoped_formfield


class ReviewRuleForm(ScopedModelForm):
    area_levels = {"area": {3}}

    class Meta:
        model = ReviewRule
        fields = ["area", "valid_from", "valid_to", "pass_score"]
        formfield_callback = scoped_formfield


class OperatorResultForm(ScopedModelForm):
    class Meta:
        model = OperatorResult
        fields = ["contract", "period_end", "businesses", "note"]
        formfield_callback = scoped_formfield


class AttractedTalentForm(ScopedModelForm):
    class Meta:
        model = AttractedTalent
        fields = ["contract", "kind", "count", "attracted_on"]
        formfield_callback = scoped_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = scope_area()
        if area is not None:
            self.fields["kind"].queryset = talent_kinds_for(area)  # type: ignore[attr-defined]


class SettledProjectForm(ScopedModelForm):
    class Meta:
        model = SettledProject
        fields = ["contract", "project"]
        formfield_callback = scoped_formfield


class OperatorReviewForm(ScopedModelForm):
    class Meta:
        model = OperatorReview
        fields = ["contract", "year", "score", "reward", "comment"]
        formfield_callback = scoped_formfield


class ResultForm(forms.Form):
    period_end = forms.DateField(
        label="统计截止日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    businesses = forms.IntegerField(label="以商招商(家)", min_value=0)
    note = forms.CharField(label="说明", max_length=200, required=False)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    score = forms.DecimalField(label="考核得分", min_value=0, max_value=100, decimal_places=1)
    reward = forms.DecimalField(label="奖励(万元)", min_value=0, decimal_places=2, required=False)
    comment = forms.CharField(label="考核意见", max_length=200, required=False)


class TerminateForm(forms.Form):
    on = forms.DateField(label="解约日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="解约原因", max_length=200)
