"""Permissions of this app: its constants, the roles that hold them, and its menu entries.

Collected at start-up by `core.permissions.collect()`; nothing else grants them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from xingcun.core.permissions import (
    BASE_DATA,
    PII_VIEW,
    NavItem,
    Role,
    merge_grants,
    register_grants,
    register_perms,
)

PERSON_VIEW, PERSON_EDIT, PERSON_DELETE = REGISTER = register_perms("people")
PERSON_VIEW_PII = PII_VIEW

GRANTS = merge_grants(
    register_grants(REGISTER),
    {Role.DISTRICT: {PERSON_VIEW_PII}, Role.VILLAGE: {PERSON_VIEW_PII}},
)
NAVIGATION = [
    NavItem(_("人员"), "core:people-list", PERSON_VIEW, BASE_DATA, 40),
    NavItem(_("党员"), "core:members-list", PERSON_VIEW, BASE_DATA, 50),
    NavItem(_("农户"), "core:households-list", PERSON_VIEW, BASE_DATA, 60),
]
