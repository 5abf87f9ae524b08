from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xingcun.core.fields import Ref
from xingcun.core.models import Area, AreaScoped, at_least


class Organisation(AreaScoped):
    """A party organisation: 区委 → 镇党委 → 村党组织 → 党小组, plus functional/temporary branches
    attached to the jurisdiction that runs them."""

    NATURAL_KEY = ("code",)
    NAMED_BY = "name"

    class Kind(models.TextChoices):
        DISTRICT_COMMITTEE = "district_committee", _("区(县)委")
        TOWN_COMMITTEE = "town_committee", _("镇(街道)党委")
        COMMITTEE = "committee", _("村(社区)党委")
        GENERAL_BRANCH = "general_branch", _("党总支")
        BRANCH = "branch", _("党支部")
        GROUP = "group", _("党小组")

    class Category(models.TextChoices):
        REGULAR = "regular", _("村(社区)党组织")
        FUNCTIONAL = "functional", _("功能型党组织")
        TEMPORARY = "temporary", _("临时党组织")
        ORGAN = "organ", _("领导机关")

    code = models.CharField(_("组织编号"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("组织类型"), max_length=24, choices=Kind.choices)
    category = models.CharField(_("组织类别"), max_length=16, choices=Category.choices)
    parent = Ref("self", _("上级组织"), related_name="children", null=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    secretary = Ref(
        "people.Person",
        _("书记"),
        on_delete=models.SET_NULL,
        related_name="led_organisations",
        null=True,
    )
    industry = models.CharField(_("依托产业"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("党组织")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organisation_not_own_parent"
            ),
            at_least(
                "dissolved_on",
                "founded_on",
                name="organisation_dissolved_after_founded",
                open_floor=True,
            ),
        ]
        indexes = [models.Index(fields=["area", "kind"], name="organisation_area_kind_idx")]

    @property
    def is_auxiliary(self) -> bool:
        return self.category in {self.Category.FUNCTIONAL, self.Category.TEMPORARY}

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": gettext("上级组织不能是本组织")})
        if (
            self.parent is not None
            and self.area_id
            and not self.parent.area.contains(self.area)
            and not self.is_auxiliary
        ):
            raise ValidationError({"parent": gettext("上级组织的辖区应包含本组织的辖区")})


class BranchMembership(AreaScoped):
    """A member's membership of a functional or temporary branch, beside the home organisation."""

    NATURAL_KEY = ("member", "organisation", "joined_on")
    NATURAL_KEY_CONSTRAINT = "branch_membership_unique"

    member = Ref(
        "people.PartyMember", _("党员"), on_delete=models.CASCADE, related_name="branch_memberships"
    )
    organisation = Ref(Organisation, _("功能型/临时党组织"), related_name="extra_members")
    joined_on = models.DateField(_("加入日期"))
    left_on = models.DateField(_("退出日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("功能型/临时党组织成员")
        constraints = [
            at_least("left_on", "joined_on", name="branch_membership_left_after_joined"),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.organisation}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.organisation_id and not self.organisation.is_auxiliary:
            raise ValidationError(
                {
                    "organisation": gettext(
                        "只能加入功能型或临时党组织；所属党组织请在党员信息中修改"
                    )
                }
            )


__all__ = ["Area", "BranchMembership", "Organisation"]
