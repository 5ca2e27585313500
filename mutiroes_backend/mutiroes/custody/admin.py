from django.contrib import admin

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.custody.models import Handover, WasteBag


class WasteBagInline(admin.TabularInline):
    model = WasteBag
    extra = 0
    fields = ["label", "material", "weight_kg", "event"]
    readonly_fields = fields
    can_delete = False


@admin.register(Handover)
class HandoverAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "event",
        "receiver_name",
        "receiver_kind",
        "destination",
        "declared_kg",
        "confirmed_at",
        "received_kg",
    ]
    list_filter = ["destination", "receiver_kind", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["receiver_name", "event__title"]
    raw_id_fields = ["event", "created_by"]
    list_select_related = ["event"]
    readonly_fields = ["declared_kg", "link_expires_at", "confirmed_at", "received_kg", "receiver_note"]
    exclude = ["link_nonce"]
    inlines = [WasteBagInline]
    actions = [export_as_csv]


@admin.register(WasteBag)
class WasteBagAdmin(admin.ModelAdmin):
    list_display = ["label", "event", "material", "weight_kg", "handover", "created_at"]
    list_filter = ["material"]
    search_fields = ["label", "event__title"]
    raw_id_fields = ["event", "handover", "registered_by"]
    list_select_related = ["event", "handover"]
    actions = [export_as_csv]
