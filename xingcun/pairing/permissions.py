"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, merge_grants, register_grants, register_perms
from xingcun.indicators.permissions import ORGANISATION_PART

PAIRING_VIEW, PAIRING_EDIT, PAIRING_DELETE = REGISTER = register_perms("pairing")
PAIRING_RECOMMEND = "pairing.recommend"  # run the recommendation, accept proposals
PAIRING_CONFIGURE = "pairing.configure"  # catalogues, weights, targets, 双整 checklist
STANDING_EDIT = "pairing.standing_edit"  # star levels, titles, 软弱后进

GRANTS = merge_grants(
    register_grants(REGISTER),
    {
        Role.DISTRICT: {PAIRING_RECOMMEND, PAIRING_CONFIGURE, STANDING_EDIT},
        Role.TOWN: {STANDING_EDIT},
    },
)
NAVIGATION = [
    NavItem(_("村社结对共建"), "pairing:index", PAIRING_VIEW, ORGANISATION_PART, 20),
]
