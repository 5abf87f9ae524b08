"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import RESOURCES_PART

OPERATOR_VIEW = "operators.view"
OPERATOR_EDIT = "operators.edit"
OPERATOR_DELETE = "operators.delete"
OPERATOR_REVIEW = "operators.review"
OPERATOR_HOME = "operators.home"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {OPERATOR_VIEW, OPERATOR_EDIT, OPERATOR_DELETE, OPERATOR_REVIEW, OPERATOR_HOME},
    Role.TOWN: {OPERATOR_VIEW, OPERATOR_EDIT, OPERATOR_HOME},
    Role.VILLAGE: {OPERATOR_VIEW, OPERATOR_HOME},
    Role.PARTNER: {OPERATOR_HOME},
}
NAVIGATION = [
    NavItem(_("乡村运营"), "operators:home", OPERATOR_HOME, RESOURCES_PART, 50),
]
SHORTCUTS = {
    Role.PARTNER: [
        NavItem(_("乡村运营"), "operators:home", position=30),
    ],
}
