from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from xingcun.core.forms import DateField, area_label
from xingcun.core.models import Area
from xingcun.core.registry import CellError, parse_date
from xingcun.core.tabular import Table, TemplateColumn, cell_text
from xingcun.people.models import PartyMember
from xingcun.vanguard import selectors
from xingcun.vanguard.models import Item


class EventForm(forms.Form):
    """A score event entered by staff. The member is found by ID number (or a name that is unique
    in the user's jurisdiction); the items are those of the schemes valid this year and last."""

    member = forms.CharField(label=_("党员身份证号或姓名"), max_length=32)
    item_code = forms.ChoiceField(label=_("评分项目"))
    date = DateField(label=_("发生日期"))
    points = forms.DecimalField(
        label=_("分值"),
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text=_("留空按项目的每次分值"),
    )
    evidence = forms.CharField(
        label=_("事实与佐证"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item_code"]
        if isinstance(field, forms.ChoiceField):
            field.choices = item_choices(area=area)

    def clean_member(self) -> PartyMember:
        text = self.cleaned_data["member"].strip()
        found = list(
            PartyMember.objects.select_related("person", "area")
            .filter(Q(person__id_number=text.upper()) | Q(person__name=text))
            .order_by("pk")[:5]
        )
        if not found:
            raise ValidationError(gettext("在您的辖区内找不到该党员"))
        if len(found) > 1:
            raise ValidationError(
                gettext("辖区内有%(count)s名党员叫“%(text)s”，请填写身份证号")
                % {"count": len(found), "text": text}
            )
        return found[0]


def item_choices(*, area: Area) -> list[tuple[str, str]]:
    """Item codes of the schemes valid for `area` this year and last year (newest names win)."""
    year = timezone.localdate().year
    choices: dict[str, str] = {}
    for y in (year - 1, year):
        scheme = selectors.scheme_for(area=area, year=y)
        if scheme is None:
            continue
        for item in selectors.scheme_items(scheme):
            sign = "+" if item.kind == Item.Kind.BONUS else "−"
            choices[item.code] = f"{item.get_group_display()}｜{item.name}（{sign}{item.points}）"
    return sorted(choices.items(), key=lambda pair: pair[1])


class CorrectionForm(forms.Form):
    points = forms.DecimalField(
        label=_("更正后的分值"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text=_("填 0 表示撤销原事件"),
    )
    reason = forms.CharField(label=_("更正原因"), max_length=200)


class DecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("审核结果"),
        choices=[("1", _("通过")), ("0", _("不通过"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("审核意见"), max_length=200, required=False)


class RoundForm(forms.Form):
    town = forms.ModelChoiceField(label=_("镇(街道)"), queryset=Area.tree.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["town"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = selectors.towns_in_scope()
            field.label_from_instance = area_label  # type: ignore[method-assign,assignment]


class TextForm(forms.Form):
    """One required text: an objection's reason, the branch's answer, the town's decision."""

    text = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class CopyForm(forms.Form):
    code = forms.CharField(label=_("新版本编号"), max_length=32)
    name = forms.CharField(label=_("方案名称"), max_length=100, required=False)
    valid_from = forms.IntegerField(label=_("起始年度"), min_value=2000, max_value=2100)


# --- import of score events ------------------------------------------------------------------------

IMPORT_COLUMNS = (
    TemplateColumn(gettext_lazy("党员身份证号"), True, gettext_lazy("18位，末位可为X")),
    TemplateColumn(
        gettext_lazy("项目代码"), True, gettext_lazy("方案中评分项目的代码，如 volunteer")
    ),
    TemplateColumn(gettext_lazy("发生日期"), True, gettext_lazy("如 2020-06-01")),
    TemplateColumn(gettext_lazy("分值"), False, gettext_lazy("留空按项目的每次分值")),
    TemplateColumn(gettext_lazy("事实与佐证"), True, gettext_lazy("文字，不超过500字")),
)
IMPORT_EXAMPLE = (
    "330112199001011234",
    "volunteer",
    "2020-06-01",
    "",
    gettext_lazy("参加防汛值守，值班表为证"),
)


@dataclass(frozen=True)
class EventRow:
    number: int
    member: PartyMember
    item_code: str
    date: dt.date
    points: Decimal | None
    evidence: str


def parse_event_rows(table: Table) -> tuple[list[EventRow], list[str]]:
    """Rows of an uploaded file, with `第N行 列名: 原因` errors for the cells that cannot be read."""
    missing = [c.header for c in IMPORT_COLUMNS if c.required and c.header not in table.headers]
    if missing:
        return [], [gettext("缺少必填列：%(join)s") % {"join": "、".join(map(str, missing))}]
    index = {h: i for i, h in enumerate(table.headers)}
    rows: list[EventRow] = []
    errors: list[str] = []
    for number, cells in table.rows:

        def cell(header: str, cells: list[Any] = cells) -> str:
            i = index.get(header)
            return cell_text(cells[i]) if i is not None and i < len(cells) else ""

        problems: list[tuple[str, str]] = []
        id_number = cell(gettext("党员身份证号")).upper()
        member = (
            PartyMember.objects.select_related("area").filter(person__id_number=id_number).first()
            if id_number
            else None
        )
        if member is None:
            problems.append(
                (
                    gettext("党员身份证号"),
                    gettext("找不到该党员或不在您的辖区内") if id_number else gettext("必填"),
                )
            )
        code = cell(gettext("项目代码"))
        if not code:
            problems.append((gettext("项目代码"), gettext("必填")))
        day: dt.date | None = None
        try:
            day = parse_date(cell(gettext("发生日期")))
        except CellError as e:
            problems.append(
                (gettext("发生日期"), str(e) if cell(gettext("发生日期")) else gettext("必填"))
            )
        points: Decimal | None = None
        if cell(gettext("分值")):
            try:
                points = Decimal(cell(gettext("分值")))
            except InvalidOperation:
                problems.append((gettext("分值"), gettext("应为数字")))
        evidence = cell(gettext("事实与佐证"))
        if not evidence:
            problems.append((gettext("事实与佐证"), gettext("必填")))
        errors += [
            gettext("第%(number)s行 %(column)s: %(message)s")
            % {"number": number, "column": column, "message": message}
            for column, message in problems
        ]
        if not problems and member is not None and day is not None:
            rows.append(EventRow(number, member, code, day, points, evidence))
    return rows, errors


class ImportForm(forms.Form):
    file = forms.FileField(label=_("文件（.xlsx 或 .csv）"))
