"""Reads of people and party members shared by the mechanism apps."""

from __future__ import annotations

from typing import Any

from xingcun.people.models import PartyMember


def member_of_user(user: Any) -> PartyMember | None:
    """The current party-member record of a login: registered at the user's node, inside it, or
    at a node above it (a member held at a town may be registered at the town's branch)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        PartyMember.objects.inherited()
        .select_related("person", "organisation", "area")
        .filter(person__user=user, left_on__isnull=True)
        .first()
    )
