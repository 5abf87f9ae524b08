"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import Cooperation
from xingcun.indicators.permissions import RESOURCES_PART

FINANCE = Cooperation("finance", _("政银共建"), RESOURCES_PART, position=30, shortcut=10)
FINANCE_VIEW, FINANCE_EDIT, FINANCE_DELETE = REGISTER = FINANCE.register
FINANCE_HOME = FINANCE.home  # the 政银共建 page: cadres see all, a partner its own bank's

GRANTS, NAVIGATION, SHORTCUTS = FINANCE.grants(), FINANCE.navigation, FINANCE.shortcuts
