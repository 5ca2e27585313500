from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.litter import services
from mutiroes.litter.models import LitterAbuse, LitterHistory, LitterPhoto, LitterReport


class LitterPhotoInline(admin.TabularInline):
    model = LitterPhoto
    extra = 0
    fields = ["image", "stage", "uploaded_by", "is_hidden", "created_at"]
    readonly_fields = ["image", "stage", "uploaded_by", "created_at"]
    can_delete = False


class LitterHistoryInline(admin.TabularInline):
    model = LitterHistory
    extra = 0
    fields = ["kind", "user", "event", "created_at"]
    readonly_fields = fields
    can_delete = False


class LitterAbuseInline(admin.TabularInline):
    model = LitterAbuse
    extra = 0
    fields = ["user", "reason", "created_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(LitterReport)
class LitterReportAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "city",
        "state",
        "size",
        "status",
        "event",
        "confirmations_count",
        "flags",
        "is_hidden",
        "created_at",
    ]
    list_filter = ["status", "is_hidden", "size", "state"]
    search_fields = ["city", "address", "notes", "reporter__email"]
    raw_id_fields = ["reporter", "event"]
    list_select_related = ["event"]
    readonly_fields = ["confirmations_count", "cleaned_at", "resurvey_due_at", "resurvey_asked_at", "hidden_at"]
    inlines = [LitterPhotoInline, LitterHistoryInline, LitterAbuseInline]
    actions = ["hide", "unhide", export_as_csv]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LitterReport]:
        return super().get_queryset(request).annotate(flag_count=Count("abuse_flags"))

    @admin.display(description=_("abuse flags"), ordering="flag_count")
    def flags(self, obj: LitterReport) -> int:
        return obj.flag_count  # type: ignore[attr-defined]

    @admin.action(description=_("Hide the selected reports"))
    def hide(self, request: HttpRequest, queryset: QuerySet[LitterReport]) -> None:
        count = services.reports_hide(report_ids=list(queryset.values_list("pk", flat=True)), hidden=True)
        self.message_user(request, _("%(count)d hidden.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show the selected reports again"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[LitterReport]) -> None:
        count = services.reports_hide(report_ids=list(queryset.values_list("pk", flat=True)), hidden=False)
        self.message_user(request, _("%(count)d shown again.") % {"count": count}, messages.SUCCESS)


@admin.register(LitterPhoto)
class LitterPhotoAdmin(admin.ModelAdmin):
    list_display = ["id", "report", "stage", "uploaded_by", "is_hidden", "created_at"]
    list_filter = ["is_hidden", "stage"]
    raw_id_fields = ["report", "uploaded_by"]
    list_select_related = ["report", "uploaded_by"]
    readonly_fields = ["content_type", "width", "height", "size_bytes", "hidden_at"]
    actions = ["hide", "unhide"]

    @admin.action(description=_("Hide the selected photos"))
    def hide(self, request: HttpRequest, queryset: QuerySet[LitterPhoto]) -> None:
        count = services.photos_hide(photo_ids=list(queryset.values_list("pk", flat=True)), hidden=True)
        self.message_user(request, _("%(count)d hidden.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show the selected photos again"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[LitterPhoto]) -> None:
        count = services.photos_hide(photo_ids=list(queryset.values_list("pk", flat=True)), hidden=False)
        self.message_user(request, _("%(count)d shown again.") % {"count": count}, messages.SUCCESS)


@admin.register(LitterAbuse)
class LitterAbuseAdmin(admin.ModelAdmin):
    list_display = ["report", "user", "reason", "created_at"]
    raw_id_fields = ["report", "user"]
    list_select_related = ["report", "user"]
    search_fields = ["reason"]
