"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, register_grants, register_perms
from xingcun.indicators.permissions import ORGANISATION_PART

ALLIANCE_VIEW, ALLIANCE_EDIT, ALLIANCE_DELETE = REGISTER = register_perms("alliances")

GRANTS = register_grants(REGISTER)
NAVIGATION = [
    NavItem(_("党建联盟"), "alliances:index", ALLIANCE_VIEW, ORGANISATION_PART, 10),
]
