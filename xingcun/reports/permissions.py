"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import INDICATORS_PART

REPORT_VIEW = "reports.view"
REPORT_EDIT = "reports.edit"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {REPORT_VIEW, REPORT_EDIT},
    Role.TOWN: {REPORT_VIEW},
    Role.VILLAGE: {REPORT_VIEW},
}
NAVIGATION = [
    NavItem(_("年度工作报告"), "reports:list", REPORT_VIEW, INDICATORS_PART, 30),
]
