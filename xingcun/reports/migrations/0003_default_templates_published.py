"""Publish every existing template as its version 1 (reports are made from published versions),
and create the district, town and village default templates of every district that has none, so
that viewing a report never has to create one."""

from django.db import migrations
from django_scopes import scopes_disabled

COUNTY, TOWN, VILLAGE = 3, 4, 5


def _content(template, sections):
    return {
        "name": template.name,
        "title": template.title,
        "issuer": template.issuer,
        "level": template.level,
        "sections": sections,
    }


def forwards(apps, schema_editor):
    from xingcun.indicators import engine
    from xingcun.reports import defaults

    Area = apps.get_model("core", "Area")
    ReportTemplate = apps.get_model("reports", "ReportTemplate")
    ReportSection = apps.get_model("reports", "ReportSection")
    TemplateVersion = apps.get_model("reports", "TemplateVersion")
    with scopes_disabled():  # a migration works on every district at once
        for template in ReportTemplate._base_manager.all():
            if TemplateVersion.objects.filter(template=template).exists():
                continue
            rows = [
                {"level": s.level, "heading": s.heading, "body": s.body, "area_code": s.area_code}
                for s in ReportSection.objects.filter(template=template).order_by("order", "id")
            ]
            TemplateVersion.objects.create(
                template=template, number=1, note="迁移时发布", **_content(template, rows)
            )
        known = {i.code for i in engine.catalogue()}
        for district in Area._base_manager.filter(level=COUNTY):
            for spec in (defaults.DISTRICT, defaults.TOWN, defaults.VILLAGE):
                taken = ReportTemplate._base_manager.filter(
                    area=district, level=spec.level, is_default=True
                )
                if taken.exists():
                    continue
                template = ReportTemplate._base_manager.create(
                    area=district,
                    name=spec.name,
                    title=spec.title,
                    year=defaults.YEAR,
                    is_default=True,
                    level=spec.level,
                    issuer=spec.issuer,
                )
                rows = spec.section_rows(known)
                for index, row in enumerate(rows):
                    ReportSection.objects.create(template=template, order=(index + 1) * 10, **row)
                TemplateVersion.objects.create(
                    template=template, number=1, note="默认模板", **_content(template, rows)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_template_versions_levels"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
