"""Audit of accounts, roles, memberships and permissions, whatever path changes them.

A cross-cutting concern, so model and auth signals rather than services: a user or a membership
may be changed from a page, the Django admin (its inlines too), or a management command
(createsuperuser, changepassword, shell), and each lands in the platform's audit log with its
before and after. Logins, failed logins, logouts and lockouts are audited here too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from xingcun.accounts.models import Membership, User
from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.net import client_ip
from xingcun.core.scoping import stored

IGNORED = {"last_login"}  # written by every login; the login itself is audited
CHANGED = gettext_noop("（已修改）")  # stored in the audit log as is
LABELS = {
    "account.logged_in": gettext_lazy("登录"),
    "account.login_failed": gettext_lazy("登录失败"),
    "account.logged_out": gettext_lazy("退出登录"),
    "account.locked_out": gettext_lazy("登录锁定"),
    "account.lockout_lifted": gettext_lazy("解除登录锁定"),
    "user.created": gettext_lazy("新建用户"),
    "user.updated": gettext_lazy("修改用户"),
    "user.deleted": gettext_lazy("删除用户"),
    "user.password_changed": gettext_lazy("修改密码"),
    "user.permissions_changed": gettext_lazy("修改用户权限或用户组"),
    "membership.created": gettext_lazy("新增角色任职"),
    "membership.updated": gettext_lazy("修改角色任职"),
    "membership.deleted": gettext_lazy("删除角色任职"),
    "group.created": gettext_lazy("新建权限组"),
    "group.updated": gettext_lazy("修改权限组"),
    "group.deleted": gettext_lazy("删除权限组"),
    "group.permissions_changed": gettext_lazy("修改权限组的权限"),
}


def _area_of_user(user: Any) -> Area | None:
    if user is None or not getattr(user, "pk", None):
        return None
    membership = Membership.objects.select_related("area").filter(user_id=user.pk).first()
    return membership.area if membership else None


def _area(obj: models.Model) -> Area | None:
    if isinstance(obj, Membership):
        return Area.tree.filter(pk=obj.area_id).first()
    if isinstance(obj, User):
        return _area_of_user(obj)
    return None


def _via() -> str:
    """A change with no request behind it and no path named is a command's (or the shell's)."""
    via = audit.current_via()
    if via == "page" and audit.current_actor() is None:
        return "command"
    return via


def _actor() -> Any:
    actor = audit.current_actor()
    return actor if getattr(actor, "is_authenticated", False) else None


def _snapshot(obj: models.Model) -> dict[str, Any]:
    data = audit.snapshot(obj)
    for name in IGNORED:
        data.pop(name, None)
    return data


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    changes = audit.diff(before, after)
    if "password" in changes:  # never the hash: only that it changed
        changes["password"] = [CHANGED if before else "", CHANGED]
    return changes


@receiver(pre_save, sender=User)
@receiver(pre_save, sender=Membership)
@receiver(pre_save, sender=Group)
def remember_before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    existing = stored(instance)
    instance._audit_before = _snapshot(existing) if existing else {}  # type: ignore[attr-defined]


@receiver(post_save, sender=User)
@receiver(post_save, sender=Membership)
@receiver(post_save, sender=Group)
def log_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", {})
    changes = _changes({} if created else before, _snapshot(instance))
    if not changes:
        return  # e.g. only last_login moved
    name = sender._meta.model_name
    verb = "created" if created else "updated"
    if not created and sender is User and set(changes) == {"password"}:
        verb = "password_changed"
    audit.log(
        actor=_actor(),
        action=f"{name}.{verb}",
        obj=instance,
        changes=changes,
        area=_area(instance),
        via_path=_via(),
    )


@receiver(post_delete, sender=User)
@receiver(post_delete, sender=Membership)
@receiver(post_delete, sender=Group)
def log_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    deleted = _snapshot(instance)
    deleted.pop("password", None)  # never the hash
    audit.log(
        actor=_actor(),
        action=f"{sender._meta.model_name}.deleted",
        obj=instance,
        changes={"deleted": deleted},
        area=_area(instance) if not isinstance(instance, User) else None,
        via_path=_via(),
    )


def _names(model: type[models.Model] | None, pks: set[Any] | None) -> list[str]:
    if model is None or not pks:
        return []
    return sorted(str(o) for o in model._default_manager.filter(pk__in=pks))


@receiver(m2m_changed)
def log_permissions(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    """A user's groups or permissions, or a group's permissions, added, removed or cleared."""
    through = {
        get_user_model().groups.through: "groups",
        get_user_model().user_permissions.through: "user_permissions",
        Group.permissions.through: "permissions",
    }
    field = through.get(sender)
    if field is None or action not in {"pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    if kwargs.get("reverse"):
        return  # changed from the other side (a permission's users): not a path the UI offers
    related = getattr(instance, field)
    if action == "pre_clear":
        instance._audit_m2m_before = sorted(str(o) for o in related.all())  # type: ignore[attr-defined]
        return
    after = sorted(str(o) for o in related.all())
    changed = _names(kwargs.get("model"), kwargs.get("pk_set"))
    if action == "post_add":
        before = sorted(set(after) - set(changed))
    elif action == "post_remove":
        before = sorted(set(after) | set(changed))
    else:
        before = getattr(instance, "_audit_m2m_before", [])
    if before == after:
        return
    owner = "user" if isinstance(instance, User) else "group"
    audit.log(
        actor=_actor(),
        action=f"{owner}.permissions_changed",
        obj=instance,
        changes={field: [before, after]},
        area=_area(instance),
        via_path=_via(),
    )


# --- logins ------------------------------------------------------------------------------------------


@receiver(user_logged_in)
def log_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    _log_session("account.logged_in", request, user)


@receiver(user_logged_out)
def log_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _log_session("account.logged_out", request, user)


def _log_session(action: str, request: HttpRequest | None, user: Any) -> None:
    changes = {"ip": client_ip(request)} if request is not None else {}
    audit.log(actor=user, action=action, obj=user, changes=changes, area=_area_of_user(user))


def _user_named(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


@receiver(user_login_failed)
def log_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = _user_named(username)
    audit.log(
        actor=username or gettext("（未填用户名）"),
        action="account.login_failed",
        obj=user,
        changes={"username": username, "ip": client_ip(request) if request is not None else ""},
        area=_area_of_user(user),
        via_path="page",
    )


def log_locked_out(
    sender: Any,
    request: HttpRequest | None,
    username: str | None,
    ip_address: str | None,
    **kwargs: Any,
) -> None:
    user = _user_named(username or "")
    audit.log(
        actor=username or ip_address or "",
        action="account.locked_out",
        obj=user,
        changes={"username": username or "", "ip": ip_address or ""},
        area=_area_of_user(user),
        via_path="page",
    )
