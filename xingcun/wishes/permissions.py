"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import MEMBERS_PART

WISH_VIEW = "wishes.view"  # the wish wall and a wish's page
WISH_CLAIM = "wishes.claim"
WISH_EDIT = "wishes.edit"  # record, verify, publish, withdraw, confirm; the wish register
WISH_DELETE = "wishes.delete"
WISH_CONFIG = "wishes.config"  # claim period and points
VISIT_VIEW = "wishes.visit_view"
VISIT_EDIT = "wishes.visit_edit"
VISIT_DELETE = "wishes.visit_delete"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {
        WISH_VIEW,
        WISH_CLAIM,
        WISH_EDIT,
        WISH_DELETE,
        WISH_CONFIG,
        VISIT_VIEW,
        VISIT_EDIT,
        VISIT_DELETE,
    },
    Role.TOWN: {WISH_VIEW, WISH_CLAIM, WISH_EDIT, VISIT_VIEW, VISIT_EDIT},
    Role.VILLAGE: {WISH_VIEW, WISH_CLAIM, WISH_EDIT, VISIT_VIEW, VISIT_EDIT},
    Role.MEMBER: {WISH_VIEW, WISH_CLAIM},
}
NAVIGATION = [
    NavItem(_("微心愿"), "wishes:wall", WISH_VIEW, MEMBERS_PART, 60),
]
SHORTCUTS = {
    Role.MEMBER: [
        NavItem(_("微心愿墙"), "wishes:wall", position=30),
        NavItem(_("我认领的心愿"), "wishes:mine", position=40),
    ],
}
