from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xingcun.accounts.models import Membership
from xingcun.api.services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=64, help_text=_("例如：省数据平台同步"))
    membership = forms.ModelChoiceField(
        label=_("以哪个身份访问"), queryset=Membership.objects.none(), empty_label=None
    )
    days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=MAX_DAYS, initial=90)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["membership"]
        field.queryset = Membership.objects.filter(user=user).select_related("area")
