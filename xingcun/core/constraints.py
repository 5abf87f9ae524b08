"""A model's CheckConstraints evaluated in Python, for imports that check many rows at once.

`full_clean()` checks each CheckConstraint with its own `SELECT` (Django's `Q.check()`): seven
queries per imported row. The conditions the models use are simple comparisons of the row's own
fields (`Q(size__gte=1)`, `Q(left_on__gte=F("joined_on"))`, `Exact(Length("id_number"), 18)`),
which Python evaluates the way SQL does: a comparison with NULL is unknown, and an unknown result
passes, as a CHECK constraint passes it. A condition outside this subset is left to the database
query (`constraint.validate`), so nothing is ever skipped.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Length, Lower, Upper
from django.db.models.lookups import Lookup

Truth = bool | None  # SQL's three values: None is unknown


class UnsupportedError(Exception):
    """A condition this module does not evaluate; the database checks it instead."""


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def _field_value(obj: models.Model, name: str) -> Any:
    if name == "pk":
        return obj.pk
    try:
        field = obj._meta.get_field(name)
    except Exception as e:
        raise UnsupportedError(name) from e
    if not getattr(field, "concrete", False) or "__" in name:
        raise UnsupportedError(name)
    return getattr(obj, field.attname)  # type: ignore[union-attr]


def _value(obj: models.Model, expression: Any) -> Any:
    if isinstance(expression, F):
        return _field_value(obj, str(expression.name))  # type: ignore[attr-defined]
    if isinstance(expression, Value):
        return expression.value
    if isinstance(expression, Length | Upper | Lower):
        inner = _value(obj, expression.source_expressions[0])
        if inner is None:
            return None
        if isinstance(expression, Length):
            return len(str(inner))
        return str(inner).upper() if isinstance(expression, Upper) else str(inner).lower()
    if hasattr(expression, "resolve_expression"):
        raise UnsupportedError(type(expression).__name__)
    if isinstance(expression, models.Model):
        return expression.pk
    return expression


def _keyword(path: str, value: Any) -> tuple[str, str, Any]:
    """A keyword condition of a `Q` (`("year__gte", 2000)`) as (lookup, field name, value)."""
    parts = path.split("__")
    lookup = "exact"
    if len(parts) > 1 and (parts[-1] in _COMPARE or parts[-1] in {"in", "isnull"}):
        lookup, parts = parts[-1], parts[:-1]
    if len(parts) != 1:
        raise UnsupportedError(path)
    if lookup == "exact" and value is None:  # Q(field=None) is IS NULL, as in the ORM
        lookup, value = "isnull", True
    return lookup, parts[0], value


def _compare(lookup: str, left: Any, right: Any) -> Truth:
    if lookup == "isnull":
        return (left is None) == bool(right)
    if lookup == "in":
        if left is None:
            return None
        return left in right
    if left is None or right is None:
        return None
    compare = _COMPARE.get(lookup)
    if compare is None:
        raise UnsupportedError(lookup)
    try:
        return compare(left, right)
    except TypeError as e:  # e.g. a str field compared with a number: let the database decide
        raise UnsupportedError(lookup) from e


def evaluate(condition: Any, obj: models.Model) -> Truth:
    """The truth of `condition` (a Q, a lookup or a (path, value) pair) for `obj`."""
    if isinstance(condition, Q):
        results = [evaluate(child, obj) for child in condition.children]
        if condition.connector == Q.AND:
            truth: Truth = False if False in results else (None if None in results else True)
        elif condition.connector == Q.OR:
            truth = True if True in results else (None if None in results else False)
        else:
            raise UnsupportedError(condition.connector)
        return truth if truth is None or not condition.negated else not truth
    if isinstance(condition, Lookup):
        return _compare(
            condition.lookup_name or "",
            _value(obj, condition.lhs),
            _value(obj, condition.rhs),
        )
    if isinstance(condition, tuple) and len(condition) == 2:
        lookup, name, right = _keyword(*condition)
        return _compare(lookup, _field_value(obj, name), _value(obj, right))
    raise UnsupportedError(type(condition).__name__)


Test = Callable[[models.Model], Truth]


def _getter(model: type[models.Model], expression: Any) -> Callable[[models.Model], Any]:
    if isinstance(expression, F):
        name = str(expression.name)  # type: ignore[attr-defined]
        if name == "pk":
            return lambda obj: obj.pk
        try:
            field: Any = model._meta.get_field(name)
        except Exception as e:
            raise UnsupportedError(name) from e
        if not getattr(field, "concrete", False):
            raise UnsupportedError(name)
        return operator.attrgetter(field.attname)
    if isinstance(expression, Length | Upper | Lower):
        inner = _getter(model, expression.source_expressions[0])
        if isinstance(expression, Length):
            return lambda obj: None if (v := inner(obj)) is None else len(str(v))
        if isinstance(expression, Upper):
            return lambda obj: None if (v := inner(obj)) is None else str(v).upper()
        return lambda obj: None if (v := inner(obj)) is None else str(v).lower()
    if isinstance(expression, Value):
        constant = expression.value
    elif hasattr(expression, "resolve_expression"):
        raise UnsupportedError(type(expression).__name__)
    else:
        constant = expression.pk if isinstance(expression, models.Model) else expression
    return lambda obj: constant


def compile_condition(model: type[models.Model], condition: Any) -> Test:
    """`condition` as a function of a row: built once per model, evaluated per row."""
    if isinstance(condition, Q):
        tests = [compile_condition(model, child) for child in condition.children]
        if condition.connector not in (Q.AND, Q.OR):
            raise UnsupportedError(condition.connector)
        conjunction, negated = condition.connector == Q.AND, condition.negated

        def combined(obj: models.Model) -> Truth:
            results = [test(obj) for test in tests]
            if conjunction:
                truth: Truth = False if False in results else (None if None in results else True)
            else:
                truth = True if True in results else (None if None in results else False)
            return truth if truth is None or not negated else not truth

        return combined
    if isinstance(condition, Lookup):
        left, right = _getter(model, condition.lhs), _getter(model, condition.rhs)
        name = condition.lookup_name or ""
    elif isinstance(condition, tuple) and len(condition) == 2:
        name, field_name, value = _keyword(*condition)
        left, right = _getter(model, F(field_name)), _getter(model, value)
    else:
        raise UnsupportedError(type(condition).__name__)
    if name not in _COMPARE and name not in {"in", "isnull"}:
        raise UnsupportedError(name)
    return lambda obj: _compare(name, left(obj), right(obj))


_compiled: dict[type[models.Model], list[tuple[Any, Test | None]]] = {}


def _tests(model: type[models.Model]) -> list[tuple[Any, Test | None]]:
    if model not in _compiled:
        tests: list[tuple[Any, Test | None]] = []
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            try:
                tests.append((constraint, compile_condition(model, constraint.condition)))
            except UnsupportedError:
                tests.append((constraint, None))  # the database checks it
        _compiled[model] = tests
    return _compiled[model]


def violations(model: type[models.Model], obj: models.Model) -> list[ValidationError]:
    """The CheckConstraints `obj` breaks, as the errors `full_clean()` would raise for them."""
    errors: list[ValidationError] = []
    for constraint, test in _tests(model):
        try:
            truth = test(obj) if test is not None else None
        except UnsupportedError:
            test = None
        if test is None:
            try:
                constraint.validate(model, obj)
            except ValidationError as e:
                errors.append(e)
            continue
        if truth is False:
            errors.append(
                ValidationError(
                    constraint.get_violation_error_message(),
                    code=constraint.violation_error_code,
                )
            )
    return errors
