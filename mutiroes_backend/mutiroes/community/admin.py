from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutiroes.community.models import Comment, Photo, Pledge, Resource
from mutiroes.core.admin_actions import export_as_csv


class PledgeInline(admin.TabularInline):
    model = Pledge
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "kind", "quantity_needed", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "event__title"]
    raw_id_fields = ["event"]
    list_select_related = ["event"]
    inlines = [PledgeInline]
    actions = [export_as_csv]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["resource", "user", "quantity", "created_at"]
    search_fields = ["resource__name", "user__email"]
    raw_id_fields = ["resource", "user"]
    list_select_related = ["resource", "user"]
    actions = [export_as_csv]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["short_body", "event", "author", "parent", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body", "author__email", "event__title"]
    raw_id_fields = ["event", "author", "parent", "hidden_by"]
    list_select_related = ["event", "author"]
    readonly_fields = ["created_at", "edited_at", "hidden_at", "hidden_by"]
    actions = ["hide", "unhide", export_as_csv]

    @admin.display(description=_("comment"))
    def short_body(self, obj: Comment) -> str:
        return obj.body[:80]

    @admin.action(description=_("Hide the selected comments"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        count = queryset.update(is_hidden=True, hidden_at=timezone.now(), hidden_by=request.user)
        self.message_user(request, _("%(count)d hidden.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show the selected comments again"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        count = queryset.update(is_hidden=False, hidden_at=None, hidden_by=None)
        self.message_user(request, _("%(count)d shown again.") % {"count": count}, messages.SUCCESS)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "uploaded_by", "stage", "caption", "created_at", "is_hidden"]
    list_filter = ["is_hidden", "stage"]
    search_fields = ["caption", "uploaded_by__email", "event__title"]
    raw_id_fields = ["event", "uploaded_by"]
    list_select_related = ["event", "uploaded_by"]
    readonly_fields = ["image", "thumbnail", "content_type", "width", "height", "size_bytes", "created_at", "hidden_at"]
    actions = ["hide", "unhide", export_as_csv]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # uploads go through the API, which checks and cleans the image

    @admin.action(description=_("Hide the selected photos"))
    def hide(self, request: HttpRequest, queryset: QuerySet[Photo]) -> None:
        count = queryset.update(is_hidden=True, hidden_at=timezone.now())
        self.message_user(request, _("%(count)d hidden.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Show the selected photos again"))
    def unhide(self, request: HttpRequest, queryset: QuerySet[Photo]) -> None:
        count = queryset.update(is_hidden=False, hidden_at=None)
        self.message_user(request, _("%(count)d shown again.") % {"count": count}, messages.SUCCESS)
