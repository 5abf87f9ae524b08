"""The menu and a role's home-page shortcuts, built from what the apps declared in their
`permissions.py` (collected by `core.permissions.collect`). Core names no app here."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from xingcun.core.permissions import MENU, ROLE_SHORTCUTS, NavItem, request_has


def _url(item: NavItem) -> str | None:
    if not item.url_name:
        return None
    try:
        return reverse(item.url_name)
    except NoReverseMatch:
        return None  # a part not built yet


def shortcuts_for(role: str | None) -> list[dict[str, Any]]:
    links = []
    for item in ROLE_SHORTCUTS.get(role or "", ()):
        url = _url(item)
        if url is not None:  # a part not built yet is left out, never shown as a broken link
            links.append({"label": item.label, "url": url})
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_groups": []}
    groups = []
    for section, items in groupby(MENU, key=lambda item: item.section):
        entries = []
        for item in items:
            if item.perm and not request_has(request, item.perm):
                continue
            url = _url(item)
            entries.append(
                {
                    "label": item.label,
                    "url": url,
                    "active": bool(url and request.path.startswith(url)),
                }
            )
        if entries and section is not None:
            groups.append({"label": section.label, "items": entries})
    return {"nav_groups": groups}
