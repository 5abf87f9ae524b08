"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import MEMBERS_PART

COMPETITION_VIEW = "competitions.view"  # scoreboards, also for members of the branch
COMPETITION_EDIT = "competitions.edit"  # competitions, party groups, entries
COMPETITION_DELETE = "competitions.delete"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {COMPETITION_VIEW, COMPETITION_EDIT, COMPETITION_DELETE},
    Role.TOWN: {COMPETITION_VIEW, COMPETITION_EDIT},
    Role.VILLAGE: {COMPETITION_VIEW, COMPETITION_EDIT},
    Role.MEMBER: {COMPETITION_VIEW},
}
NAVIGATION = [
    NavItem(_("党小组比拼"), "competitions:index", COMPETITION_VIEW, MEMBERS_PART, 20),
]
SHORTCUTS = {
    Role.MEMBER: [
        NavItem(_("党小组比拼"), "competitions:index", position=50),
    ],
}
