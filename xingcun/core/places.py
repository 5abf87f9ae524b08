"""Where a place leads: every village or town name on a page links to its page (the 村情全景 of
the work cycle), through one template tag, `{% place area %}` (`core/templatetags/places.py`).
The app that owns the page plugs it in at start-up (`set_page`); without one, names are text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xingcun.core.models import Area

PageOf = Callable[[Any, Area], str]  # (request, area) → the URL of its page, or ""
_page: list[PageOf] = []


def set_page(page: PageOf) -> None:
    _page[:] = [page]


def url_of(request: Any, area: Area) -> str:
    """The URL of `area`'s page for this request's user ("" when there is none for them)."""
    return _page[0](request, area) if _page else ""
