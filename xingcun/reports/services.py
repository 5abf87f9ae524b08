from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.indicators import engine, units
from xingcun.reports import defaults, selectors, tags
from xingcun.reports.models import ReportSection, ReportTemplate


@dataclass
class SectionValues:
    """One section as the editor submits it; `pk` is None for a new section."""

    level: int
    heading: str = ""
    body: str = ""
    area_code: str = ""
    order: int = 0
    pk: int | None = None

    def summary(self) -> str:
        parts = [f"[{self.level}级]" if self.level else "[正文]", self.heading]
        if self.area_code:
            parts.append(f"（区划 {self.area_code}）")
        return " ".join(p for p in parts if p) + f"\n{self.body}"

    @classmethod
    def of(cls, section: ReportSection) -> SectionValues:
        return cls(
            level=section.level,
            heading=section.heading,
            body=section.body,
            area_code=section.area_code,
            order=section.order,
            pk=section.pk,
        )


def section_label(index: int, values: SectionValues) -> str:
    heading = values.heading.strip() or "正文"
    return f"第{index + 1}节「{heading}」"


def sections_check(
    sections: Sequence[SectionValues], known: Mapping[str, str]
) -> list[ValidationError]:
    """Every problem of the sections, each naming its section (params: index, field).
    `known` maps the registered indicator codes to their units."""
    errors: list[ValidationError] = []
    for index, values in enumerate(sections):
        label = section_label(index, values)
        if values.level not in ReportSection.Level.values:
            errors.append(_error(f"{label}：层级应为0至3", index, "level"))
        if values.level and not values.heading.strip():
            errors.append(_error(f"{label}：标题节需要填写标题", index, "heading"))
        if values.area_code and not tags.normalise_area_code(values.area_code):
            errors.append(
                _error(
                    f"{label}：区划代码“{values.area_code}”应为6、9或12位数字", index, "area_code"
                )
            )
        for field in ("heading", "body"):
            errors.extend(
                _error(f"{label}中的标签 {e.source}：{e.message}", index, field)
                for e in text_check(getattr(values, field), known)
            )
    return errors


def text_check(text: str, known: Mapping[str, str]) -> list[tags.TagError]:
    """Tag syntax, indicator codes, and units that the indicator's unit converts to."""
    errors = tags.validate(text, known)
    if errors:
        return errors
    pieces, _ = tags.parse(text)
    for tag in pieces:
        if isinstance(tag, str) or not tag.unit:
            continue
        own = known[tag.code]
        try:
            units.convert(Decimal(0), own, tag.unit)
        except ValueError:
            errors.append(
                tags.TagError(tag.source, f"单位“{tag.unit}”不能用于该指标（指标的单位是{own}）")
            )
    return errors


def _error(message: str, index: int, field: str) -> ValidationError:
    return ValidationError(message, code="section", params={"index": index, "field": field})


def title_check(title: str, known: Mapping[str, str]) -> list[ValidationError]:
    return [
        ValidationError(f"报告标题中的标签 {e.source}：{e.message}", code="title")
        for e in text_check(title, known)
    ]


def known_indicators() -> dict[str, str]:
    """Registered indicator codes and their units."""
    return {indicator.code: indicator.unit for indicator in engine.catalogue()}


@transaction.atomic
def template_save(
    *,
    template: ReportTemplate,
    name: str,
    title: str,
    year: int,
    is_default: bool,
    sections: Sequence[SectionValues],
    actor: Any,
) -> ReportTemplate:
    """Create or update a template with its sections, in the order given. Tags are checked
    against the indicator catalogue; any error aborts the whole save."""
    known = known_indicators()
    errors = title_check(title, known) + sections_check(sections, known)
    if errors:
        raise ValidationError(errors)
    creating = template.pk is None
    before = {} if creating else audit.snapshot(template)
    existing = {} if creating else {s.pk: s for s in template.sections.all()}
    old_sections = {pk: SectionValues.of(s) for pk, s in existing.items()}
    template.name, template.title, template.year = name, title, year
    template.is_default = is_default
    replaced: list[str] = []
    if is_default:
        others = (
            ReportTemplate.objects.inherited()
            .filter(area=template.area, year=year, is_default=True)
            .exclude(pk=template.pk)
        )
        replaced = [str(t) for t in others]
        others.update(is_default=False)
    template.full_clean()
    template.save()

    changes: dict[str, Any] = audit.diff(before, audit.snapshot(template))
    if replaced:
        changes["取消默认"] = ["、".join(replaced), None]
    kept: set[int] = set()
    for index, values in enumerate(sections):
        values.order = (index + 1) * 10
        values.area_code = tags.normalise_area_code(values.area_code) or ""
        label = section_label(index, values)
        old = old_sections.get(values.pk) if values.pk else None
        section = existing.get(values.pk) if values.pk else None
        if section is None:
            section = ReportSection(template=template)
        section.order, section.level, section.heading = values.order, values.level, values.heading
        section.body, section.area_code = values.body, values.area_code
        section.full_clean()
        section.save()
        kept.add(section.pk)
        if old is None:
            changes[label] = [None, values.summary()]
        elif old.summary() != values.summary():
            changes[label] = [old.summary(), values.summary()]
        elif old.order != values.order:
            changes[label] = [f"原顺序 {old.order}", f"顺序 {values.order}"]
    for pk, old in old_sections.items():
        if pk not in kept:
            changes[f"删除：{old.heading or '正文'}"] = [old.summary(), None]
    template.sections.exclude(pk__in=kept).delete()
    action = "report_template.created" if creating else "report_template.updated"
    audit.log(actor=actor, action=action, obj=template, changes=changes)
    return template


@transaction.atomic
def template_copy(*, source: ReportTemplate, area: Area, year: int, actor: Any) -> ReportTemplate:
    """A new (non-default) template owned by `area`, with the sections of `source`."""
    copy = ReportTemplate(area=area, name=f"{source.name}（副本）", title=source.title, year=year)
    copy.full_clean()
    copy.save()
    ReportSection.objects.bulk_create(
        ReportSection(
            template=copy,
            order=s.order,
            level=s.level,
            heading=s.heading,
            area_code=s.area_code,
            body=s.body,
        )
        for s in source.sections.all()
    )
    audit.log(
        actor=actor,
        action="report_template.copied",
        obj=copy,
        changes={"source": [None, f"{source}（#{source.pk}）"], "year": [None, year]},
    )
    return copy


@transaction.atomic
def template_ensure_default(*, area: Area, year: int | None = None) -> ReportTemplate:
    """The default template usable at `area`, created from `defaults.py` when there is none.

    Idempotent: a default that exists (edited or not) is returned unchanged. The new template is
    owned by the district above `area`; its sentences use the indicators registered right now.
    """
    existing = selectors.template_default_for(area=area, year=year or defaults.YEAR)
    if existing is not None:
        return existing
    owner = selectors.owner_area(area=area)
    known = known_indicators()
    template = ReportTemplate(
        area=owner,
        name=defaults.NAME,
        title=defaults.TITLE,
        year=defaults.YEAR,
        is_default=True,
    )
    template.full_clean()
    template.save()
    sections = [
        ReportSection(
            template=template,
            order=(index + 1) * 10,
            level=spec.level,
            heading=spec.heading,
            area_code=spec.area_code,
            body=spec.body(known),
        )
        for index, spec in enumerate(defaults.SECTIONS)
    ]
    ReportSection.objects.bulk_create(sections)
    audit.log(
        actor=None,
        action="report_template.created",
        obj=template,
        changes={"sections": [None, len(sections)], "indicators": [None, len(known)]},
        via_path="system",
    )
    return template
