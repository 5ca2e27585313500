from django.contrib import admin

from mutiroes.field.models import AttendanceOperation, MissingPerson, RollCall


@admin.register(AttendanceOperation)
class AttendanceOperationAdmin(admin.ModelAdmin):
    list_display = ["key", "event", "action", "status_code", "created_at"]
    list_filter = ["action", "status_code"]
    raw_id_fields = ["actor", "event"]
    readonly_fields = ["actor", "key", "event", "action", "payload", "status_code", "response", "created_at"]


@admin.register(MissingPerson)
class MissingPersonAdmin(admin.ModelAdmin):
    list_display = ["participation", "event", "reported_at", "found_at"]
    raw_id_fields = ["event", "participation", "reported_by", "found_by"]


@admin.register(RollCall)
class RollCallAdmin(admin.ModelAdmin):
    list_display = ["event", "closed_at", "closed_by"]
    raw_id_fields = ["event", "closed_by"]
