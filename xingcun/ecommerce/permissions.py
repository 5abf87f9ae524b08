"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import ORGANISATION_PART

ECOMMERCE_VIEW = "ecommerce.view"
ECOMMERCE_EDIT = "ecommerce.edit"
ECOMMERCE_DELETE = "ecommerce.delete"
ECOMMERCE_CONFIGURE = "ecommerce.configure"  # 淘宝村/淘宝镇 rules

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {ECOMMERCE_VIEW, ECOMMERCE_EDIT, ECOMMERCE_DELETE, ECOMMERCE_CONFIGURE},
    Role.TOWN: {ECOMMERCE_VIEW, ECOMMERCE_EDIT},
    Role.VILLAGE: {ECOMMERCE_VIEW, ECOMMERCE_EDIT},
}
NAVIGATION = [
    NavItem(_("电商与新农人党组织"), "ecommerce:index", ECOMMERCE_VIEW, ORGANISATION_PART, 30),
]
