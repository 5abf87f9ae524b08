"""Permission checks inside services (the views check the active role too; services check again so
that commands, imports and other apps cannot bypass the role table)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext, gettext_noop

from xingcun.core.permissions import role_has
from xingcun.core.scoping import current_scope_path

NOT_ALLOWED = gettext_noop("您没有进行此操作的权限")


def require(actor: Any, perm: str) -> None:
    """`actor` must hold `perm` through a membership whose node contains the current scope.

    `actor=None` is the system itself (demo generator, data migrations, another service acting on
    a decision already authorised, such as a star rating that became final)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xingcun.accounts.models import Membership

    path = current_scope_path()
    memberships = Membership.objects.filter(user=actor).select_related("area")
    for membership in memberships:
        if role_has(membership.role, perm) and (
            path is None or path.startswith(membership.area.path)
        ):
            return
    raise PermissionDenied(gettext(NOT_ALLOWED))
