"""Audit entries as people read them: Chinese action names, personal data masked by role."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from xingcun.core import audit
from xingcun.core import permissions as perms
from xingcun.core.models import AuditEntry
from xingcun.core.permissions import PII_VIEW

register = template.Library()


@register.filter
def action_label(entry: AuditEntry) -> str:
    return audit.action_label(entry.action, entry.model)


@register.filter
def change_lines_for(entry: AuditEntry, request: HttpRequest | None) -> list[tuple[str, str]]:
    """The entry's changes, with ID numbers, birth dates and phones masked unless the viewer's
    role may see them (xingcun.core.masking)."""
    show = request is not None and perms.request_has(request, PII_VIEW)
    return entry.change_lines(masked=not show)
