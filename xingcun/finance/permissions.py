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

FINANCE_VIEW, FINANCE_EDIT, FINANCE_DELETE = REGISTER = register_perms("finance")
FINANCE_HOME = "finance.home"  # the 政银共建 page: cadres see all, a partner its own bank's

GRANTS = merge_grants(
    register_grants(REGISTER, editors=(Role.TOWN,), readers=(Role.VILLAGE,)),
    partner_home(FINANCE_HOME),
)
NAVIGATION = [
    NavItem(_("政银共建"), "finance:home", FINANCE_HOME, RESOURCES_PART, 30),
]
SHORTCUTS = {
    Role.PARTNER: [
        NavItem(_("政银共建"), "finance:home", position=10),
    ],
}
