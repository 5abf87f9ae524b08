"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import BASE_DATA, NavItem, Role, register_grants, register_perms

ORG_VIEW, ORG_EDIT, ORG_DELETE = REGISTER = register_perms("organisations")

GRANTS = register_grants(REGISTER, readers=(Role.MEMBER,))
NAVIGATION = [
    NavItem(_("党组织"), "core:organisations-list", ORG_VIEW, BASE_DATA, 20),
    NavItem(_("功能型/临时党组织成员"), "core:branch-members-list", ORG_VIEW, BASE_DATA, 30),
]
