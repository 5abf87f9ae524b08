"""The permission matrix, extended to writes: every create/edit form and every state-changing POST
of the URL map, for every role, is sent references to objects outside the user's jurisdiction.
Nothing may be written, and the answer is the form again (naming the field), 403 or 404.

The references are found by asking each form which fields are references (a POST with no data
renders the form with its errors); each such field then gets the matching object of the other
county built by the matrix fixture. Endpoints whose empty POST does not show a form take no
reference and are covered by the permission matrix itself.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.forms import BaseForm, ModelChoiceField, ModelMultipleChoiceField
from django.utils.functional import SimpleLazyObject
from django_scopes import scopes_disabled

from xingcun.core.models import Area, AuditEntry
from xingcun.core.permissions import Role
from xingcun.core.tests import test_permission_matrix as permission_matrix
from xingcun.core.tests.matrix import ROLES, Row
from xingcun.core.tests.test_permission_matrix import MATRIX, url_for

matrix = permission_matrix.matrix  # the same fixture: one tree and one object of each kind


@pytest.fixture(scope="module")
def neighbours(matrix, django_db_blocker):
    """One object of every kind in 清凉峰镇 (town_b): inside the district, outside town_a."""
    tree = matrix[0]
    found: dict[str, Any] = {}
    with django_db_blocker.unblock():
        for module in permission_matrix.MODULES:
            found.update(module.objects(tree.village_b, "neighbour"))
    return found


# Every POST row, every page outside the registers (many take a POST too: 405 otherwise) and
# the registers' create and edit forms.
WRITES = [
    row
    for row in MATRIX
    if not row.name.startswith("core:") or row.name.endswith(("-create", "-edit"))
    if row.name not in {"admin:index", "accounts:login"}
]
NOT_WRITTEN = (200, 400, 403, 404, 405)
DISTRICT_WIDE = {Role.DISTRICT, Role.EXPERT, Role.PARTNER}


def _forms(context: Any) -> list[BaseForm]:
    """The bound forms a response rendered: those that read the POST."""
    if context is None:
        return []
    found: list[BaseForm] = []
    for layer in context if isinstance(context, list) else [context]:
        for values in getattr(layer, "dicts", [layer]):
            for value in values.values() if isinstance(values, dict) else ():
                if type(value) is SimpleLazyObject:  # lazy context (to-do counts): never a form,
                    continue  # and evaluating it here, outside the request's scope, would raise
                if isinstance(value, BaseForm) and value.is_bound and value not in found:
                    found.append(value)
    return found


def _by_model(objects: dict[str, Any]) -> dict[type, Any]:
    """The first object of each model."""
    by_model: dict[type, Any] = {}
    for obj in objects.values():
        by_model.setdefault(type(obj), obj)
    return by_model


def _counts(app_labels: set[str]) -> dict[str, int]:
    with scopes_disabled():  # counting every row, whoever's it is
        models: list[Any] = [m for m in apps.get_models() if m._meta.app_label in app_labels]
        return {m._meta.label: m._base_manager.count() for m in [*models, AuditEntry]}


def _app_of(row: Row, world: dict[str, Any]) -> set[str]:
    labels = {row.name.split(":")[0]}
    if row.obj and row.obj in world["inside"]:
        labels.add(type(world["inside"][row.obj])._meta.app_label)
    if row.name.startswith("core:"):
        from xingcun.core import registry

        key = row.name.split(":")[1].rsplit("-", 1)[0]
        labels.add(registry.get(key).model._meta.app_label)
    return labels


CASES = [pytest.param(row, role, id=f"{row.name}-{role}") for row in WRITES for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_a_reference_outside_the_jurisdiction_is_refused(row, role, matrix, neighbours, db, client):
    _, world, _, sessions = matrix
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    url = url_for(row, world["inside"][row.obj] if row.obj else None)
    probe = client.post(url, {"probe": "1"})  # not empty: views bind `request.POST or None`
    references = {
        name: field.queryset.model
        for form in _forms(probe.context)
        for name, field in form.fields.items()
        if isinstance(field, ModelChoiceField)
    }
    if probe.status_code != 200 or not references:
        return  # refused outright, or this endpoint takes no reference
    # The district's users are given the other county; everyone else the other town.
    objects = world["outside"] if role in DISTRICT_WIDE else neighbours
    outside = _by_model(objects)
    data: dict[str, Any] = {}
    for name, model in references.items():
        target = outside.get(model)
        if target is None and model is Area:
            target = objects["area"]
        if target is not None:
            data[name] = [target.pk] if model and _multiple(probe, name) else target.pk
    if not data:
        return
    labels = _app_of(row, world)
    before = _counts(labels)
    response = client.post(url, data)
    assert response.status_code in NOT_WRITTEN, f"POST {url} as {role}: {response.status_code}"
    assert _counts(labels) == before, f"POST {url} as {role} wrote rows"
    if response.status_code == 200:
        errors = {name for form in _forms(response.context) for name in form.errors}
        assert set(data) <= errors, f"POST {url} as {role}: {sorted(set(data) - errors)}"


def _multiple(response: Any, name: str) -> bool:
    return any(
        isinstance(form.fields.get(name), ModelMultipleChoiceField)
        for form in _forms(response.context)
    )
