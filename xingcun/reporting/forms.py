from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext, gettext_lazy

from xingcun.core import datasets
from xingcun.core.models import Area
from xingcun.reporting.models import QualityRule
from xingcun.reporting.services import RULE_FIELDS


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("任务名称"), max_length=100)
    dataset = forms.ChoiceField(label=gettext_lazy("报送内容"))
    first_period = forms.CharField(
        label=gettext_lazy("起始报送期"),
        max_length=8,
        help_text=gettext_lazy("年度如 2020，季度如 2020Q3，月度如 2020-07"),
    )
    last_period = forms.CharField(
        label=gettext_lazy("截止报送期"),
        max_length=8,
        required=False,
        help_text=gettext_lazy("留空为长期任务，按周期自动生成"),
    )
    due_days = forms.IntegerField(
        label=gettext_lazy("报送期结束后几天内报送"), min_value=0, max_value=366, initial=31
    )
    nodes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("报送单位"),
        queryset=Area.tree.none(),
        required=False,
        help_text=gettext_lazy("不选则为辖区内全部村社"),
    )
    town_review = forms.BooleanField(
        label=gettext_lazy("镇街初审后报区委验收"), required=False, initial=True
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dataset_field = cast(forms.ChoiceField, self.fields["dataset"])
        nodes_field = cast("forms.ModelMultipleChoiceField[Area]", self.fields["nodes"])
        dataset_field.choices = datasets.choices()
        nodes_field.queryset = Area.objects.filter(
            path__startswith=area.path, level__gt=area.level, level__lte=Area.Level.VILLAGE
        ).order_by("code")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("退回原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RuleForm(forms.ModelForm[QualityRule]):
    class Meta:
        model = QualityRule
        fields = RULE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"] = forms.ChoiceField(
            label=gettext("报送内容"), choices=datasets.choices()
        )


class RuleVersionForm(RuleForm):
    """A new version of a rule: what changes from a year on (its name and data set stay)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("dataset", "name"):
            self.fields[name].disabled = True
