"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, merge_grants, register_grants, register_perms
from xingcun.indicators.permissions import MEMBERS_PART

WISH_VIEW, WISH_EDIT, WISH_DELETE = WISHES = register_perms("wishes")
# view: the wish wall and a wish's page; edit: record, verify, publish, withdraw, confirm
WISH_CLAIM = "wishes.claim"
WISH_CONFIG = "wishes.config"  # claim period and points
VISIT_VIEW, VISIT_EDIT, VISIT_DELETE = VISITS = register_perms("wishes", "visit")

GRANTS = merge_grants(
    register_grants(WISHES, readers=(Role.MEMBER,)),
    register_grants(VISITS),
    {role: {WISH_CLAIM} for role in (Role.DISTRICT, Role.TOWN, Role.VILLAGE, Role.MEMBER)},
    {Role.DISTRICT: {WISH_CONFIG}},
)
NAVIGATION = [
    NavItem(_("微心愿"), "wishes:wall", WISH_VIEW, MEMBERS_PART, 60),
]
SHORTCUTS = {
    Role.MEMBER: [
        NavItem(_("微心愿墙"), "wishes:wall", position=30),
        NavItem(_("我认领的心愿"), "wishes:mine", position=40),
    ],
}
