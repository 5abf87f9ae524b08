from __future__ import annotations

from typing import Any

import factory
from django_scopes import scopes_disabled


class ScopedFactory(factory.django.DjangoModelFactory):
    """Creates rows outside any scope; tests then act inside one (client or scope())."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


# Digits of a division code that name it in a materialised path, by level (province … village).
PATH_DIGITS = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}


def child_area(parent: Any, code: str, name: str = "") -> Any:
    """A division one level below `parent`, its path segment the code's digits for that level
    (`330112108` for a town); named by its code unless `name` is given."""
    from xingcun.core.models import Area

    level = parent.level + 1
    with scopes_disabled():  # fixture areas, before any user acts
        return Area.tree.create(
            code=code,
            name=name or code,
            level=level,
            parent=parent,
            path=f"{parent.path}{code[: PATH_DIGITS[level]]}/",
        )


def same_area(related: type[factory.Factory], **fields: Any) -> factory.SubFactory:
    """A related row made by `related` in the same area as the row being made."""
    return factory.SubFactory(related, area=factory.SelfAttribute("..area"), **fields)
