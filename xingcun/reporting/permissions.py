"""Permissions of the work cycle, added to the role table at start-up (apps.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core import context_processors as nav
from xingcun.core import permissions as core_perms
from xingcun.core.permissions import Role

REPORTING_VIEW = "reporting.view"  # tasks, instances, completeness in the scope
REPORTING_MANAGE = "reporting.manage"  # issue tasks, 催报
REPORTING_ACT = "reporting.act"  # take a step of the state machine (which one: services.allowed)
QUALITY_CONFIG = "reporting.rules"  # data-quality rules
PANORAMA_VIEW = "reporting.panorama"  # 村情全景 and the town page

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {REPORTING_VIEW, REPORTING_MANAGE, REPORTING_ACT, QUALITY_CONFIG, PANORAMA_VIEW},
    Role.TOWN: {REPORTING_VIEW, REPORTING_MANAGE, REPORTING_ACT, PANORAMA_VIEW},
    Role.VILLAGE: {REPORTING_VIEW, REPORTING_ACT, PANORAMA_VIEW},
}

NAV = nav.NavGroup(
    _("报送与审核"),
    (
        nav.NavItem(_("我的待办"), "reporting:todo", REPORTING_VIEW),
        nav.NavItem(_("报送任务"), "reporting:index", REPORTING_VIEW),
        nav.NavItem(_("报送完成情况"), "reporting:completeness", REPORTING_MANAGE),
        nav.NavItem(_("数据质量规则"), "reporting:rules", REPORTING_VIEW),
        nav.NavItem(_("站内通知"), "notifications:inbox"),
    ),
)


def install() -> None:
    for role, granted in GRANTS.items():
        core_perms.ROLE_PERMISSIONS[role] = core_perms.ROLE_PERMISSIONS[role] | granted
    if NAV not in nav.NAVIGATION:
        nav.NAVIGATION.insert(0, NAV)
