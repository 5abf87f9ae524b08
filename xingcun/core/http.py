"""The typed request every view receives.

`accounts.middleware.ScopeMiddleware` resolves, once per request, the membership that gives the request its scope, its
node (`area`), the role held there and the `?year=` the page asks for. Views annotate their request
as `ScopedRequest` and read these attributes; nothing else parses them again. The class exists for
the type checker only: at run time the request is Django's own, with the attributes set on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

if TYPE_CHECKING:
    from xingcun.core.models import Area

FIRST_YEAR = 2000


class Holder(Protocol):
    """What core needs of a membership (accounts.Membership): a role held at a node."""

    area: Area
    role: str


class ScopedRequest(HttpRequest):
    membership: Holder | None  # the membership that gives the request its scope
    area: Area | None  # its node; None for anonymous users and a platform superuser
    role: str | None  # the role held at that node
    year: int | None  # the `?year=` asked for, when it is a plausible year


def parse_year(value: Any) -> int | None:
    """A year from user input: an integer from 2000 to next year, else None."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= timezone.localdate().year + 1 else None


def attach(request: HttpRequest, membership: Holder | None) -> ScopedRequest:
    """Set the typed attributes on a request (the middleware and API auth call this)."""
    scoped = cast(ScopedRequest, request)
    scoped.membership = membership
    scoped.area = membership.area if membership is not None else None
    scoped.role = membership.role if membership is not None else None
    scoped.year = parse_year(request.GET.get("year"))
    return scoped


def require_area(request: ScopedRequest) -> Area:
    """The request's node; a platform superuser without a role has none, and pages that work on
    one node answer 404 with a hint."""
    if request.area is None:
        raise Http404(gettext("请以具体区划的身份登录后再使用此页面"))
    return request.area
