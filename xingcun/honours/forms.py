from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xingcun.core.forms import ScopedModelForm


class MediaReportForm(ScopedModelForm):
    url = forms.URLField(label=_("链接"), required=False, assume_scheme="https", max_length=200)
