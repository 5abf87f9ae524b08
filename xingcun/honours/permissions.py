"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, register_grants, register_perms
from xingcun.indicators.permissions import MEMBERS_PART

HONOUR_VIEW, HONOUR_EDIT, HONOUR_DELETE = REGISTER = register_perms("honours")

GRANTS = register_grants(REGISTER, readers=(Role.MEMBER,))
NAVIGATION = [
    NavItem(_("荣誉与典型"), "honours:index", HONOUR_VIEW, MEMBERS_PART, 50),
]
