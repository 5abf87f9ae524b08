"""`{% place area %}`: a village's or town's name, linked to its page (村情全景) when the viewer
may open it; anything else (text, None) is printed as it is. Used wherever a place is named."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html

from xingcun.core import places
from xingcun.core.models import Area

register = template.Library()


@register.simple_tag(takes_context=True)
def place(context: Any, area: Any, text: Any = None) -> str:
    if not isinstance(area, Area):
        return conditional_escape("" if area is None else area)
    label = area.display_name if text is None else text
    request = context.get("request")
    url = places.url_of(request, area) if request is not None else ""
    if not url:
        return conditional_escape(label)
    return format_html('<a class="place" href="{}" data-place="{}">{}</a>', url, area.code, label)


@register.simple_tag(takes_context=True)
def place_url(context: Any, area: Any) -> str:
    """The URL of the node's page for this viewer, "" when none (`{% place_url a as url %}`)."""
    request = context.get("request")
    if not isinstance(area, Area) or request is None:
        return ""
    return places.url_of(request, area)


@register.simple_tag(takes_context=True)
def place_more(context: Any, area: Any, text: str) -> str:
    """A small link to the node's page beside a name that links elsewhere (a record, a
    dashboard); nothing when the viewer has no such page or `area` is not a node."""
    url = place_url(context, area)
    if not url:
        return ""
    return format_html(
        ' <a class="place-more" href="{}" data-place="{}" title="{}">{}</a>',
        url,
        area.code,
        area.display_name,
        text,
    )
