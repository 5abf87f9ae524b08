"""Personal API tokens: a user's key for the JSON API, bound to one of the user's memberships
(the token acts with that role at that node, exactly as the user does on the pages there).

Only a SHA-256 digest of the token is stored: the token is 256 random bits, so a slow password
hash adds nothing, and a digest lets the lookup be one indexed query. The first characters are
kept in clear so the owner can tell tokens apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import BaseModel


class ApiToken(BaseModel):
    user = Ref(
        settings.AUTH_USER_MODEL, _("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    membership = Ref(
        "accounts.Membership", _("身份"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=64)
    prefix = models.CharField(_("令牌开头"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
