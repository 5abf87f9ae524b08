"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import BASE_DATA, NavItem, register_grants, register_perms

PROFILE_VIEW, PROFILE_EDIT, PROFILE_DELETE = REGISTER = register_perms("villages")

GRANTS = register_grants(REGISTER)
NAVIGATION = [
    NavItem(_("村情年度档案"), "core:profiles-list", PROFILE_VIEW, BASE_DATA, 70),
    NavItem(_("薄弱村认定规则"), "core:weak-rules-list", PROFILE_VIEW, BASE_DATA, 80),
]
