"""Form helpers: relation fields get their (scoped) querysets at request time, never at import.

A reference field offers exactly the rows the acting user may point at: the register's `targets`
for that field, else the target model's scoped manager. A reference to a large register (people,
households, organisations …) is a search field: the page carries only the chosen row, and the
browser asks `core:reference-search` for at most `SEARCH_LIMIT` matches as the user types.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from xingcun.core.models import Area

SEARCH_LIMIT = 20
OUT_OF_SCOPE = gettext_lazy("所选记录不存在或不在您的辖区内")


def scoped_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Meta.formfield_callback: relation fields start empty; ScopedModelForm fills them."""
    if isinstance(field, models.ForeignKey | models.ManyToManyField):
        # Django's own formfield() would touch the scoped manager at import time; build it here.
        related = field.remote_field.model
        form_class = (
            forms.ModelMultipleChoiceField
            if isinstance(field, models.ManyToManyField)
            else forms.ModelChoiceField
        )
        return form_class(
            queryset=related._default_manager.none(),
            required=not field.blank,
            label=kwargs.get("label") or capfirst(field.verbose_name),  # lazy: per request
            help_text=kwargs.get("help_text") or field.help_text,
        )
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("widget", DatePicker)
    return field.formfield(**kwargs)


class DatePicker(forms.DateInput):
    """The browser's date picker, whose value is always ISO 8601 (a localized `2020/05/01` would
    show an empty picker)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format or "%Y-%m-%d")


class DateField(forms.DateField):
    """A date chosen with the browser's date picker."""

    widget = DatePicker


MEDIA = forms.Media(
    css={"all": ["vendor/tom-select/tom-select-2.6.2.default.min.css"]},
    js=["vendor/tom-select/tom-select-2.6.2.complete.min.js", "xingcun/reference.js"],
)


class FilterSelect(forms.Select):
    """A `<select>` of a few hundred rows (villages) that the user can filter by typing."""

    media = MEDIA

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"data-filter": "1", **(attrs or {})}, choices)


class SearchSelect(forms.Select):
    """A `<select>` that renders only the chosen rows; Tom Select fills it from `data-search`."""

    media = MEDIA

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        chosen = [v for v in value if v not in ("", None)]
        choices = self.choices
        field: Any = getattr(choices, "field", None)
        if field is None:
            return super().optgroups(name, value, attrs)
        queryset = field.queryset.filter(pk__in=chosen) if chosen else field.queryset.none()
        self.choices = [("", "---------")] + [
            (obj.pk, field.label_from_instance(obj)) for obj in queryset
        ]
        try:
            return super().optgroups(name, [str(v) for v in chosen], attrs)
        finally:
            self.choices = choices


class SearchSelectMultiple(SearchSelect, forms.SelectMultiple):
    allow_multiple_selected = True


def search_widget(field: forms.ModelChoiceField[Any], url: str) -> forms.Select:
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = (SearchSelectMultiple if multiple else SearchSelect)(
        attrs={
            "data-search": url,
            "data-placeholder": gettext("输入姓名、编号或拼音首字母搜索"),
            "data-no-results": gettext("没有找到（仅显示您辖区内的记录）"),
            "data-loading": gettext("正在搜索…"),
        }
    )
    widget.choices = field.widget.choices
    widget.is_required = field.required
    return widget


class ScopedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """Relation choices come from the register's targets or each model's scoped manager, so only
    the user's jurisdiction is offered; `area_levels` narrows Area choices by level."""

    area_levels: dict[str, set[int]] = {}
    registry_key = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xingcun.core import registry

        reg = registry.get(self.registry_key) if self.registry_key else None
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = self._meta.model._meta.get_field(name).remote_field.model
            qs = reg.targets_of(name) if reg else model._default_manager.all()
            if model is Area and name in self.area_levels:
                qs = qs.filter(level__in=self.area_levels[name])
            elif qs.query.combinator is None:
                qs = qs.select_related()  # labels name related rows: one query, not one a row
            field.queryset = qs
            field.error_messages["invalid_choice"] = OUT_OF_SCOPE
            if model is Area:
                field.label_from_instance = area_label  # type: ignore[method-assign,assignment]
                if not isinstance(field, forms.ModelMultipleChoiceField):
                    field.widget = FilterSelect(choices=field.widget.choices)
            if reg is not None and is_large(model):
                field.widget = search_widget(
                    field, reverse("core:reference-search", args=[reg.key, name])
                )


def is_large(model: type[models.Model]) -> bool:
    from xingcun.core import registry

    ref = registry.reference_of(model)
    return ref is not None and ref.large


def area_label(area: Area) -> str:
    return f"{area.code} {area.display_name}"


# --- search-as-you-type ---------------------------------------------------------------------------

_initial_of_char: dict[str, str] = {}


def initials(text: str) -> str:
    """Pinyin initials of a name (张三丰 → zsf), one character at a time: a cache of the few
    thousand characters names use keeps a district's 45,000 names under a tenth of a second."""
    out = []
    for char in text:
        letter = _initial_of_char.get(char)
        if letter is None:
            from pypinyin import Style, lazy_pinyin

            letter = (lazy_pinyin(char, style=Style.FIRST_LETTER) or [""])[0][:1].lower()
            _initial_of_char[char] = letter
        out.append(letter)
    return "".join(out)


def search(
    field: forms.ModelChoiceField[Any], text: str, *, personal: bool = True
) -> list[dict[str, Any]]:
    """At most SEARCH_LIMIT rows of the field's (scoped) queryset matching `text`: by name or code
    (contains), by an ID number's tail, or by the pinyin initials of the name. Without the right to
    see personal data (`personal=False`) a tail is four characters at most and any ID number in a
    label is masked (xingcun.core.masking)."""
    from xingcun.core import masking, registry

    queryset: Any = field.queryset
    ref = registry.reference_of(queryset.model)
    text = text.strip()[:40]
    found: list[Any] = []
    if ref is not None and text:
        found = list(ref.matches(queryset, text, personal=personal)[:SEARCH_LIMIT])
        letters = text.lower()
        if len(found) < SEARCH_LIMIT and ref.initials and letters.isascii() and letters.isalpha():
            seen = {obj.pk for obj in found}
            pks = [
                pk
                for pk, name in queryset.order_by().values_list("pk", ref.initials).iterator()
                if pk not in seen and initials(name or "").startswith(letters)
            ][: SEARCH_LIMIT - len(found)]
            found += list(queryset.filter(pk__in=pks))
    elif not text:
        found = list(queryset[:SEARCH_LIMIT])
    if found:  # labels often name related rows (a pairing's member and household): join them
        order = {obj.pk: index for index, obj in enumerate(found)}
        found = sorted(
            queryset.select_related().filter(pk__in=order), key=lambda obj: order[obj.pk]
        )
    labels = [field.label_from_instance(obj) for obj in found]
    if not personal:
        labels = [masking.text(label) for label in labels]
    return [{"value": obj.pk, "text": label} for obj, label in zip(found, labels, strict=True)]


class AuditFilterForm(forms.Form):
    """The audit page's filters (the node is the `area` code, read by the view)."""

    q = forms.CharField(label=gettext_lazy("对象"), required=False, max_length=100)
    person = forms.CharField(label=gettext_lazy("操作人"), required=False, max_length=150)
    action = forms.CharField(label=gettext_lazy("动作"), required=False, max_length=64)
    since = DateField(label=gettext_lazy("起始日期"), required=False)
    until = DateField(label=gettext_lazy("截止日期"), required=False)
