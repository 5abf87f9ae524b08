"""Every register's model names its rows with Django's natural keys, declared once on the model
(`NATURAL_KEY`): the register's import key, `natural_key()`, `get_by_natural_key()` and Django's
serializers all read that one declaration."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import serializers
from django_scopes import scope, scopes_disabled

from xingcun.core import registry
from xingcun.core.tests import test_permission_matrix as permission_matrix

matrix = permission_matrix.matrix  # one object of every kind, inside and outside the district

REGISTERS = sorted(registry.all_registries(), key=lambda reg: reg.key)


def _first(model: Any) -> Any:
    with scopes_disabled():  # any row of the fixture will do
        return model._default_manager.order_by("pk").first()


@pytest.mark.parametrize("reg", REGISTERS, ids=lambda reg: reg.key)
def test_the_register_key_is_the_models_natural_key(reg):
    assert reg.natural_key == reg.model.NATURAL_KEY


@pytest.mark.parametrize("reg", REGISTERS, ids=lambda reg: reg.key)
def test_a_row_is_found_again_by_its_natural_key(reg, matrix, db):
    obj = _first(reg.model)
    if obj is None:
        pytest.skip(f"the matrix fixture has no {reg.model.__name__}")
    key = obj.natural_key()
    assert len(key) == len(reg.model.NATURAL_KEY)
    with scopes_disabled():  # the scope's part is tested below, with a row outside it
        assert reg.model._default_manager.get_by_natural_key(*key) == obj


def test_most_registers_are_covered_by_the_fixture(matrix, db):
    """The parametrised test above skips a register the fixture has no row of; that may not be
    most of them."""
    covered = [reg.key for reg in REGISTERS if _first(reg.model) is not None]
    assert len(covered) >= len(REGISTERS) * 3 // 4, covered


def test_djangos_serializer_round_trips_a_person_by_natural_keys(matrix, db):
    from xingcun.people.models import PartyMember

    member = _first(PartyMember)
    text = serializers.serialize(
        "json", [member], use_natural_foreign_keys=True, use_natural_primary_keys=False
    )
    assert member.person.id_number in text  # the person named by ID number, not by pk
    assert member.area.code in text
    with scopes_disabled():
        (restored,) = list(serializers.deserialize("json", text))
    assert restored.object.person_id == member.person_id
    assert restored.object.area_id == member.area_id


def test_a_natural_key_outside_the_scope_is_not_found(matrix, db):
    from xingcun.people.models import Person

    tree = matrix[0]
    with scopes_disabled():
        outsider = Person.objects.exclude(area__path__startswith=tree.district.path).first()
    assert outsider is not None
    with scope(area=tree.district.path), pytest.raises(Person.DoesNotExist):
        Person.objects.get_by_natural_key(*outsider.natural_key())
