"""The login backend: Django's own, except that the user of a session, with their memberships, is
kept by each server process while none of the tables they come from has changed.

A page then opens its scope without querying the session's user and memberships; the table
versions (`core.versions`, one small query) say whether the kept copy is still the stored one.
Every write to a user (password, active flag), a membership (role, node) or the division tree
gives its table a new version in the same transaction, so the next request after the commit loads
them again: a password change still ends the other sessions (Django compares the session's hash
with the reloaded user's password), and a new role or node counts from the next request on.
"""

from __future__ import annotations

import pickle
from typing import Any

from django.contrib.auth import backends

from xingcun.accounts.models import User
from xingcun.accounts.selectors import membership_list
from xingcun.core import versions

# What a user and their memberships are read from (the memberships carry their node).
TABLES = ("accounts_user", "accounts_membership", "core_area")
KEPT = 5_000  # users kept per process; the oldest half is dropped beyond that
_kept: dict[int, tuple[str, bytes]] = {}


def _keep(user_id: int, stamp: str, user: User) -> None:
    if len(_kept) >= KEPT:
        for old in list(_kept)[: KEPT // 2]:
            del _kept[old]
    # A pickled copy: every request gets its own objects, whatever a view changes on them.
    _kept[user_id] = (stamp, pickle.dumps(user, protocol=pickle.HIGHEST_PROTOCOL))


def user_with_memberships(user_id: int) -> User | None:
    """The user and (as `kept_memberships`) their memberships, from this process's copy while
    the tables they come from are unchanged, else from the database."""
    stamp = versions.stamp(versions.current(), TABLES)
    kept = _kept.get(user_id)
    if kept is not None and kept[0] == stamp:
        user: User = pickle.loads(kept[1])  # noqa: S301 - bytes this process pickled itself
        return user
    found = User._default_manager.filter(pk=user_id).first()
    if found is None:
        return None
    found.kept_memberships = membership_list(user_id=user_id)
    _keep(user_id, stamp, found)
    return found


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = user_with_memberships(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
