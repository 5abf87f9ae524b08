"""Template context: the role's to-do (lazily: computed only when a template uses it) and the
unread notification count, for the home page and the top bar."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def work(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}

    def build_work() -> Any:
        from xingcun.core import versions
        from xingcun.reporting import todo

        # The to-do is the user's (their role, node and assignments): from the shared cache while
        # none of the tables it read changed (the scope, language and date are in the key).
        return versions.memo(("todo", *versions.viewer(request)), lambda: todo.for_request(request))

    def build_unread() -> Any:
        from xingcun.notifications.selectors import unread_count

        return {"n": unread_count(user=request.user)}

    return {
        "work": SimpleLazyObject(build_work),
        "inbox": SimpleLazyObject(build_unread),
    }
