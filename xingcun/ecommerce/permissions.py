"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, merge_grants, register_grants, register_perms
from xingcun.indicators.permissions import ORGANISATION_PART

ECOMMERCE_VIEW, ECOMMERCE_EDIT, ECOMMERCE_DELETE = REGISTER = register_perms("ecommerce")
ECOMMERCE_CONFIGURE = "ecommerce.configure"  # 淘宝村/淘宝镇 rules

GRANTS = merge_grants(register_grants(REGISTER), {Role.DISTRICT: {ECOMMERCE_CONFIGURE}})
NAVIGATION = [
    NavItem(_("电商与新农人党组织"), "ecommerce:index", ECOMMERCE_VIEW, ORGANISATION_PART, 30),
]
