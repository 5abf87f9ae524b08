"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import Cooperation, Role
from xingcun.indicators.permissions import RESOURCES_PART

OPERATORS = Cooperation("operators", _("乡村运营"), RESOURCES_PART, position=50, shortcut=30)
OPERATOR_VIEW, OPERATOR_EDIT, OPERATOR_DELETE = REGISTER = OPERATORS.register
OPERATOR_HOME = OPERATORS.home
OPERATOR_REVIEW = "operators.review"

GRANTS = OPERATORS.grants({Role.DISTRICT: {OPERATOR_REVIEW}})
NAVIGATION, SHORTCUTS = OPERATORS.navigation, OPERATORS.shortcuts
