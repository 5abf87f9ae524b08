from __future__ import annotations

import secrets
from typing import Any, cast

from django import forms
from django.core import signing

from xingcun.core.forms import ScopedModelForm, scoped_formfield
from xingcun.organisations.models import Organisation
from xingcun.wishes.models import Visit, Wish, WishRule


class WishForm(ScopedModelForm):
    """The register's create/edit form: what was collected; the workflow fields are not here."""

    area_levels = {"area": {5}}

    class Meta:
        model = Wish
        fields = [
            "area",
            "title",
            "content",
            "category",
            "wisher_name",
            "phone",
            "household",
            "source",
            "submitted_on",
        ]
        formfield_callback = scoped_formfield


class WishRuleForm(ScopedModelForm):
    area_levels = {"area": {3, 4}}

    class Meta:
        model = WishRule
        fields = ["name", "area", "valid_from", "valid_to", "claim_days", "points", "vanguard_item"]
        formfield_callback = scoped_formfield


class VisitForm(ScopedModelForm):
    area_levels = {"area": {5}}

    class Meta:
        model = Visit
        fields = [
            "cadre_name",
            "cadre_unit",
            "visited_on",
            "area",
            "target",
            "household",
            "enterprise",
            "issues_raised",
            "issues_resolved",
            "summary",
        ]
        formfield_callback = scoped_formfield


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


def new_question() -> tuple[str, str]:
    """('3 + 5 = ?', signed answer): a question a person answers at a glance."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.TimestampSigner(salt=QUESTION_SALT).sign(str(a + b))
    return f"{a} + {b} = ?", token


class PublicWishForm(forms.Form):
    """No account needed; a hidden honeypot field and an arithmetic question keep scripts out
    (and the view limits submissions per address)."""

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
        try:
            expected = signing.TimestampSigner(salt=QUESTION_SALT).unsign(
                data.get("token", ""), max_age=QUESTION_MAX_AGE
            )
        except signing.BadSignature as e:
            raise forms.ValidationError("页面已过期，请重新回答验证问题") from e
        if data.get("answer") is not None and str(data["answer"]) != expected:
            self.add_error("answer", "验证问题回答不正确")
        return data
