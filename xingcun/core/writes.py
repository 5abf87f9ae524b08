"""Saving a row a service wrote."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext


def save_checked(obj: models.Model) -> None:
    """Validate and save `obj`. `full_clean()` checks uniqueness only inside the current scope, so
    a clash with a row outside it surfaces as the database's IntegrityError: refuse it in words."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as e:
        raise ValidationError(gettext("与已有记录重复（可能在您的辖区之外），未保存")) from e
