"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, merge_grants, register_grants, register_perms
from xingcun.indicators.permissions import RESOURCES_PART

ORDER_VIEW = "orders.view"
ORDER_CREATE = "orders.create"
ORDER_DISPATCH = "orders.dispatch"
ORDER_RESPOND = "orders.respond"
ORDER_RATE = "orders.rate"
ORDER_CONFIG = "orders.config"
TALENT_VIEW, TALENT_EDIT, TALENT_DELETE = TALENTS = register_perms("orders", "talent")

GRANTS = merge_grants(
    register_grants(TALENTS, editors=(Role.TOWN,), readers=(Role.VILLAGE,)),
    {
        Role.DISTRICT: {ORDER_VIEW, ORDER_CREATE, ORDER_DISPATCH, ORDER_CONFIG},
        Role.TOWN: {ORDER_VIEW, ORDER_CREATE, ORDER_DISPATCH},
        Role.VILLAGE: {ORDER_VIEW, ORDER_CREATE, ORDER_RATE},
        Role.EXPERT: {ORDER_VIEW, ORDER_RESPOND},
    },
)
NAVIGATION = [
    NavItem(_("人才服务队与点单"), "orders:list", ORDER_VIEW, RESOURCES_PART, 10),
]
SHORTCUTS = {
    Role.EXPERT: [
        NavItem(_("我的服务单"), "orders:list", position=10),
    ],
}
