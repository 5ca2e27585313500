from django.contrib import admin

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.notifications.models import Broadcast, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "title", "in_app", "email_status", "email_attempts", "created_at", "read_at"]
    list_filter = ["kind", "email_status"]
    search_fields = ["user__email", "title"]
    raw_id_fields = ["user", "event"]
    list_select_related = ["user"]
    actions = [export_as_csv]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "in_app", "email", "updated_at"]
    list_filter = ["kind", "in_app", "email"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(Broadcast)
class BroadcastAdmin(admin.ModelAdmin):
    list_display = ["event", "kind", "recipients", "created_at", "completed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["event"]
    readonly_fields = ["cursor_user_id", "recipients", "completed_at"]
