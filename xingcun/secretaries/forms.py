from __future__ import annotations

from typing import Any

from xingcun.secretaries.models import (
    Measure,
)


def measure_choices_for(area: Any) -> Any:
    """The district's catalogues, above a town user's node: widened on purpose."""
    parts = area.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return Measure.unscoped.filter(area__path__in=prefixes) | Measure.unscoped.filter(
        area__path__startswith=area.path
    )
