"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import MEMBERS_PART

VANGUARD_SELF = "vanguard.self"  # one's own score, its explanation, objections during 公示
VANGUARD_VIEW = "vanguard.view"
VANGUARD_RECORD = "vanguard.record"  # record and correct score events
VANGUARD_APPROVE = "vanguard.approve"  # approve events recorded by a village
VANGUARD_ANSWER = "vanguard.answer"  # the branch answers an objection
VANGUARD_MANAGE = "vanguard.manage"  # compute, publicise, finalise rounds; decide objections
VANGUARD_CONFIG = "vanguard.config"  # scheme versions

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {
        VANGUARD_SELF,
        VANGUARD_VIEW,
        VANGUARD_RECORD,
        VANGUARD_APPROVE,
        VANGUARD_MANAGE,
        VANGUARD_CONFIG,
    },
    Role.TOWN: {VANGUARD_SELF, VANGUARD_VIEW, VANGUARD_RECORD, VANGUARD_APPROVE, VANGUARD_MANAGE},
    Role.VILLAGE: {VANGUARD_SELF, VANGUARD_VIEW, VANGUARD_RECORD, VANGUARD_ANSWER},
    Role.MEMBER: {VANGUARD_SELF},
}
NAVIGATION = [
    NavItem(_("先锋指数"), "vanguard:index", VANGUARD_SELF, MEMBERS_PART, 30),
]
SHORTCUTS = {
    Role.MEMBER: [
        NavItem(_("我的先锋指数"), "vanguard:my-score", position=20),
    ],
}
