from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.honours.models import Honour, MediaReport


class HonourForm(ScopedModelForm):
    class Meta:
        model = Honour
        fields = [
            "title",
            "level",
            "year",
            "awarded_by",
            "recipient",
            "area",
            "organisation",
            "person",
            "note",
        ]
        formfield_callback = scoped_formfield
        help_texts = {"area": "授予村(社区)时选择该村；授予党组织或个人时按其所在区划自动填写"}


class MediaReportForm(ScopedModelForm):
    url = forms.URLField(label=_("链接"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = MediaReport
        fields = ["area", "outlet", "level", "date", "title", "url", "case"]
        formfield_callback = scoped_formfield
