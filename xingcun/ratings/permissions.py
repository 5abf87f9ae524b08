"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import MEMBERS_PART

RATING_VIEW = "ratings.view"
RATING_SELF = "ratings.self_score"  # a village organisation scores itself
RATING_TOWN = "ratings.town_score"
RATING_CONFIRM = "ratings.confirm"  # district confirmation (quotas), 公示, final
RATING_CONFIG = "ratings.config"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {RATING_VIEW, RATING_CONFIRM, RATING_CONFIG},
    Role.TOWN: {RATING_VIEW, RATING_TOWN},
    Role.VILLAGE: {RATING_VIEW, RATING_SELF},
}
NAVIGATION = [
    NavItem(_("星级党组织"), "ratings:index", RATING_VIEW, MEMBERS_PART, 40),
]
