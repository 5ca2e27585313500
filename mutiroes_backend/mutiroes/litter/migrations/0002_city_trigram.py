"""The city filter of the reports' list: a trigram index on mutiroes_fold(city) (PostgreSQL)."""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS litter_city_trgm_idx ON litter_litterreport"
    " USING gin (mutiroes_fold(city) gin_trgm_ops)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS litter_city_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("litter", "0001_initial"), ("events", "0005_search_fold_trigram")]

    operations = [migrations.RunPython(forwards, backwards)]
