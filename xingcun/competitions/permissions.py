"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, register_grants, register_perms
from xingcun.indicators.permissions import MEMBERS_PART

# view: scoreboards, also for members of the branch; edit: competitions, party groups, entries
COMPETITION_VIEW, COMPETITION_EDIT, COMPETITION_DELETE = REGISTER = register_perms("competitions")

GRANTS = register_grants(REGISTER, readers=(Role.MEMBER,))
NAVIGATION = [
    NavItem(_("党小组比拼"), "competitions:index", COMPETITION_VIEW, MEMBERS_PART, 20),
]
SHORTCUTS = {
    Role.MEMBER: [
        NavItem(_("党小组比拼"), "competitions:index", position=50),
    ],
}
