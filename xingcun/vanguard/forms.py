from __future__ import annotations

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.vanguard.models import Item, Scheme


class SchemeForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = Scheme
        fields = [
            "area",
            "code",
            "name",
            "valid_from",
            "valid_to",
            "categories",
            "base_score",
            "bonus_cap",
            "excellent_from",
            "qualified_from",
            "warning_from",
            "follow_up_below",
            "follow_up_action",
            "publicity_days",
        ]
        formfield_callback = scoped_formfield


class ItemForm(ScopedModelForm):
    class Meta:
        model = Item
        fields = [
            "scheme",
            "code",
            "name",
            "group",
            "kind",
            "points",
            "cap",
            "categories",
            "description",
        ]
        formfield_callback = scoped_formfield
