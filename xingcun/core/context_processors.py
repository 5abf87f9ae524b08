from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import request_has


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str | None  # None: not built yet, shown as such
    perm: str | None = None


@dataclass(frozen=True)
class NavGroup:
    label: Any
    items: tuple[NavItem, ...]


# The navigation follows the report's three parts plus indicators; later issues fill in url_name.
NAVIGATION: list[NavGroup] = [
    NavGroup(
        _("基础数据"),
        (
            NavItem(_("行政区划"), "core:area-list", "areas.view"),
            NavItem(_("党组织"), "core:organisations-list", "organisations.view"),
            NavItem(_("功能型/临时党组织成员"), "core:branch-members-list", "organisations.view"),
            NavItem(_("人员"), "core:people-list", "people.view"),
            NavItem(_("党员"), "core:members-list", "people.view"),
            NavItem(_("农户"), "core:households-list", "people.view"),
            NavItem(_("村情年度档案"), "core:profiles-list", "villages.view"),
            NavItem(_("薄弱村认定规则"), "core:weak-rules-list", "villages.view"),
            NavItem(_("投资项目"), "core:projects-list", "projects.view"),
            NavItem(_("审计日志"), "core:audit-list", "audit.view"),
        ),
    ),
    NavGroup(
        _("组织振兴"),
        (
            NavItem(_("党建联盟"), "alliances:index", "alliances.view"),
            NavItem(_("村社结对共建"), "pairing:index", "pairing.view"),
            NavItem(_("电商与新农人党组织"), "ecommerce:index", "ecommerce.view"),
        ),
    ),
    NavGroup(
        _("党员作用"),
        (
            NavItem(_("设岗定责"), "posts:home", "posts.home"),
            NavItem(_("党小组比拼"), "competitions:index", "competitions.view"),
            NavItem(_("先锋指数"), "vanguard:index", "vanguard.self"),
            NavItem(_("星级党组织"), "ratings:index", "ratings.view"),
            NavItem(_("荣誉与典型"), "honours:index", "honours.view"),
            NavItem(_("微心愿"), "wishes:wall", "wishes.view"),
        ),
    ),
    NavGroup(
        _("借智借力"),
        (
            NavItem(_("人才服务队与点单"), "orders:list", "orders.view"),
            NavItem(_("第一书记与消薄"), "secretaries:home", "secretaries.view"),
            NavItem(_("政银共建"), "finance:home", "finance.home"),
            NavItem(_("科技进乡村"), "universities:home", "universities.home"),
            NavItem(_("乡村运营"), "operators:home", "operators.home"),
        ),
    ),
    NavGroup(
        _("指标与报告"),
        (
            NavItem(_("驾驶舱"), "indicators:dashboard", "indicators.view"),
            NavItem(_("指标目录"), "indicators:catalogue", "indicators.view"),
            NavItem(_("年度工作报告"), "reports:list", "reports.view"),
        ),
    ),
]


# The first things each role does, shown as buttons on its home page (phone-first for members).
SHORTCUTS: dict[str, tuple[NavItem, ...]] = {
    "member": (
        NavItem(_("我的岗位"), "posts:mine"),
        NavItem(_("我的先锋指数"), "vanguard:my-score"),
        NavItem(_("微心愿墙"), "wishes:wall"),
        NavItem(_("我认领的心愿"), "wishes:mine"),
        NavItem(_("党小组比拼"), "competitions:index"),
    ),
    "expert": (NavItem(_("我的服务单"), "orders:list"),),
    "partner": (
        NavItem(_("政银共建"), "finance:home"),
        NavItem(_("科技进乡村"), "universities:home"),
        NavItem(_("乡村运营"), "operators:home"),
    ),
}


def shortcuts_for(role: str | None) -> list[dict[str, Any]]:
    links = []
    for item in SHORTCUTS.get(role or "", ()):
        try:
            links.append({"label": item.label, "url": reverse(item.url_name or "")})
        except NoReverseMatch:
            continue  # a part not built yet is left out, never shown as a broken link
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_groups": []}
    groups = []
    for group in NAVIGATION:
        items = []
        for item in group.items:
            if item.perm and not request_has(request, item.perm):
                continue
            url = None
            if item.url_name:
                try:
                    url = reverse(item.url_name)
                except NoReverseMatch:
                    url = None
            items.append(
                {
                    "label": item.label,
                    "key": item.url_name,
                    "url": url,
                    "active": bool(url and request.path.startswith(url)),
                }
            )
        if items:
            groups.append({"label": group.label, "items": items})
    return {"nav_groups": groups}
