from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xingcun.api.models import ApiToken


def token_list(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).select_related("membership__area")
