"""Page-matrix rows of the API app's pages (the token page, the OpenAPI document and its
documentation page). The API routes themselves have their own matrix: test_api_matrix.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import ALL_200, Row

NOT_YOURS = (404, 404, 404, 404, 404, 404)

ROWS = [
    Row("tokens:list"),
    Row("tokens:list", method="post"),  # the form again, with its errors
    Row("tokens:revoke", method="post", expect=NOT_YOURS, obj="api-token"),
    Row("api:schema", expect=ALL_200),
    Row("api:docs", expect=ALL_200),
]


def objects(village, side):
    """A token of someone else in `village`: nobody in the matrix may revoke it."""
    from xingcun.accounts.models import Membership, User
    from xingcun.api import services

    with scopes_disabled():  # fixture rows, before any request
        owner = User.objects.create_user(username=f"token-owner-{side}", password="pw-test-123")
        membership = Membership.objects.create(user=owner, area=village, role="village")
        token, _ = services.token_create(user=owner, membership=membership, name="x", days=1)
    return {"api-token": token}


@dataclass(frozen=True)
class ApiRow:
    """A figure or report route of the API, answering as the page `page` does (its row in the
    page matrix gives the expected status per role); `obj` is the area it addresses."""

    page: str
    obj: str | None = "area"
    kwargs: tuple[tuple[str, Any], ...] = ()

    def kwargs_for(self, obj: Any) -> dict[str, Any]:
        return {**dict(self.kwargs), **({"area": obj.code} if obj is not None else {})}


ONE_VALUE = (("code", "party.members"), ("period", "2020"))
API_ROWS: dict[tuple[str, str], ApiRow] = {
    ("api:v1:indicators", "get"): ApiRow("indicators:catalogue", obj=None),
    ("api:v1:indicator-value", "get"): ApiRow("indicators:drilldown", kwargs=ONE_VALUE),
    ("api:v1:indicator-records", "get"): ApiRow("indicators:drilldown", kwargs=ONE_VALUE),
    ("api:v1:grid", "get"): ApiRow("indicators:dashboard-area"),
    ("api:v1:report", "get"): ApiRow("reports:html", kwargs=(("period", "2020"), ("fmt", "html"))),
}
