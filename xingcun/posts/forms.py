from __future__ import annotations

from typing import Any, cast

from django import forms

from xingcun.core.forms import ScopedModelForm
from xingcun.posts import selectors
from xingcun.posts.models import HelpLog, Post, PostReview, PostType


def _type_label(kind: PostType) -> str:
    end = kind.valid_to or "至今"
    return f"{kind.name}（{kind.valid_from}—{end}）"


class PostForm(ScopedModelForm):
    """公开设岗: a post type is named with its version's dates (the register's targets offer the
    catalogue above a village's scope)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["post_type"])  # type: ignore[type-arg]
        field.label_from_instance = _type_label  # type: ignore[method-assign,assignment]


class MemberHelpForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=HelpLog.Kind.choices)
    content = forms.CharField(
        label="内容", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class EnrolForm(forms.Form):
    member = forms.ModelChoiceField(label="党员", queryset=Post.objects.none())

    def __init__(self, *args: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member"])  # type: ignore[type-arg]
        field.queryset = selectors.members_without_office(post=post)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    grade = forms.ChoiceField(label="评定等次", choices=PostReview.Grade.choices)
    summary = forms.CharField(
        label="述岗情况", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200)
