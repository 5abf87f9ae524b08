"""Roles and permissions. A user holds one role at one node (Membership); a role grants permissions.

Object visibility is the scope's job (`core.scoping`); this module answers only "may this role do
this kind of thing at all". A role without the permission gets 403; an object outside the
jurisdiction gets 404 whatever the role.

Core names no domain app. Each app declares, in its own `permissions.py`, its permission constants,
`GRANTS` (which role holds which of them), `NAVIGATION` (its entries in the menu) and `SHORTCUTS`
(buttons on a role's home page). `collect()` reads them once at start-up (`CoreConfig.ready`), the
way pretix plugins contribute navigation; the role table is never mutated after that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import wraps
from importlib import import_module
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT = "district", _("区委组织部")
    TOWN = "town", _("镇街干部")
    VILLAGE = "village", _("村党组织书记")
    MEMBER = "member", _("党员")
    EXPERT = "expert", _("专家")
    PARTNER = "partner", _("合作单位")


# Which level of the tree each role is held at (Area.Level values).
ROLE_LEVELS: dict[str, set[int]] = {
    Role.DISTRICT: {1, 2, 3},
    Role.TOWN: {4},
    Role.VILLAGE: {5},
    Role.MEMBER: {4, 5},
    Role.EXPERT: {3, 4, 5},
    Role.PARTNER: {3, 4, 5},
}


@dataclass(frozen=True)
class Section:
    """A group of the menu; apps that share a section import the same object."""

    label: Any
    position: int


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str | None  # None: not built yet, shown as such
    perm: str | None = None
    section: Section | None = None
    position: int = 0  # order inside the section (or among a role's shortcuts)


def register_perms(app: str, register: str = "") -> tuple[str, str, str]:
    """The view, edit and delete permissions of one register: `app.view` … for an app's main
    register, `app.<register>_view` … for another one."""
    stem = f"{app}.{register}_" if register else f"{app}."
    return f"{stem}view", f"{stem}edit", f"{stem}delete"


def register_grants(
    perms: tuple[str, str, str],
    *,
    editors: Iterable[str] = (Role.TOWN, Role.VILLAGE),
    readers: Iterable[str] = (),
) -> dict[str, set[str]]:
    """Who holds a register's permissions: the district all three, `editors` view and edit,
    `readers` view only."""
    view, edit, delete = perms
    table: dict[str, set[str]] = {Role.DISTRICT: {view, edit, delete}}
    table.update({role: {view, edit} for role in editors})
    table.update({role: {view} for role in readers})
    return table


def partner_home(perm: str) -> dict[str, set[str]]:
    """A cooperation's home page (bank, university, operator): the cadres see all of it, a partner
    the part of its own organisation."""
    return {role: {perm} for role in (Role.DISTRICT, Role.TOWN, Role.VILLAGE, Role.PARTNER)}


@dataclass(frozen=True)
class Cooperation:
    """A cooperation with partner organisations (bank, university, operator team): one register
    that the district manages, the towns edit and the villages read; a home page (`<app>:home`,
    permission `<app>.home`) for the cadres and the partner's own logins; its entry in the menu's
    `section` and a shortcut on the partner's home page."""

    app: str
    label: Any
    section: Section
    position: int  # in the section
    shortcut: int  # among the partner's shortcuts

    @property
    def register(self) -> tuple[str, str, str]:
        return register_perms(self.app)

    @property
    def home(self) -> str:
        return f"{self.app}.home"

    def grants(self, *more: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
        own = register_grants(self.register, editors=(Role.TOWN,), readers=(Role.VILLAGE,))
        return merge_grants(own, partner_home(self.home), *more)

    @property
    def navigation(self) -> list[NavItem]:
        return [NavItem(self.label, f"{self.app}:home", self.home, self.section, self.position)]

    @property
    def shortcuts(self) -> dict[str, list[NavItem]]:
        return {Role.PARTNER: [NavItem(self.label, f"{self.app}:home", position=self.shortcut)]}


def merge_grants(*tables: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """One grant table from several (a register's, the app's own permissions …)."""
    merged: dict[str, set[str]] = {}
    for table in tables:
        for role, perms in table.items():
            merged.setdefault(role, set()).update(perms)
    return merged


# --- what core itself owns: the tree, the audit log, and the menu's first section ----------------
AREA_VIEW = "areas.view"
AREA_EDIT = "areas.edit"
AUDIT_VIEW = "audit.view"
# Seeing ID numbers and phone numbers unmasked, in any register (core masks them). The value is
# kept from before the split; the app that registers people grants it.
PII_VIEW = "people.view_pii"
# Managing logins and memberships (the accounts app grants it); core's audit page shows entries tied
# to no node to the holders of it.
USER_MANAGE = "accounts.manage"

BASE_DATA = Section(_("基础数据"), 10)

GRANTS: dict[str, set[str]] = {
    Role.DISTRICT: {AREA_VIEW, AREA_EDIT, AUDIT_VIEW},
    Role.TOWN: {AREA_VIEW, AUDIT_VIEW},
    Role.VILLAGE: {AREA_VIEW, AUDIT_VIEW},
    Role.MEMBER: {AREA_VIEW},
    Role.EXPERT: {AREA_VIEW},
    Role.PARTNER: {AREA_VIEW},
}
NAVIGATION = [
    NavItem(_("行政区划"), "core:area-list", AREA_VIEW, BASE_DATA, 10),
    NavItem(_("审计日志"), "core:audit-list", AUDIT_VIEW, BASE_DATA, 100),
]
SHORTCUTS: dict[str, list[NavItem]] = {}

# --- what every app declared, collected once ----------------------------------------------------
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {role: frozenset() for role in Role}
MENU: list[NavItem] = []
ROLE_SHORTCUTS: dict[str, list[NavItem]] = {}
_state = {"collected": False, "collecting": False}


def collect() -> None:
    """Read every installed app's `permissions` module (idempotent)."""
    if _state["collected"] or _state["collecting"]:
        return
    _state["collecting"] = True
    from django.apps import apps

    grants: dict[str, set[str]] = {role: set() for role in Role}
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "permissions"):
            continue
        module = import_module(f"{config.name}.permissions")
        app_grants: Mapping[str, Iterable[str]] = getattr(module, "GRANTS", {})
        for role, perms in app_grants.items():
            grants[role] |= set(perms)
        navigation: Sequence[NavItem] = getattr(module, "NAVIGATION", ())
        MENU.extend(navigation)
        shortcuts: Mapping[str, Sequence[NavItem]] = getattr(module, "SHORTCUTS", {})
        for role, items in shortcuts.items():
            ROLE_SHORTCUTS.setdefault(role, []).extend(items)
    ROLE_PERMISSIONS.update({role: frozenset(perms) for role, perms in grants.items()})
    MENU.sort(key=lambda item: (item.section.position if item.section else 0, item.position))
    for items in ROLE_SHORTCUTS.values():
        items.sort(key=lambda item: item.position)
    _state.update(collected=True, collecting=False)


def role_has(role: str | None, perm: str) -> bool:
    return role is not None and perm in ROLE_PERMISSIONS.get(role, frozenset())


def request_has(request: HttpRequest, perm: str) -> bool:
    """The request's role (see core.http.ScopedRequest) holds `perm`; a platform superuser
    without a role holds everything."""
    role: str | None = getattr(request, "role", None)  # None also before the middleware ran
    if role is None:
        return bool(getattr(request.user, "is_superuser", False))
    return role_has(role, perm)


V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def requires(*perms: str) -> Callable[[V], V]:
    """View decorator: the logged-in user's active role must hold every permission."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not all(request_has(request, p) for p in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


NOT_ALLOWED = gettext_noop("您没有进行此操作的权限")


def require(actor: Any, perm: str) -> None:
    """Inside a service: `actor` must hold `perm` through a membership whose node contains the
    current scope (views check the active role too; services check again so that commands,
    imports and other apps cannot bypass the role table).

    `actor=None` is the system itself (demo generator, data migrations, another service acting on
    a decision already authorised, such as a star rating that became final)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xingcun.core.scoping import current_scope_path

    path = current_scope_path()
    memberships: Any = actor.memberships.select_related("area")
    for membership in memberships:
        if role_has(membership.role, perm) and (
            path is None or path.startswith(membership.area.path)
        ):
            return
    raise PermissionDenied(gettext(NOT_ALLOWED))


def holds_at(actor: Any, perm: str, area: Any) -> bool:
    """Whether `actor` holds `perm` through a role at `area` or above it (never the anonymous
    user or the system): for a decision that belongs to a level of the tree, not to the scope."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    memberships: Any = actor.memberships.select_related("area")
    return any(area.path.startswith(m.area.path) and role_has(m.role, perm) for m in memberships)


def require_at(actor: Any, perm: str, area: Any, message: str) -> None:
    """Inside a service: refuse with `message` unless `holds_at(actor, perm, area)`."""
    if not holds_at(actor, perm, area):
        raise ValidationError(message)
