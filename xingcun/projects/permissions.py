"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import BASE_DATA, NavItem, Role, register_grants, register_perms

PROJECT_VIEW, PROJECT_EDIT, PROJECT_DELETE = REGISTER = register_perms("projects")

GRANTS = register_grants(REGISTER, readers=(Role.MEMBER, Role.EXPERT, Role.PARTNER))
NAVIGATION = [
    NavItem(_("投资项目"), "core:projects-list", PROJECT_VIEW, BASE_DATA, 90),
]
