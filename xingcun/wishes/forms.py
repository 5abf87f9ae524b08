from __future__ import annotations

import secrets
from typing import Any, cast

from django import forms
from django.core import signing
from django.core.cache import cache

from xingcun.organisations.models import Organisation
from xingcun.wishes.models import Wish


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200)


class ClaimForm(forms.Form):
    """How a claim is made: members claim in person; cadres name the organisation that claims."""

    organisation = forms.ModelChoiceField(
        label="认领党组织", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, as_member: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.as_member = as_member
        if as_member:
            del self.fields["organisation"]
        else:
            field = cast(forms.ModelChoiceField, self.fields["organisation"])  # type: ignore[type-arg]
            field.queryset = Organisation.objects.filter(dissolved_on__isnull=True).order_by("code")
            field.required = True


class DeliverForm(forms.Form):
    note = forms.CharField(
        label="实现情况",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "做了什么、何时交付给心愿人"}),
    )
    evidence = forms.FileField(
        label="照片或材料",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx"}),
    )


# --- the public page --------------------------------------------------------------------------------

QUESTION_SALT = "xingcun.wishes.public-question"
QUESTION_MAX_AGE = 2 * 60 * 60  # seconds a loaded form stays valid
CHALLENGE_KEY = "xingcun:wishes:challenge:{}"
CHALLENGE_USED = "页面已过期或已提交过，请重新回答验证问题"


def new_question() -> tuple[str, str]:
    """('3 + 5 = ?', token): a question a person answers at a glance. Its answer waits in the shared
    cache under a random nonce, and the signed token names the nonce: a token answers once only."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(16)
    cache.set(CHALLENGE_KEY.format(nonce), str(a + b), QUESTION_MAX_AGE)
    token = signing.TimestampSigner(salt=QUESTION_SALT).sign(nonce)
    return f"{a} + {b} = ?", token


def consume_challenge(token: str) -> str | None:
    """The expected answer of `token`, removed so that no second submission can reuse it; None when
    the token is forged, expired or already used."""
    try:
        nonce = signing.TimestampSigner(salt=QUESTION_SALT).unsign(token, max_age=QUESTION_MAX_AGE)
    except signing.BadSignature:
        return None
    key = CHALLENGE_KEY.format(nonce)
    expected = cache.get(key)
    if expected is None or not cache.delete(key):  # delete() is False for a concurrent reuse
        return None
    return str(expected)


class PublicWishForm(forms.Form):
    """No account needed; a hidden honeypot field and a single-use arithmetic question keep scripts
    out (and the view limits submissions per client address and per village and day)."""

    challenge_failed = False

    wisher_name = forms.CharField(label="您的姓名", max_length=32)
    phone = forms.CharField(
        label="联系电话",
        max_length=11,
        min_length=11,
        help_text="村干部会电话联系您核实心愿",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    title = forms.CharField(label="心愿（一句话）", max_length=60)
    content = forms.CharField(
        label="具体内容", max_length=500, widget=forms.Textarea(attrs={"rows": 4})
    )
    category = forms.ChoiceField(label="类别", choices=Wish.Category.choices)
    answer = forms.IntegerField(
        label="验证问题", widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label="请勿填写此项",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        if not (phone.isdigit() and phone.startswith("1")):
            raise forms.ValidationError("手机号应为以1开头的11位数字")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError("提交未成功，请刷新页面后重试")
        expected = consume_challenge(data.get("token", ""))
        self.challenge_failed = expected is None
        if expected is None:
            raise forms.ValidationError(CHALLENGE_USED)
        if data.get("answer") is not None and str(data["answer"]) != expected:
            self.challenge_failed = True
            self.add_error("answer", "验证问题回答不正确")
        return data
