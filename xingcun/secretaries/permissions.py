"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, merge_grants, register_grants, register_perms
from xingcun.indicators.permissions import RESOURCES_PART

SECRETARY_VIEW, SECRETARY_EDIT, SECRETARY_DELETE = REGISTER = register_perms("secretaries")
SECRETARY_CONFIG = "secretaries.config"

GRANTS = merge_grants(
    register_grants(REGISTER, editors=(Role.TOWN,), readers=(Role.VILLAGE,)),
    {Role.DISTRICT: {SECRETARY_CONFIG}},
)
NAVIGATION = [
    NavItem(_("第一书记与消薄"), "secretaries:home", SECRETARY_VIEW, RESOURCES_PART, 20),
]
