"""Admin actions shared by every model admin."""

import csv
from collections.abc import Iterable

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse


@admin.action(description="Exportar selecionados como CSV")
def export_as_csv(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
    fields: Iterable[str] = getattr(modeladmin, "csv_fields", None) or [
        field.name for field in queryset.model._meta.concrete_fields if field.name not in {"password"}
    ]
    fields = list(fields)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{queryset.model._meta.model_name}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(fields)
    for obj in queryset.iterator(chunk_size=500):
        writer.writerow([_cell(obj, name) for name in fields])
    return response


def _cell(obj: Model, name: str) -> str:
    value = getattr(obj, name)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
