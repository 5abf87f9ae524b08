"""Dates in forms are chosen with the browser's date picker, which only reads ISO 8601 values."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from xingcun.core.forms import DateField


class When(forms.Form):
    on = DateField(label="日期", required=False)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_date_picker_shows_its_value_in_iso_format_in_every_language(language):
    with translation.override(language):
        html = str(When(initial={"on": dt.date(2020, 5, 1)})["on"])
    assert 'type="date"' in html
    assert 'value="2020-05-01"' in html  # zh-hans would otherwise write 2020/05/01: an empty picker


def test_a_date_picker_reads_what_the_browser_sends():
    form = When(data={"on": "2020-05-01"})
    assert form.is_valid()
    assert form.cleaned_data["on"] == dt.date(2020, 5, 1)
