"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import RESOURCES_PART

SECRETARY_VIEW = "secretaries.view"
SECRETARY_EDIT = "secretaries.edit"
SECRETARY_DELETE = "secretaries.delete"
SECRETARY_CONFIG = "secretaries.config"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {SECRETARY_VIEW, SECRETARY_EDIT, SECRETARY_DELETE, SECRETARY_CONFIG},
    Role.TOWN: {SECRETARY_VIEW, SECRETARY_EDIT},
    Role.VILLAGE: {SECRETARY_VIEW},
}
NAVIGATION = [
    NavItem(_("第一书记与消薄"), "secretaries:home", SECRETARY_VIEW, RESOURCES_PART, 20),
]
