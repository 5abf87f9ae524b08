from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from xingcun.core.models import Area
from xingcun.core.scoping import current_scope_path
from xingcun.pairing import selectors
from xingcun.pairing.models import (
    Activity,
    Agreement,
    ChecklistItem,
    PairingRun,
    PairRule,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def scope_area() -> Area | None:
    path = current_scope_path()
    return Area.tree.filter(path=path).first() if path else None


def catalogue_of(model: type[Any]) -> Any:
    """District catalogue rows for a form: those of the user's node and its ancestors."""
    area = scope_area()
    if area is None:
        return model.objects.inherited().all()
    return model.objects.inherited().filter(area__path__in=area.lineage_paths())


# --- page forms -----------------------------------------------------------------------------------


class RunCreateForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class RunWeightsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PairingRun
        fields = [
            "industry",
            "distance",
            "strength",
            "same_town",
            "neighbour",
            "elsewhere",
            "capacity",
            "min_star",
            "start_on",
            "end_on",
        ]
        widgets = {"start_on": DATE, "end_on": DATE}


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=PairRule.Kind.choices)
    strong = forms.ModelChoiceField(label="帮扶方党组织", queryset=PairRule.objects.none())
    weak = forms.ModelChoiceField(label="受援方党组织", queryset=PairRule.objects.none())

    def __init__(self, *args: Any, choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xingcun.organisations.models import Organisation

        qs = choices if choices is not None else Organisation.objects.none()
        for name in ("strong", "weak"):
            field = cast("forms.ModelChoiceField[Any]", self.fields[name])
            field.queryset = qs


class AcceptForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label="结对建议", queryset=PairRule.objects.none(), required=True
    )

    def __init__(self, *args: Any, run: PairingRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xingcun.pairing.models import Proposal

        field = cast("forms.ModelMultipleChoiceField[Any]", self.fields["proposals"])
        field.queryset = Proposal.objects.filter(run=run, agreement__isnull=True)
        field.error_messages["required"] = "请至少选择一个结对建议"


class EndForm(forms.Form):
    ended_on = forms.DateField(label="结束日期", widget=DATE)
    outcome = forms.ChoiceField(
        label="结对成效",
        choices=[(v, lbl) for v, lbl in Agreement.Outcome.choices if v],
    )
    reason = forms.CharField(label="结束原因", max_length=200)


class RenewForm(forms.Form):
    new_end_on = forms.DateField(label="新结束日期", widget=DATE)
    reason = forms.CharField(label="续签原因", max_length=200)


class ActivityLogForm(forms.Form):
    held_on = forms.DateField(label="日期", widget=DATE, initial=dt.date.today)
    kind = forms.ChoiceField(label="活动类型", choices=Activity.Kind.choices)
    participants = forms.CharField(label="参加人员", max_length=200)
    participant_count = forms.IntegerField(label="参加人数", min_value=0, initial=0)
    summary = forms.CharField(
        label="内容", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.FileField(label="佐证材料", required=False)


class AssessmentMarkForm(forms.Form):
    items = forms.ModelMultipleChoiceField(
        label="已达标项目",
        queryset=ChecklistItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    demonstration = forms.BooleanField(label="示范村", required=False)
    evidence = forms.FileField(label="佐证材料", required=False)
    evidence_note = forms.CharField(label="佐证说明", max_length=200, required=False)

    def __init__(self, *args: Any, village: Area, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelMultipleChoiceField[Any]", self.fields["items"])
        field.queryset = selectors.checklist_for(area=village, year=year)
