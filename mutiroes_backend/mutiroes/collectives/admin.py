from django.contrib import admin

from mutiroes.collectives.models import Announcement, Collective, Follow, Invitation, Membership
from mutiroes.core.admin_actions import export_as_csv


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "is_public", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "city", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["name", "slug", "city"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [MembershipInline]
    actions = [export_as_csv]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["collective", "role", "created_at", "expires_at", "accepted_at", "revoked_at", "email_status"]
    list_filter = ["role", "email_status"]
    search_fields = ["collective__name"]
    raw_id_fields = ["collective", "invited_by", "accepted_by"]
    readonly_fields = ["nonce", "created_at", "email_attempts", "email_sent_at"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["collective", "user", "created_at"]
    raw_id_fields = ["collective", "user"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["event", "collective", "recipients", "created_at", "completed_at"]
    raw_id_fields = ["event", "collective"]
    readonly_fields = ["cursor_user_id", "recipients", "created_at", "updated_at", "completed_at"]
