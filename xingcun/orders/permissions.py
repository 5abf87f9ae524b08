"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role
from xingcun.indicators.permissions import RESOURCES_PART

ORDER_VIEW = "orders.view"
ORDER_CREATE = "orders.create"
ORDER_DISPATCH = "orders.dispatch"
ORDER_RESPOND = "orders.respond"
ORDER_RATE = "orders.rate"
ORDER_CONFIG = "orders.config"
TALENT_VIEW = "orders.talent_view"
TALENT_EDIT = "orders.talent_edit"
TALENT_DELETE = "orders.talent_delete"

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {
        ORDER_VIEW,
        ORDER_CREATE,
        ORDER_DISPATCH,
        ORDER_CONFIG,
        TALENT_VIEW,
        TALENT_EDIT,
        TALENT_DELETE,
    },
    Role.TOWN: {ORDER_VIEW, ORDER_CREATE, ORDER_DISPATCH, TALENT_VIEW, TALENT_EDIT},
    Role.VILLAGE: {ORDER_VIEW, ORDER_CREATE, ORDER_RATE, TALENT_VIEW},
    Role.EXPERT: {ORDER_VIEW, ORDER_RESPOND},
}
NAVIGATION = [
    NavItem(_("人才服务队与点单"), "orders:list", ORDER_VIEW, RESOURCES_PART, 10),
]
SHORTCUTS = {
    Role.EXPERT: [
        NavItem(_("我的服务单"), "orders:list", position=10),
    ],
}
