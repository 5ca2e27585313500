from django.contrib import admin

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "title", "email_status", "created_at", "read_at"]
    list_filter = ["kind", "email_status"]
    search_fields = ["user__email", "title"]
    raw_id_fields = ["user", "event"]
    list_select_related = ["user"]
    actions = [export_as_csv]
