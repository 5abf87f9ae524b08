"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import (
    NavItem,
    Role,
    merge_grants,
    partner_home,
    register_grants,
    register_perms,
)
from xingcun.indicators.permissions import RESOURCES_PART

UNIVERSITY_VIEW, UNIVERSITY_EDIT, UNIVERSITY_DELETE = REGISTER = register_perms("universities")
UNIVERSITY_HOME = "universities.home"

GRANTS = merge_grants(
    register_grants(REGISTER, editors=(Role.TOWN,), readers=(Role.VILLAGE,)),
    partner_home(UNIVERSITY_HOME),
)
NAVIGATION = [
    NavItem(_("科技进乡村"), "universities:home", UNIVERSITY_HOME, RESOURCES_PART, 40),
]
SHORTCUTS = {
    Role.PARTNER: [
        NavItem(_("科技进乡村"), "universities:home", position=20),
    ],
}
