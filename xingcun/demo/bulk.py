"""A lean `bulk_create` for the demo's large tables (hundreds of thousands of rows).

Django's `bulk_create` prepares every value through the SQL compiler (placeholders, expressions,
`pre_save`, field by field: about 60 µs a row of ten fields) and on SQLite stays under the legacy
999-variable limit, so 150,000 score events take some 2,000 statements and most of a minute. The
demo only inserts plain values into fresh rows, so this inserts them directly: the timestamps of
`auto_now`/`auto_now_add` fields are taken once per call, plain values (text, numbers, booleans,
integer keys) go to the driver as they are, any other value goes through the field's
`get_db_prep_save` as Django would, and each statement carries as many rows as the database allows.
Like `bulk_create`, it sets the primary keys of the objects (through `RETURNING`), fills foreign
keys from related objects saved after being assigned, and sends no signals.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.models.fields.files import FileField
from django.utils import timezone

M = TypeVar("M", bound=models.Model)

DEFAULT_BATCH = 5000
POSTGRES_MAX_PARAMS = 65_535
# Values the database drivers take as they are (what `get_db_prep_save` returns for them).
PLAIN = frozenset({str, int, bool, float, type(None)})
PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.FloatField,
)


def insert(objs: Iterable[M], *, batch_size: int = DEFAULT_BATCH) -> list[M]:
    """Insert unsaved model instances (all of one model) and set their primary keys."""
    rows = list(objs)
    if not rows:
        return rows
    model = type(rows[0])
    table = _Table(model)
    for obj in rows:
        if type(obj) is not model:
            raise TypeError(f"insert() takes objects of one model, got {type(obj).__name__}")
        for field in table.relations:
            _resolve_foreign_key(obj, field)
        for field in table.stamped:
            setattr(obj, field.attname, table.now)
    keys = table.write([obj.__dict__ for obj in rows], batch_size)
    for obj, key in zip(rows, keys, strict=True):
        setattr(obj, table.pk_attname, key)
        obj._state.adding = False
        obj._state.db = table.alias
    return rows


def insert_values(
    model: type[models.Model], rows: Iterable[dict[str, Any]], *, batch_size: int = DEFAULT_BATCH
) -> list[Any]:
    """Insert rows given as {attname: value} (`member_id`, not `member`), without building a model
    instance for each; fields left out get their default. Returns the new primary keys in order.
    For the largest tables, where building the instances would cost as much as writing them."""
    table = _Table(model)
    known = {f.attname for f in table.fields}
    # As a model instance would have them: the field's default, else None or "".
    defaults = {f.attname: f.get_default() for f in table.fields}
    defaults |= {f.attname: table.now for f in table.stamped}
    complete = []
    for row in rows:
        unknown = row.keys() - known
        if unknown:
            raise TypeError(f"{model.__name__} has no field {'、'.join(sorted(unknown))}")
        complete.append(defaults | row)
    return table.write(complete, batch_size)


class _Table:
    """How to write rows of one model: its columns, their converters, the SQL around them."""

    def __init__(self, model: type[models.Model]) -> None:
        meta = model._meta
        if meta.parents:
            raise TypeError(f"{model.__name__}: multi-table inheritance is not supported")
        if meta.pk is None:  # only abstract models have none
            raise TypeError(f"{model.__name__} has no primary key")
        self.alias = router.db_for_write(model)
        self.connection = connections[self.alias]
        self.pk_attname = meta.pk.attname
        self.fields = [
            f
            for f in meta.concrete_fields
            if not (f.primary_key and isinstance(f, models.AutoField))
        ]
        self.now = timezone.now()
        self.relations = [f for f in self.fields if f.is_relation]
        self.stamped = [f for f in self.fields if _is_stamp(f)]
        self.converters = [_converter(f, self.connection, self.now) for f in self.fields]
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in self.fields)
        self.row_sql = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        # Names come from the model's metadata, quoted; every value is a parameter.
        self.head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
        self.tail = f" RETURNING {quote(str(meta.pk.column))}"

    def write(self, rows: list[dict[str, Any]], batch_size: int) -> list[Any]:
        """Write rows of {attname: value}, as many a statement as the database takes."""
        per_statement = max(1, min(batch_size, _max_params(self.connection) // len(self.fields)))
        pairs = [
            (f.attname, convert) for f, convert in zip(self.fields, self.converters, strict=True)
        ]
        keys: list[Any] = []
        with self.connection.cursor() as cursor:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                params = [convert(values[name]) for values in chunk for name, convert in pairs]
                cursor.execute(
                    self.head + ", ".join([self.row_sql] * len(chunk)) + self.tail, params
                )
                keys += [key for (key,) in cursor.fetchall()]
        return keys


def _max_params(connection: Any) -> int:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        limit: int = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return limit
    if connection.vendor == "postgresql":
        return POSTGRES_MAX_PARAMS
    return int(connection.features.max_query_params or 999)


def _converter(field: models.Field[Any, Any], connection: Any, now: Any) -> Callable[[Any], Any]:
    if isinstance(field, FileField):
        return lambda value: _no_file(field, value)
    if _is_stamp(field):
        stamp = field.get_db_prep_save(now, connection)
        return lambda _value: stamp
    prepare = field.get_db_prep_save
    if isinstance(field, PLAIN_FIELDS) or (
        isinstance(field, models.ForeignKey) and isinstance(field.target_field, models.AutoField)
    ):
        return lambda value: value if type(value) in PLAIN else prepare(value, connection)
    return lambda value: prepare(value, connection)


def _no_file(field: models.Field[Any, Any], value: Any) -> str | None:
    """An empty file field is stored as it is; saving a file needs its storage (use `save()`)."""
    if value:
        raise TypeError(f"{field}: files are not supported, only empty file fields")
    return None if value is None else ""


def _is_stamp(field: models.Field[Any, Any]) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _resolve_foreign_key(obj: models.Model, field: models.Field[Any, Any]) -> None:
    """A related object assigned before it was saved left the key empty: take its key now."""
    related = obj._state.fields_cache.get(field.name)  # where the descriptor caches it
    if related is None:
        return
    if related.pk is None:
        raise ValueError(f"{obj._meta.object_name}.{field.name}: the related object is not saved")
    if obj.__dict__[field.attname] != related.pk:
        setattr(obj, field.attname, related.pk)
