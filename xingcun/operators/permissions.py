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

OPERATOR_VIEW, OPERATOR_EDIT, OPERATOR_DELETE = REGISTER = register_perms("operators")
OPERATOR_HOME = "operators.home"
OPERATOR_REVIEW = "operators.review"

GRANTS = merge_grants(
    register_grants(REGISTER, editors=(Role.TOWN,), readers=(Role.VILLAGE,)),
    partner_home(OPERATOR_HOME),
    {Role.DISTRICT: {OPERATOR_REVIEW}},
)
NAVIGATION = [
    NavItem(_("乡村运营"), "operators:home", OPERATOR_HOME, RESOURCES_PART, 50),
]
SHORTCUTS = {
    Role.PARTNER: [
        NavItem(_("乡村运营"), "operators:home", position=30),
    ],
}
