"""Demo data of the reports app: the district's default templates (district, town and village),
published, so that the demo reports are made from saved, versioned templates."""

from __future__ import annotations

import random

from xingcun.core.models import Area
from xingcun.reports import services


def generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]:
    made = services.template_create_defaults(area=county)
    return {"report_templates": len(made)}
