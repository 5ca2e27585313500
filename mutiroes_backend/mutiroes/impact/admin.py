from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.impact import services
from mutiroes.impact.models import MATERIALS, Certificate, CO2eFactorSet, ImpactReport, UserBadge


@admin.register(CO2eFactorSet)
class CO2eFactorSetAdmin(admin.ModelAdmin):
    list_display = ["version", "valid_from", "is_current", "source"]
    list_filter = ["is_current"]
    actions = [export_as_csv]

    def get_readonly_fields(self, request: HttpRequest, obj: CO2eFactorSet | None = None) -> list[str]:
        # A version some report uses is frozen: a new estimate is a new version.
        if obj is not None and obj.reports.exists():
            return ["version", "valid_from", *MATERIALS]
        return []


@admin.register(ImpactReport)
class ImpactReportAdmin(admin.ModelAdmin):
    list_display = ["event", "total_kg", "diverted_kg", "trees_planted", "published_at", "updated_at"]
    list_filter = ["event__status", "factor_set"]
    search_fields = ["event__title", "event__city"]
    raw_id_fields = ["event", "filed_by"]
    list_select_related = ["event"]
    readonly_fields = ["total_kg", "recyclable_kg", "diverted_kg", "published_at", "created_at", "updated_at"]
    actions = [export_as_csv, "refresh_stats"]

    def save_model(self, request: HttpRequest, obj: ImpactReport, form: object, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.stats_invalidate()

    def delete_model(self, request: HttpRequest, obj: ImpactReport) -> None:
        super().delete_model(request, obj)
        services.stats_invalidate()

    @admin.action(description=_("Recompute the platform totals now"))
    def refresh_stats(self, request: HttpRequest, queryset: QuerySet[ImpactReport]) -> None:
        services.stats_refresh()
        self.message_user(request, _("Platform totals recomputed."))


@admin.register(UserBadge)
class UserBadgeAdmin(admin.ModelAdmin):
    """Badges come from the rules; staff may only look or revoke one given by mistake."""

    list_display = ["user", "code", "awarded_at"]
    list_filter = ["code"]
    search_fields = ["user__email", "code"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = ["user", "code", "awarded_at"]
    actions = [export_as_csv]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "hours", "events_count", "issued_at"]
    search_fields = ["code", "holder_name", "user__email"]
    list_select_related = ["user"]
    readonly_fields = [
        "code",
        "user",
        "holder_name",
        "hours",
        "events_count",
        "first_event_on",
        "last_event_on",
        "issued_at",
    ]
    actions = [export_as_csv]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
