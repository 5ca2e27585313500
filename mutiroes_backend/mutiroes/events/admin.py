from django.contrib import admin

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.events.models import Category, Event, EventSeries, Participation, SeriesSubscription


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "icon", "color", "ordering"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [export_as_csv]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "status", "emergency_contact", "checked_in_at", "checked_out_at", "hours"]
    readonly_fields = ["status", "checked_in_at", "checked_out_at", "hours"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "city",
        "state",
        "start",
        "status",
        "visibility",
        "confirmed_count",
        "capacity",
    ]
    list_filter = ["status", "visibility", "category", "state", "requires_approval"]
    search_fields = ["title", "description", "city", "organizer__email"]
    date_hierarchy = "start"
    raw_id_fields = ["organizer", "collective", "series"]
    filter_horizontal = ["co_organizers"]
    readonly_fields = [
        "confirmed_count",
        "waitlist_count",
        "pending_count",
        "checkin_code",
        "created_at",
        "updated_at",
        "published_at",
        "cancelled_at",
    ]
    list_select_related = ["category", "organizer"]
    inlines = [ParticipationInline]
    actions = [export_as_csv]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "checked_in_at", "checked_out_at", "hours", "created_at"]
    list_filter = ["status"]
    search_fields = ["event__title", "user__email", "code"]
    raw_id_fields = ["event", "user"]
    list_select_related = ["event", "user"]
    readonly_fields = ["status", "code", "waitlisted_at", "created_at", "updated_at"]
    actions = [export_as_csv]
    csv_fields = ["id", "event_id", "user_id", "status", "checked_in_at", "checked_out_at", "hours", "created_at"]


class SeriesSubscriptionInline(admin.TabularInline):
    model = SeriesSubscription
    extra = 0
    raw_id_fields = ["user"]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    """Recurring series. The rule is read-only here: occurrences already exist for it."""

    list_display = ["id", "origin", "frequency", "interval", "weekday", "week_of_month", "until", "count", "ended_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["organizer", "collective", "origin"]
    readonly_fields = [
        "frequency",
        "interval",
        "weekday",
        "week_of_month",
        "first_date",
        "start_time",
        "created_at",
        "updated_at",
    ]
    inlines = [SeriesSubscriptionInline]
