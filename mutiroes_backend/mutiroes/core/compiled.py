"""Queries of a hot path compiled by Django once per process, then run with each call's values.

Building a queryset and compiling it (`filter`, `as_sql`, the select list of every column) costs
more CPU than PostgreSQL takes to answer a lookup by key; a join paid it for each of its reads
and for its counters' UPDATE (bench/README.md › The join's CPU). These classes make the queryset
once with a sentinel value in each slot, keep the SQL Django compiled for it, and put each call's
values where the sentinels were: the SQL is Django's own, byte for byte, and rows are turned into
instances as Django does (`from_db`, with the compiler's converters). A queryset whose SQL does
not carry every sentinel as a parameter, or that is not a plain model query, is never cached
(run through the ORM every time). `tests/test_compiled.py` holds them to the ORM's SQL and rows.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from django.db import connections, transaction
from django.db.models import Model, QuerySet
from django.db.models.sql import UpdateQuery

M = TypeVar("M", bound=Model)

# Values no call passes (a negative key; a moment before the platform existed; text with control
# characters), one per slot.
_INT_SENTINEL = -1_987_654_300
_TIME_SENTINEL = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)


def _sentinels(slots: dict[str, type]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for i, (name, kind) in enumerate(slots.items()):
        if kind is int:
            values[name] = _INT_SENTINEL - i
        elif kind is datetime:
            values[name] = _TIME_SENTINEL.replace(microsecond=i + 1)
        elif kind is str:
            values[name] = f"\x1fcompiled-slot-{i}\x1f"
        else:
            raise TypeError(f"slot {name}: only int, str and datetime slots ({kind})")
    return values


def _swaps(params: tuple[Any, ...], sentinels: dict[str, Any]) -> list[tuple[int, str]] | None:
    """Where each slot's value goes among the parameters; None if a slot is not a parameter."""
    by_value = {(type(v), v): name for name, v in sentinels.items()}
    swaps = [(i, by_value[(type(p), p)]) for i, p in enumerate(params) if (type(p), p) in by_value]
    return swaps if {name for _, name in swaps} == set(sentinels) else None


def _params(params: tuple[Any, ...], swaps: list[tuple[int, str]], values: dict[str, Any]) -> list[Any]:
    put = list(params)
    for position, name in swaps:
        put[position] = values[name]
    return put


class CompiledRow(Generic[M]):
    """`build(**slots)` is a queryset of one model's rows (no `select_related`, annotation or
    deferred field): `first(**values)` is its first row as an instance, or None."""

    def __init__(self, build: Callable[..., QuerySet[M]], **slots: type) -> None:
        self.build = build
        self.slots = slots
        self._entry: tuple[Any, ...] | None = None
        self._uncacheable = False

    def first(self, **values: Any) -> M | None:
        entry = self._entry if self._entry is not None or self._uncacheable else self._compile()
        if entry is None:
            found = list(self.build(**values))
            return found[0] if found else None
        model, db, sql, params, swaps, attnames, converters = entry
        connection = connections[db]
        with connection.cursor() as cursor:
            cursor.execute(sql, _params(params, swaps, values))
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
        instance: M = model.from_db(db, attnames, row)
        return instance

    def sql(self, **values: Any) -> tuple[str, list[Any]] | None:
        """The SQL and parameters `first` executes for these values (for tests); None: not cached."""
        entry = self._entry if self._entry is not None or self._uncacheable else self._compile()
        return None if entry is None else (entry[2], _params(entry[3], entry[4], values))

    def _compile(self) -> tuple[Any, ...] | None:
        sentinels = _sentinels(self.slots)
        queryset = self.build(**sentinels)
        query = queryset.query
        plain = not (
            query.select_related or query.annotations or query.extra or query.deferred_loading[0] or query.values_select
        )
        compiler = query.get_compiler(queryset.db)
        sql, params = compiler.as_sql() if plain else ("", ())
        swaps = _swaps(tuple(params), sentinels) if plain else None
        if swaps is None or compiler.klass_info is None:
            self._uncacheable = True
            return None
        select = compiler.select[: compiler.col_count]
        attnames = [column[0].target.attname for column in select]
        converters = list(compiler.get_converters([column[0] for column in select]).items())
        self._entry = (queryset.model, queryset.db, sql, tuple(params), swaps, attnames, converters)
        return self._entry


class CompiledUpdate:
    """`build(**slots)` is (a queryset, the values of its `update()`): `run(**values)` is that
    update's row count, as `queryset.update(**update_values)` returns it."""

    def __init__(self, build: Callable[..., tuple[QuerySet[Any], dict[str, Any]]], **slots: type) -> None:
        self.build = build
        self.slots = slots
        self._entry: tuple[Any, ...] | None = None
        self._uncacheable = False

    def run(self, **values: Any) -> int:
        entry = self._entry if self._entry is not None or self._uncacheable else self._compile()
        if entry is None:
            queryset, update_values = self.build(**values)
            return queryset.update(**update_values)
        db, sql, params, swaps = entry
        with transaction.mark_for_rollback_on_error(using=db), connections[db].cursor() as cursor:
            cursor.execute(sql, _params(params, swaps, values))
            return cursor.rowcount

    def _compile(self) -> tuple[Any, ...] | None:
        sentinels = _sentinels(self.slots)
        queryset, update_values = self.build(**sentinels)
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values(update_values)
        query.annotations = {}
        compiler = query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        swaps = _swaps(tuple(params), sentinels)
        if swaps is None or query.related_updates or query.count_active_tables() != 1 or not sql:
            self._uncacheable = True
            return None
        self._entry = (queryset.db, sql, tuple(params), swaps)
        return self._entry

    def sql(self, **values: Any) -> tuple[str, list[Any]] | None:
        """The SQL and parameters `run` executes for these values (for tests); None: not cached."""
        entry = self._entry if self._entry is not None or self._uncacheable else self._compile()
        return None if entry is None else (entry[1], _params(entry[2], entry[3], values))
