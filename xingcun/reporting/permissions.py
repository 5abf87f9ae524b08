"""Permissions of the work cycle and its menu entries, collected at start-up by
`core.permissions.collect()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, Section

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

WORK_CYCLE = Section(_("报送与审核"), 5)  # first in the menu: the work comes before the tables

NAVIGATION = [
    NavItem(_("我的待办"), "reporting:todo", REPORTING_VIEW, WORK_CYCLE, 10),
    NavItem(_("报送任务"), "reporting:index", REPORTING_VIEW, WORK_CYCLE, 20),
    NavItem(_("报送完成情况"), "reporting:completeness", REPORTING_MANAGE, WORK_CYCLE, 30),
    NavItem(_("数据质量规则"), "reporting:rules", REPORTING_VIEW, WORK_CYCLE, 40),
    NavItem(_("站内通知"), "notifications:inbox", None, WORK_CYCLE, 50),
]
