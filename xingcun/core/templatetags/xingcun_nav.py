"""The navigation's pending counts: `{{ work.nav_counts|pending:item.key }}`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def pending(counts: Any, key: str | None) -> int:
    """The count of pending actions of one navigation item (0 when none or unknown)."""
    if not key or not isinstance(counts, Mapping):
        return 0
    return int(counts.get(key, 0))
