from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, BaseModel
from xingcun.core.permissions import Role


class User(AbstractUser):
    display_name = models.CharField(_("姓名"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(BaseModel):
    """A role held at one node of the tree. The node's subtree is what the user can see."""

    user = Ref(User, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("所在区划"))
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    title = models.CharField(_("职务"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("角色任职")
        verbose_name_plural = _("角色任职")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "area", "role"], name="membership_unique_user_area_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"
