"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import RESOURCES_PART

UNIVERSITY_VIEW = "universities.view"
UNIVERSITY_EDIT = "universities.edit"
UNIVERSITY_DELETE = "universities.delete"
UNIVERSITY_HOME = "universities.home"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {UNIVERSITY_VIEW, UNIVERSITY_EDIT, UNIVERSITY_DELETE, UNIVERSITY_HOME},
    Role.TOWN: {UNIVERSITY_VIEW, UNIVERSITY_EDIT, UNIVERSITY_HOME},
    Role.VILLAGE: {UNIVERSITY_VIEW, UNIVERSITY_HOME},
    Role.PARTNER: {UNIVERSITY_HOME},
}
NAVIGATION = [
    NavItem(_("科技进乡村"), "universities:home", UNIVERSITY_HOME, RESOURCES_PART, 40),
]
SHORTCUTS = {
    Role.PARTNER: [
        NavItem(_("科技进乡村"), "universities:home", position=20),
    ],
}
