from __future__ import annotations

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xingcun.core.models import Area
from xingcun.reports import selectors, tags
from xingcun.reports.models import ReportSection, ReportTemplate
from xingcun.reports.services import SectionValues

FORMATS = [("html", _("网页（HTML）")), ("docx", _("Word（DOCX）")), ("pdf", _("PDF"))]
MONTHS = [("", _("全年")), *((str(m), _("截至%(m)s月底") % {"m": m}) for m in range(1, 13))]


def node_label(area: Area) -> str:
    indent = "　" * max(area.level - 3, 0)
    return f"{indent}{area.display_name}（{area.code}）"


class GenerateForm(forms.Form):
    """Which report: node within the user's subtree, year, optional month, format, template."""

    node = forms.ChoiceField(label=_("区划"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("期间"), choices=MONTHS, coerce=int, empty_value=None, required=False
    )
    format = forms.ChoiceField(label=_("格式"), choices=FORMATS, initial="html")
    template = forms.ModelChoiceField(
        label=_("模板"),
        queryset=ReportTemplate.objects.none(),
        required=False,
        empty_label=_("默认模板"),
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        node_field: Any = self.fields["node"]
        node_field.choices = [(a.code, node_label(a)) for a in selectors.node_choices(area=area)]
        template_field: Any = self.fields["template"]
        template_field.queryset = selectors.template_list_for(area=area)
        self.fields["year"].initial = timezone.localdate().year - 1

    def period_token(self) -> str:
        year, month = self.cleaned_data["year"], self.cleaned_data.get("month")
        return f"{year}-{month:02d}" if month else str(year)


class TemplateForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ReportTemplate
        fields = ["name", "title", "year", "level", "is_default", "issuer"]
        help_texts = {"title": _("可用 {{区划}}、{{期间}} 和指标标签")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].required = False  # kept as it is when the editor does not send it

    def clean_level(self) -> int:
        level = self.cleaned_data.get("level")
        return int(level) if level else self.instance.level

    def validate_unique(self) -> None:
        """Skipped: saving a template as the default replaces the year's previous default
        (`services.template_save`), which the one-default constraint would reject here."""


class SectionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ReportSection
        fields = ["order", "level", "heading", "area_code", "body"]
        widgets = {
            "order": forms.HiddenInput(attrs={"data-order": ""}),
            "body": forms.Textarea(attrs={"rows": 5, "data-tag-target": ""}),
            "heading": forms.TextInput(attrs={"data-tag-target": ""}),
            "area_code": forms.TextInput(attrs={"inputmode": "numeric", "size": 12}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False  # set by the editor's script; the page order wins

    def clean_area_code(self) -> str:
        code: str = self.cleaned_data.get("area_code", "").strip()
        if code and not tags.normalise_area_code(code):
            raise forms.ValidationError(_("区划代码应为6、9或12位数字"))
        return code

    def values(self) -> SectionValues:
        data = self.cleaned_data
        return SectionValues(
            level=data["level"],
            heading=data.get("heading", ""),
            body=data.get("body", ""),
            area_code=data.get("area_code", ""),
            order=data.get("order") or 0,
            pk=self.instance.pk,
        )


SectionFormSet = inlineformset_factory(
    ReportTemplate,
    ReportSection,
    form=SectionForm,
    extra=0,
    can_delete=True,
)


def ordered_forms(formset: Any) -> list[SectionForm]:
    """The kept forms of a valid formset in the order of their `order` fields (the editor's
    script numbers them as shown); forms left empty or marked for deletion drop out, and a form
    without a number keeps its place after the numbered ones."""
    kept = [
        (form.cleaned_data.get("order"), index, form)
        for index, form in enumerate(formset.forms)
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    kept.sort(key=lambda k: (k[0] is None, k[0] or 0, k[1]))
    return [form for _order, _index, form in kept]


def section_values(formset: Any) -> list[SectionValues]:
    return [form.values() for form in ordered_forms(formset)]
