"""Creating, revoking and checking personal API tokens. Every create and revoke is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xingcun.api.models import ApiToken
from xingcun.core import audit
from xingcun.core.writes import save_audited

TOKEN_PREFIX = "xc_"  # noqa: S105 (the marker every token starts with, not a secret)
MAX_DAYS = 366
# Writing last use on every request would turn each read into a write: once a minute is enough.
LAST_USE_RESOLUTION = dt.timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: Any, membership: Any, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user` acting as `membership`; returns the row and the token, which is
    shown once and never stored."""
    if membership.user_id != user.pk:
        raise ValidationError(gettext("只能为自己的身份创建令牌"))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(gettext("有效期应为1至%(days)s天") % {"days": MAX_DAYS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        membership=membership,
        name=name.strip(),
        prefix=raw[:10],
        digest=digest(raw),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    changes = {"name": token.name, "prefix": token.prefix, "expires_at": [None, str(days)]}
    save_audited(
        token, actor=user, action="api_token.created", area=membership.area, changes=changes
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit.log(
            actor=by,
            action="api_token.revoked",
            obj=token,
            area=token.membership.area,
            changes={"name": token.name, "prefix": token.prefix},
        )
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The active token with this value, its last use recorded; None when unknown, expired or
    revoked."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "membership__area")
        .filter(digest=digest(raw))
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
