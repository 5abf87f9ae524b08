from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopeError

from xingcun.core import idcard
from xingcun.core.fields import OneRef, Ref
from xingcun.core.models import AreaScoped, at_least


def validate_id_number(value: str) -> None:
    error = idcard.id_number_error(value)
    if error:
        raise ValidationError(error)


def validate_phone(value: str) -> None:
    if value and not (value.isdigit() and len(value) == 11 and value.startswith("1")):
        raise ValidationError(_("手机号应为以1开头的11位数字"))


class Person(AreaScoped):
    """A resident or cadre; `area` is the village (or town) where the person is registered."""

    NATURAL_KEY = ("id_number",)
    NAMED_BY = "name"

    class Gender(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    name = models.CharField(_("姓名"), max_length=32)
    gender = models.CharField(_("性别"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    id_number = models.CharField(
        _("身份证号"), max_length=18, unique=True, validators=[validate_id_number]
    )
    phone = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_phone])
    user = OneRef(
        settings.AUTH_USER_MODEL,
        _("登录账号"),
        on_delete=models.SET_NULL,
        related_name="person",
        null=True,
    )
    household = Ref(
        "people.Household",
        _("所属农户"),
        on_delete=models.SET_NULL,
        related_name="members",
        null=True,
        help_text=_("本人登记为其成员的农户；户主可不填"),
    )

    class Meta:
        verbose_name = _("人员")
        ordering = ["area", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("id_number"), 18), name="person_id_number_18_chars"
            ),
            models.CheckConstraint(
                condition=Q(phone="") | Exact(Length("phone"), 11),  # type: ignore[arg-type]
                name="person_phone_11_digits",
            ),
            models.CheckConstraint(
                condition=Q(gender__in=["male", "female"]), name="person_gender_valid"
            ),
        ]

    def clean(self) -> None:
        if self.id_number and not idcard.id_number_error(self.id_number):
            if self.birth_date and self.birth_date != idcard.birth_date(self.id_number):
                raise ValidationError({"birth_date": _("出生日期与身份证号不一致")})
            if self.gender and self.gender != idcard.gender(self.id_number):
                raise ValidationError({"gender": _("性别与身份证号不一致")})
        if self.birth_date and self.birth_date > dt.date.today():  # noqa: DTZ011
            raise ValidationError({"birth_date": _("出生日期不能晚于今天")})
        if self.household_id:
            self._clean_household()

    def _clean_household(self) -> None:
        """A member lives in the household's village, and joining may not make the household
        larger than its declared size (户人口数)."""
        household = self.household
        if household is None:
            return
        if self.area_id and household.area_id != self.area_id:
            raise ValidationError(
                {
                    "household": gettext("%(household)s登记在%(village)s，成员应登记在同一村")
                    % {"household": household, "village": household.area.display_name}
                }
            )
        members = household.registered_members(joining=self)
        if members is not None and len(members) > household.size:
            raise ValidationError(
                {
                    "household": gettext(
                        "%(household)s（户编号 %(number)s）的户人口数为%(size)s，"
                        "已登记%(count)s人（%(names)s），不能再登记成员；请先修改该户的户人口数"
                    )
                    % {
                        "household": household,
                        "number": household.number,
                        "size": household.size,
                        "count": len(members) - 1,
                        "names": "、".join(p.name for p in members if p is not self),
                    }
                }
            )

    def age_on(self, day: dt.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @property
    def masked_id_number(self) -> str:
        return idcard.mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return idcard.mask_phone(self.phone) if self.phone else ""


class PartyMember(AreaScoped):
    """A party member: one home organisation; functional branches via BranchMembership."""

    NATURAL_KEY = ("person",)

    class Status(models.TextChoices):
        FULL = "full", _("正式党员")
        PROBATIONARY = "probationary", _("预备党员")

    class Category(models.TextChoices):
        A = "A", _("A类：村两委成员")
        B = "B", _("B类：60周岁以下无职党员")
        C = "C", _("C类：60周岁及以上无职党员")
        D = "D", _("D类：流动党员")

    person = OneRef(Person, _("人员"), related_name="party_member")
    organisation = Ref("organisations.Organisation", _("所属党组织"), related_name="members")
    joined_on = models.DateField(_("入党日期"))
    status = models.CharField(_("党员类型"), max_length=16, choices=Status.choices)
    holds_office = models.BooleanField(_("担任村(社区)职务"), default=False)
    category = models.CharField(_("先锋指数分类"), max_length=1, choices=Category.choices)
    returned_entrepreneur = models.BooleanField(_("返乡创业"), default=False)
    floating = models.BooleanField(_("流动党员"), default=False)
    left_on = models.DateField(_("离开日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("党员")
        ordering = ["organisation", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=["A", "B", "C", "D"]), name="member_category_a_to_d"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["full", "probationary"]), name="member_status_valid"
            ),
            at_least("left_on", "joined_on", name="member_left_after_joined"),
            models.CheckConstraint(
                condition=~Q(category="A") | Q(holds_office=True),
                name="member_category_a_holds_office",
            ),
        ]
        indexes = [models.Index(fields=["area", "holds_office"], name="member_area_office_idx")]

    def __str__(self) -> str:
        return self.person.name

    @property
    def name(self) -> str:
        return self.person.name

    def suggested_category(self, on: dt.date) -> str:
        if self.holds_office:
            return self.Category.A
        if self.floating:
            return self.Category.D
        return self.Category.C if self.person.age_on(on) >= 60 else self.Category.B

    def clean(self) -> None:
        if self.joined_on and self.joined_on > dt.date.today():  # noqa: DTZ011
            raise ValidationError({"joined_on": _("入党日期不能晚于今天")})
        if self.category == self.Category.A and not self.holds_office:
            raise ValidationError({"category": _("A类党员应担任村(社区)职务")})
        if self.person_id and self.joined_on:
            age = self.person.age_on(self.joined_on)
            if age < 18:
                raise ValidationError({"joined_on": _("入党时应年满18周岁")})


class Household(AreaScoped):
    """A household of a village, with the flags that pairing and help work with."""

    NATURAL_KEY = ("number",)

    number = models.CharField(_("户编号"), max_length=32, unique=True)
    head = Ref(Person, _("户主"), related_name="headed_households")
    size = models.PositiveSmallIntegerField(
        _("户人口数"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    is_demonstration = models.BooleanField(_("示范户"), default=False)
    is_low_income = models.BooleanField(_("低收入/贫困户"), default=False)

    class Meta:
        verbose_name = _("农户")
        ordering = ["area", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=1, size__lte=50),
                name="household_size_1_to_50",
                violation_error_message=_("户人口数应在1到50之间（至少包括户主本人）。"),
            ),
            models.UniqueConstraint(fields=["head"], name="household_one_per_head"),
        ]

    unique_hints: ClassVar[dict[tuple[str, ...], Any]] = {
        ("head",): _("一人同时只能担任一户的户主。"),
    }

    def __str__(self) -> str:
        return gettext("%(name)s户") % {"name": self.head.name}

    def registered_members(self, *, joining: Person | None = None) -> list[Person] | None:
        """The people of this household: its head and the people registered as its members (and
        `joining`, about to be). None when the members cannot be read (validated outside any
        scope, by a command): the database still holds the size ≥ 1 constraint."""
        try:
            members = list(Person.objects.filter(household_id=self.pk)) if self.pk else []
        except ScopeError:
            return None
        from xingcun.core.imports import validated_rows

        # members registered by earlier rows of a file being imported (not written yet)
        members += [
            p
            for p in validated_rows(Person, household_id=self.pk)
            if p.household_id == self.pk and p is not joining
        ]
        if joining is not None:
            members = [p for p in members if p.pk != joining.pk or joining.pk is None] + [joining]
        if self.head_id and all(p.pk != self.head_id for p in members):
            members.insert(0, self.head)
        return members

    def clean(self) -> None:
        if self.head_id and self.area_id and self.head.area_id != self.area_id:
            raise ValidationError({"head": _("户主应登记在本村")})
        if self.size is not None and self.pk:
            members = self.registered_members()
            if members is not None and len(members) > self.size:
                raise ValidationError(
                    {
                        "size": gettext(
                            "户人口数（%(size)s）少于本户已登记的%(count)s人：%(names)s；"
                            "请填写不少于%(count)s的户人口数，或先将不再属于本户的人员移出"
                        )
                        % {
                            "size": self.size,
                            "count": len(members),
                            "names": "、".join(p.name for p in members),
                        }
                    }
                )
