from django.contrib import admin

from mutiroes.alerts.models import AlertArea, AlertFanout, AlertSettings


@admin.register(AlertArea)
class AlertAreaAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "label", "city", "state", "radius_km", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["user__email", "label", "city"]
    raw_id_fields = ["user"]
    filter_horizontal = ["categories"]
    list_select_related = ["user"]


@admin.register(AlertSettings)
class AlertSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "email_frequency", "last_digest_at", "updated_at"]
    list_filter = ["email_frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(AlertFanout)
class AlertFanoutAdmin(admin.ModelAdmin):
    list_display = ["event", "batches", "recipients", "created_at", "completed_at"]
    raw_id_fields = ["event"]
    readonly_fields = ["cursor_user_id", "batches", "recipients", "completed_at"]
