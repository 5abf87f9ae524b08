from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from xingcun.core.forms import OUT_OF_SCOPE, DateField, area_label
from xingcun.core.models import Area
from xingcun.universities.models import Dispatch, Programme


def programmes_for(area: Any) -> Any:
    """Programmes of the district, above a town user's node: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return (
        Programme.objects.inherited().filter(area__path__in=prefixes).select_related("university")
    )


class DispatchEntryForm(forms.Form):
    """A dispatch entered by a university's own login (or staff) on the 科技进乡村 page."""

    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(), label=gettext_lazy("活动")
    )
    village = forms.ModelChoiceField(queryset=Area.tree.none(), label=gettext_lazy("派驻村"))
    kind = forms.ChoiceField(choices=Dispatch.Kind.choices, label=gettext_lazy("人员类别"))
    name = forms.CharField(max_length=64, label=gettext_lazy("姓名或团队"))
    headcount = forms.IntegerField(min_value=1, initial=1, label=gettext_lazy("人数"))
    started_on = DateField(label=gettext_lazy("开始日期"))
    ended_on = DateField(label=gettext_lazy("结束日期"), required=False)
    work_done = forms.CharField(
        label=gettext_lazy("工作内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, area: Area, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme: Any = self.fields["programme"]
        programme.queryset = programmes
        village: Any = self.fields["village"]
        # Only villages inside the user's jurisdiction (the scoped manager), never a neighbour's.
        village.queryset = Area.objects.filter(level=Area.Level.VILLAGE).order_by("code")
        village.label_from_instance = area_label
        village.error_messages["invalid_choice"] = OUT_OF_SCOPE
