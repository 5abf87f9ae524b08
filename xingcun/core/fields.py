"""Field declarations the models repeat, written once.

`Ref` is a ForeignKey with the project's defaults: `on_delete=PROTECT` (cascade only where it is
really meant), no reverse accessor unless one is named (`related_name="+"`), and an optional
reference (`null=True`) is also optional in forms (`blank=True`). It deconstructs as a plain
ForeignKey, so declaring a field with it changes no migration, and the mypy plugin types it like
one (the related model, Optional when `null=True` is written in the call).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import models

_ST = TypeVar("_ST")
_GT = TypeVar("_GT")

if TYPE_CHECKING:
    _ForeignKey = models.ForeignKey
else:

    class _ForeignKey(models.ForeignKey, Generic[_ST, _GT]):  # generic for the mypy plugin
        pass


class Ref(_ForeignKey[_ST, _GT]):
    """`Ref(Organisation, _("提供方"), on_delete=models.SET_NULL, null=True)`."""

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
            raise TypeError("a nullable reference required in forms is a models.ForeignKey")
        kwargs.setdefault("blank", null)
        super().__init__(
            to,
            on_delete=on_delete,
            related_name=related_name,
            null=null,
            verbose_name=verbose_name,
            **kwargs,
        )

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ForeignKey", args, kwargs
