"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import MEMBERS_PART

HONOUR_VIEW = "honours.view"
HONOUR_EDIT = "honours.edit"
HONOUR_DELETE = "honours.delete"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {HONOUR_VIEW, HONOUR_EDIT, HONOUR_DELETE},
    Role.TOWN: {HONOUR_VIEW, HONOUR_EDIT},
    Role.VILLAGE: {HONOUR_VIEW, HONOUR_EDIT},
    Role.MEMBER: {HONOUR_VIEW},
}
NAVIGATION = [
    NavItem(_("荣誉与典型"), "honours:index", HONOUR_VIEW, MEMBERS_PART, 50),
]
