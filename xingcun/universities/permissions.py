"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import Cooperation
from xingcun.indicators.permissions import RESOURCES_PART

UNIVERSITIES = Cooperation(
    "universities", _("科技进乡村"), RESOURCES_PART, position=40, shortcut=20
)
UNIVERSITY_VIEW, UNIVERSITY_EDIT, UNIVERSITY_DELETE = REGISTER = UNIVERSITIES.register
UNIVERSITY_HOME = UNIVERSITIES.home

GRANTS, NAVIGATION, SHORTCUTS = (
    UNIVERSITIES.grants(),
    UNIVERSITIES.navigation,
    UNIVERSITIES.shortcuts,
)
