"""Accent- and case-insensitive text search, the same on PostgreSQL and on `make dev`'s SQLite.

`mutiroes_fold(text)` lower-cases and strips accents ("ITAPUÃ" → "itapua"): on PostgreSQL it is
an IMMUTABLE SQL function over the `unaccent` extension (created by the events migration that
also builds the trigram index on it); on SQLite it is :func:`fold` itself, registered on every
new connection (CoreConfig.ready). A query folds the search terms with :func:`fold` and compares
them to ``Fold(columns…)`` with LIKE, which a `gin_trgm_ops` index on the same expression serves.
"""

import unicodedata
from typing import Any

from django.db.models import Func, Lookup, TextField

FOLD_FUNCTION = "mutiroes_fold"

# The PostgreSQL side of fold(): lower(unaccent(text)); IMMUTABLE so that an index may use it.
# One statement each (a parameterised execute takes one).
POSTGRES_FOLD_SQL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE OR REPLACE FUNCTION {FOLD_FUNCTION}(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$""",
)


def fold(text: str) -> str:
    """Lower case without accents: what both databases compare."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


class FoldedText(TextField):
    """The type of a Fold(): text that offers the `has` lookup."""


@FoldedText.register_lookup
class Has(Lookup):
    """`Fold(...) has "term"`: the folded term appears anywhere. Plain `LIKE` on the bare
    expression (Django's `contains` casts it to text, which stops PostgreSQL from matching the
    index's expression); LIKE's wildcards in the term are taken literally."""

    lookup_name = "has"

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[str]]:
        escaped = fold(str(value)).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "%s", [f"%{escaped}%"]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        escape = " ESCAPE '\\'" if connection.vendor == "sqlite" else ""  # PostgreSQL's default escape is \
        return f"{lhs} LIKE {rhs}{escape}", [*lhs_params, *rhs_params]


class Fold(Func):
    """`mutiroes_fold(a || ' ' || b …)`: the folded text of one or more columns, space-separated.
    An index on the same columns in the same order serves it. Filter with `__has=term`."""

    function = FOLD_FUNCTION
    arg_joiner = " || ' ' || "
    output_field = FoldedText()


def register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: gives SQLite the same mutiroes_fold as PostgreSQL."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FOLD_FUNCTION, 1, lambda value: None if value is None else fold(value), deterministic=True
        )
