"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import NavItem, Role, merge_grants, register_grants, register_perms
from xingcun.indicators.permissions import MEMBERS_PART

POST_HOME = "posts.home"  # the 设岗定责 entry: staff see the overview, members their own posts
POST_APPLY = "posts.apply"  # a member's own posts, pairings and applications
# edit: open posts, assign, publicise, review; pairings and help logs
POST_VIEW, POST_EDIT, POST_DELETE = REGISTER = register_perms("posts")
POST_CONFIG = "posts.config"  # the post catalogue and the 公示 rule

GRANTS = merge_grants(
    register_grants(REGISTER),
    {role: {POST_HOME} for role in (Role.DISTRICT, Role.TOWN, Role.VILLAGE, Role.MEMBER)},
    {Role.DISTRICT: {POST_CONFIG}, Role.MEMBER: {POST_APPLY}},
)
NAVIGATION = [
    NavItem(_("设岗定责"), "posts:home", POST_HOME, MEMBERS_PART, 10),
]
SHORTCUTS = {
    Role.MEMBER: [
        NavItem(_("我的岗位"), "posts:mine", position=10),
    ],
}
