"""Field declarations the models repeat, written once.

`Ref` is a ForeignKey with the project's defaults: `on_delete=PROTECT` (cascade only where it is
really meant), no reverse accessor unless one is named (`related_name="+"`), and an optional
reference (`null=True`) is also optional in forms (`blank=True`); `OneRef` is the same for a
OneToOneField. Both deconstruct as Django's own field, so declaring a field with them changes no
migration, and the mypy plugin types them like Django's (the related model, Optional when
`null=True` is written in the call).

`MONEY` is the DecimalField size of an amount in 万元 (or yuan): `DecimalField(_("金额"), **MONEY)`;
`logins()` the login accounts of a partner (a bank, a university, an operator team).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.conf import settings
from django.db import models

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}

_ST = TypeVar("_ST")
_GT = TypeVar("_GT")

if TYPE_CHECKING:
    _ForeignKey = models.ForeignKey
    _OneToOneField = models.OneToOneField
else:  # generic at runtime too, for the mypy plugin's view of the class

    class _ForeignKey(models.ForeignKey, Generic[_ST, _GT]):
        pass

    class _OneToOneField(models.OneToOneField, Generic[_ST, _GT]):
        pass


class _RefDefaults:
    """The project's defaults for a relation; `django_path` is what deconstruct() reports."""

    django_path = ""

    def __init__(
        self,
        to: Any,
        verbose_name: Any = None,
        *,
        on_delete: Any = models.PROTECT,
        related_name: str = "+",
        null: bool = False,
        **kwargs: Any,
    ) -> None:
        if null and kwargs.get("blank") is False:
            # clone() rebuilds a field from deconstruct(), which omits blank=False
            raise TypeError(
                "a nullable reference required in forms is declared with Django's field"
            )
        kwargs.setdefault("blank", null)
        parent: Any = super()
        parent.__init__(
            to,
            on_delete=on_delete,
            related_name=related_name,
            null=null,
            verbose_name=verbose_name,
            **kwargs,
        )

    def deconstruct(self) -> Any:
        parent: Any = super()
        name, _path, args, kwargs = parent.deconstruct()
        return name, self.django_path, args, kwargs


class Ref(_RefDefaults, _ForeignKey[_ST, _GT]):
    """`Ref(Organisation, _("提供方"), on_delete=models.SET_NULL, null=True)`."""

    django_path = "django.db.models.ForeignKey"


class OneRef(_RefDefaults, _OneToOneField[_ST, _GT]):
    """`OneRef(Person, _("人员"), related_name="party_member")`."""

    django_path = "django.db.models.OneToOneField"


def logins(verbose_name: Any, *, related_name: str) -> models.ManyToManyField[Any, Any]:
    """The users who log in for a partner (Role.PARTNER): any number, none required."""
    return models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name=related_name, blank=True, verbose_name=verbose_name
    )
