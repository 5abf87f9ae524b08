"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, Section

# The menu follows the report's three parts, then indicators and reports.
ORGANISATION_PART = Section(_("组织振兴"), 20)
MEMBERS_PART = Section(_("党员作用"), 30)
RESOURCES_PART = Section(_("借智借力"), 40)
INDICATORS_PART = Section(_("指标与报告"), 50)

INDICATOR_VIEW = "indicators.view"
SNAPSHOT_MANAGE = "indicators.snapshot"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {INDICATOR_VIEW, SNAPSHOT_MANAGE},
    Role.TOWN: {INDICATOR_VIEW},
    Role.VILLAGE: {INDICATOR_VIEW},
}
NAVIGATION = [
    NavItem(_("驾驶舱"), "indicators:dashboard", INDICATOR_VIEW, INDICATORS_PART, 10),
    NavItem(_("指标目录"), "indicators:catalogue", INDICATOR_VIEW, INDICATORS_PART, 20),
]
