"""The shared declarations in core that the models lean on: `Ref`, the Chinese plural, the
validity check of every effective-dated rule."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from xingcun.core.fields import OneRef, Ref
from xingcun.core.models import BaseModel, EffectiveDated, NodeRule


def _project_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("xingcun.")]


def _refs() -> list[Any]:
    return [
        f for m in _project_models() for f in m._meta.local_fields if isinstance(f, Ref | OneRef)
    ]


def test_refs_deconstruct_as_djangos_own_fields_so_migrations_never_see_them() -> None:
    refs = _refs()
    assert {type(f) for f in refs} == {Ref, OneRef}
    for field in refs:
        _name, path, args, kwargs = field.deconstruct()
        django_field = models.OneToOneField if isinstance(field, OneRef) else models.ForeignKey
        assert path == f"django.db.models.{django_field.__name__}"
        plain = django_field(*args, **kwargs)
        assert plain.deconstruct()[1:] == (path, args, kwargs), field
        assert field.clone().deconstruct()[1:] == (path, args, kwargs), field


def test_an_optional_ref_is_optional_in_forms_too() -> None:
    optional = [f for f in _refs() if f.null]
    assert optional
    assert all(f.blank for f in optional)


def test_a_ref_without_a_related_name_adds_no_reverse_accessor() -> None:
    field = Ref("core.Area", "x")
    assert field.remote_field.related_name == "+"
    assert field.remote_field.on_delete is models.PROTECT


def test_a_nullable_ref_required_in_forms_is_refused() -> None:
    with pytest.raises(TypeError):
        Ref("core.Area", "x", null=True, blank=False)


def test_a_model_that_names_itself_lists_under_the_same_name() -> None:
    named = [
        m
        for m in _project_models()
        if issubclass(m, BaseModel) and "verbose_name" in m._meta.original_attrs
    ]
    assert named
    for model in named:
        assert str(model._meta.verbose_name_plural) == str(model._meta.verbose_name), model
        # the migration state carries it, so makemigrations sees no change
        assert "verbose_name_plural" in model._meta.original_attrs, model


@pytest.mark.parametrize(
    "model",
    [m for m in _project_models() if issubclass(m, EffectiveDated)],
    ids=lambda m: m._meta.label,
)
def test_every_effective_dated_rule_checks_its_validity_in_the_database(
    model: type[models.Model],
) -> None:
    name = f"{model._meta.app_label}_{model._meta.model_name}_valid_to_after_from"
    assert name in {c.name for c in model._meta.constraints}


@pytest.mark.parametrize(
    "model",
    [m for m in _project_models() if issubclass(m, NodeRule)],
    ids=lambda m: m._meta.label,
)
def test_a_node_rule_has_one_version_per_node_and_first_year(model: type[models.Model]) -> None:
    unique = {
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.condition is None
    }
    assert ("area", "valid_from") in unique
    assert model.NATURAL_KEY == ("area", "valid_from")  # type: ignore[attr-defined]
