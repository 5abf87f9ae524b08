from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.scoping import lock
from xingcun.core.writes import save_audited
from xingcun.indicators import engine, units
from xingcun.indicators.engine import Period
from xingcun.reports import defaults, rendering, selectors, tags
from xingcun.reports.document import Report
from xingcun.reports.models import (
    SETTING_TAGS,
    GeneratedReport,
    ReportSection,
    ReportTemplate,
    TemplateVersion,
)


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
        parts = [
            gettext("[%(level)s级]") % {"level": self.level} if self.level else gettext("[正文]"),
            self.heading,
        ]
        if self.area_code:
            parts.append(gettext("（区划 %(area_code)s）") % {"area_code": self.area_code})
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
    heading = values.heading.strip() or gettext("正文")
    return gettext("第%(number)s节「%(heading)s」") % {"number": index + 1, "heading": heading}


def sections_check(
    sections: Sequence[SectionValues], known: Mapping[str, str]
) -> list[ValidationError]:
    """Every problem of the sections, each naming its section (params: index, field).
    `known` maps the registered indicator codes to their units."""
    errors: list[ValidationError] = []
    for index, values in enumerate(sections):
        label = section_label(index, values)
        if values.level not in ReportSection.Level.values:
            errors.append(
                _error(gettext("%(label)s：层级应为0至3") % {"label": label}, index, "level")
            )
        if values.level and not values.heading.strip():
            errors.append(
                _error(
                    gettext("%(label)s：标题节需要填写标题") % {"label": label}, index, "heading"
                )
            )
        if values.area_code and not tags.normalise_area_code(values.area_code):
            errors.append(
                _error(
                    gettext("%(label)s：区划代码“%(area_code)s”应为6、9或12位数字")
                    % {"label": label, "area_code": values.area_code},
                    index,
                    "area_code",
                )
            )
        for field in ("heading", "body"):
            errors.extend(
                _error(
                    gettext("%(label)s中的标签 %(source)s：%(message)s")
                    % {"label": label, "source": e.source, "message": e.message},
                    index,
                    field,
                )
                for e in text_check(getattr(values, field), known)
            )
    return errors


def text_check(text: str, known: Mapping[str, str]) -> list[tags.TagError]:
    """Tag syntax, indicator codes, and units that the indicator's unit converts to."""
    errors = tags.validate(text, known, SETTING_TAGS)
    if errors:
        return errors
    pieces, _ = tags.parse(text)
    for tag in pieces:
        if isinstance(tag, str) or tag.kind != tags.Kind.INDICATOR or not tag.unit:
            continue
        own = known[tag.code]
        try:
            units.convert(Decimal(0), own, tag.unit)
        except ValueError:
            errors.append(
                tags.TagError(
                    tag.source,
                    gettext("单位“%(unit)s”不能用于该指标（指标的单位是%(own)s）")
                    % {"unit": tag.unit, "own": own},
                )
            )
    return errors


def _error(message: str, index: int, field: str) -> ValidationError:
    return ValidationError(message, code="section", params={"index": index, "field": field})


def title_check(title: str, known: Mapping[str, str]) -> list[ValidationError]:
    return [
        ValidationError(
            gettext("报告标题中的标签 %(source)s：%(message)s")
            % {"source": e.source, "message": e.message},
            code="title",
        )
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
    level: int | None = None,
    issuer: str | None = None,
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
    if level is not None:
        template.level = level
    if issuer is not None:
        template.issuer = issuer
    replaced: list[str] = []
    if is_default:
        others = (
            ReportTemplate.objects.inherited()
            .filter(area=template.area, year=year, is_default=True, level=template.level)
            .exclude(pk=template.pk)
        )
        replaced = [str(t) for t in others]
        others.update(is_default=False)
    template.full_clean()
    template.save()

    changes: dict[str, Any] = audit.diff(before, audit.snapshot(template))
    if replaced:
        changes[gettext("取消默认")] = ["、".join(replaced), None]
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
            changes[label] = [
                gettext("原顺序 %(order)s") % {"order": old.order},
                gettext("顺序 %(order)s") % {"order": values.order},
            ]
    for pk, old in old_sections.items():
        if pk not in kept:
            deleted = gettext("删除：%(heading)s") % {"heading": old.heading or gettext("正文")}
            changes[deleted] = [old.summary(), None]
    template.sections.exclude(pk__in=kept).delete()
    action = "report_template.created" if creating else "report_template.updated"
    audit.log(actor=actor, action=action, obj=template, changes=changes)
    return template


@transaction.atomic
def template_copy(*, source: ReportTemplate, area: Area, year: int, actor: Any) -> ReportTemplate:
    """A new (non-default) template owned by `area`, with the sections of `source`."""
    copy = ReportTemplate(
        area=area,
        name=gettext("%(name)s（副本）") % {"name": source.name},
        title=source.title,
        year=year,
        level=source.level,
        issuer=source.issuer,
    )
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


def _draft_content(template: ReportTemplate) -> dict[str, Any]:
    return {
        "name": template.name,
        "title": template.title,
        "issuer": template.issuer,
        "level": template.level,
        "sections": [
            {"level": s.level, "heading": s.heading, "body": s.body, "area_code": s.area_code}
            for s in template.sections.all()
        ],
    }


def template_has_unpublished_changes(*, template: ReportTemplate) -> bool:
    latest = selectors.latest_version(template=template)
    return latest is None or latest.content() != _draft_content(template)


@transaction.atomic
def template_publish(*, template: ReportTemplate, actor: Any, note: str = "") -> TemplateVersion:
    """Freeze the draft as the next version; reports are made from the latest version. Publishing
    an unchanged draft is refused (there is nothing new to publish)."""
    locked = lock(template)
    if not template_has_unpublished_changes(template=locked):
        raise ValidationError(gettext("草稿与最新发布的版本相同，无需再次发布"), code="unchanged")
    content = _draft_content(locked)
    known = known_indicators()
    problems = title_check(content["title"], known) + sections_check(
        [SectionValues(**row) for row in content["sections"]], known
    )
    if problems:
        raise ValidationError(problems)
    latest = selectors.latest_version(template=locked)
    version = TemplateVersion(
        template=locked,
        number=(latest.number + 1) if latest else 1,
        note=note,
        published_by=actor if getattr(actor, "pk", None) else None,
        **content,
    )
    return save_audited(
        version,
        actor=actor,
        action="report_template.published",
        about=locked,
        changes={"version": [latest.number if latest else None, version.number]},
    )


@transaction.atomic
def template_restore(*, template: ReportTemplate, version: TemplateVersion, actor: Any) -> None:
    """Undo: the draft becomes the content of `version` again (publish it to use it)."""
    if version.template_id != template.pk:
        raise ValidationError(gettext("该版本不属于此模板"), code="version")
    before = _draft_content(template)
    template.name, template.title, template.issuer = version.name, version.title, version.issuer
    template.level = version.level
    template.full_clean()
    template.save(update_fields=["name", "title", "issuer", "level", "updated_at"])
    template.sections.all().delete()
    ReportSection.objects.bulk_create(
        ReportSection(template=template, order=(index + 1) * 10, **row)
        for index, row in enumerate(version.sections)
    )
    audit.log(
        actor=actor,
        action="report_template.restored",
        obj=template,
        changes={
            "version": [None, version.number],
            "sections": [len(before["sections"]), len(version.sections)],
        },
    )


def content_lines(content: Mapping[str, Any]) -> list[str]:
    """A template's content as text lines, for comparing versions."""
    lines = [
        gettext("标题：%(content)s") % {"content": content["title"]},
        gettext("落款：%(content)s") % {"content": content["issuer"]},
    ]
    for index, row in enumerate(content["sections"]):
        lines.append(
            (
                gettext("§%(number)s [%(level)s级] %(heading)s %(area_code)s")
                % {
                    "number": index + 1,
                    "level": row["level"],
                    "heading": row["heading"],
                    "area_code": row["area_code"],
                }
            ).rstrip()
        )
        lines.extend(f"    {line}" for line in str(row["body"]).splitlines())
    return lines


def template_diff(*, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """A unified diff of two versions' content (an empty list when they are the same)."""
    return list(
        difflib.unified_diff(
            content_lines(old),
            content_lines(new),
            gettext("旧版本"),
            gettext("新版本"),
            lineterm="",
        )
    )


def draft_content(*, template: ReportTemplate) -> dict[str, Any]:
    return _draft_content(template)


@transaction.atomic
def report_issue(
    *,
    template: ReportTemplate,
    area: Area,
    period: Period,
    actor: Any,
    issued_on: dt.date,
) -> GeneratedReport:
    """Generate a report from the template's latest published version and keep it: the version,
    every figure and setting it used, the snapshot that covered it, and the date on it."""
    version = selectors.latest_version(template=template)
    if version is None:
        raise ValidationError(gettext("模板尚未发布，不能据此生成存档报告"), code="unpublished")
    holder: list[Any] = []
    report = rendering.report_build(
        title=version.title,
        sections=rendering.sections_of(version.sections),
        area=area,
        period=period,
        template=template,
        issuer=version.issuer,
        issued_on=issued_on,
        evaluator_out=holder,
    )
    evaluator = holder[0]
    record = GeneratedReport(
        area=area,
        version=version,
        period=str(period),
        issued_on=issued_on,
        title=report.title,
        values=evaluator.values(),
        settings=evaluator.facts(),
        snapshot=selectors.snapshot_covering(area=area, period=period),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    return save_audited(
        record,
        actor=actor,
        action="report.issued",
        changes={"version": [None, version.number], "figures": [None, len(record.values)]},
    )


def report_reissue(*, record: GeneratedReport) -> Report:
    """The issued report again, from its version and its stored figures: identical to the first."""
    version = record.version
    report = rendering.report_build(
        title=version.title,
        sections=rendering.sections_of(version.sections),
        area=record.area,
        period=Period.parse(record.period),
        template=version.template,
        issuer=version.issuer,
        issued_on=record.issued_on,
        stored=record.values,
        stored_settings=record.settings,
    )
    report.version_number = version.number
    return report


@transaction.atomic
def template_create_defaults(
    *, area: Area, year: int | None = None, actor: Any = None
) -> list[ReportTemplate]:
    """The district, town and village default templates of the district above `area`, created
    from `defaults.py` and published as version 1 where missing (an explicit action: the data
    migration, the demo, the command and the district's button call it; viewing never does).
    Idempotent: an existing default of a level is left as it is."""
    owner = selectors.owner_area(area=area)
    known = known_indicators()
    made: list[ReportTemplate] = []
    for spec in (defaults.DISTRICT, defaults.TOWN, defaults.VILLAGE):
        exists = ReportTemplate.objects.inherited().filter(
            area=owner, level=spec.level, is_default=True
        )
        if exists.exists():
            continue
        template = ReportTemplate(
            area=owner,
            name=spec.name,
            title=spec.title,
            year=year or defaults.YEAR,
            is_default=True,
            level=spec.level,
            issuer=spec.issuer,
        )
        template.full_clean()
        template.save()
        ReportSection.objects.bulk_create(
            ReportSection(template=template, order=(index + 1) * 10, **row)
            for index, row in enumerate(spec.section_rows(known))
        )
        audit.log(
            actor=actor,
            action="report_template.created",
            obj=template,
            changes={"sections": [None, len(spec.sections)], "indicators": [None, len(known)]},
            via_path="system" if actor is None else None,
        )
        template_publish(template=template, actor=actor, note=gettext("默认模板"))
        made.append(template)
    return made


def template_ensure_default(*, area: Area, year: int | None = None) -> ReportTemplate:
    """The default template of `area`'s level, creating the district's defaults when there are
    none (for the command and benchmarks, which are explicit actions; views never call this)."""
    wanted = year or defaults.YEAR
    existing = selectors.template_default_for(area=area, year=wanted)
    if existing is not None:
        return existing
    template_create_defaults(area=area)
    found = selectors.template_default_for(area=area, year=wanted)
    if found is None:
        raise ValidationError(gettext("无法创建默认模板"), code="defaults")
    return found
