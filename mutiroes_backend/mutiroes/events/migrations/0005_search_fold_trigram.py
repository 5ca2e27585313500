"""Accent- and case-insensitive search: mutiroes_fold() and a trigram index on the searched text
(PostgreSQL). SQLite gets the function from Python on each connection and needs no index."""

from django.db import migrations

from mutiroes.core.search import POSTGRES_FOLD_SQL

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS event_search_trgm_idx ON events_event"
    " USING gin (mutiroes_fold(title || ' ' || city || ' ' || description) gin_trgm_ops)"
    # Mutirões are written rarely and searched often: no pending list to scan on every search.
    " WITH (fastupdate = off)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in (*POSTGRES_FOLD_SQL, INDEX_SQL):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS event_search_trgm_idx")
        schema_editor.execute("DROP FUNCTION IF EXISTS mutiroes_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("events", "0004_event_share_token")]

    operations = [migrations.RunPython(forwards, backwards)]
