"""Admin actions shared by every model admin."""

import csv
from collections.abc import Iterable

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from mutiroes.core.spreadsheet import csv_cell


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
        writer.writerow([csv_cell(getattr(obj, name)) for name in fields])
    return response
