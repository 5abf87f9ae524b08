"""The menu and a role's home-page shortcuts, built from what the apps declared in their
`permissions.py` (collected by `core.permissions.collect`). Core names no app here."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.text import slugify
from django.utils.translation import get_language

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


Menu = list[tuple[str, list[tuple[str, str | None, str | None, str]]]]
# The menu of each (role, superuser, language, script prefix), as built from the declarations:
# those are fixed once the apps are loaded, so a process builds each menu once.
_menus: dict[tuple[str, bool, str, str], Menu] = {}


def _menu(request: HttpRequest) -> Menu:
    role: str | None = getattr(request, "role", None)
    superuser = role is None and bool(getattr(request.user, "is_superuser", False))
    key = (role or "", superuser, get_language() or "", get_script_prefix())
    menu = _menus.get(key)
    if menu is None:
        menu = []
        for section, items in groupby(MENU, key=lambda item: item.section):
            entries = [
                (str(item.label), item.url_name, _url(item), slugify(item.url_name or ""))
                for item in items
                if not item.perm or request_has(request, item.perm)
            ]
            if entries and section is not None:
                menu.append((str(section.label), entries))
        _menus[key] = menu
    return menu


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_groups": []}
    path = request.path
    return {
        "nav_groups": [
            {
                "label": label,
                "items": [
                    {
                        "label": item_label,
                        "key": key,
                        "slug": slug,
                        "url": url,
                        "active": bool(url and path.startswith(url)),
                    }
                    for item_label, key, url, slug in entries
                ],
            }
            for label, entries in _menu(request)
        ]
    }
