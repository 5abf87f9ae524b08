"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import BASE_DATA, NavItem, Role

PROJECT_VIEW = "projects.view"
PROJECT_EDIT = "projects.edit"
PROJECT_DELETE = "projects.delete"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {PROJECT_VIEW, PROJECT_EDIT, PROJECT_DELETE},
    Role.TOWN: {PROJECT_VIEW, PROJECT_EDIT},
    Role.VILLAGE: {PROJECT_VIEW, PROJECT_EDIT},
    Role.MEMBER: {PROJECT_VIEW},
    Role.EXPERT: {PROJECT_VIEW},
    Role.PARTNER: {PROJECT_VIEW},
}
NAVIGATION = [
    NavItem(_("投资项目"), "core:projects-list", PROJECT_VIEW, BASE_DATA, 90),
]
