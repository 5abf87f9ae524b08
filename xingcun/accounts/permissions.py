"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from xingcun.core.permissions import USER_MANAGE, Role

PARTNER_PORTAL = "partners.portal"  # a partner's own pages: loans, dispatches, operator results

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {USER_MANAGE},
    Role.PARTNER: {PARTNER_PORTAL},
}
