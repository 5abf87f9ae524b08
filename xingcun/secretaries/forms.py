from __future__ import annotations

from typing import Any

from django.db.models import Q

from xingcun.secretaries.models import (
    Measure,
)


def measure_choices_for(area: Any) -> Any:
    """The district's catalogues, above a town user's node: widened on purpose."""
    return Measure.objects.inherited().filter(
        Q(area__path__in=area.lineage_paths()) | Q(area__path__startswith=area.path)
    )
