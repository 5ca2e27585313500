from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.users.models import User
from mutiroes.users.services import access_state_forget


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "name", "city", "state", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "is_public", "state"]
    search_fields = ["email", "first_name", "last_name", "display_name", "city"]
    readonly_fields = ["date_joined", "last_login", "deleted_at"]
    filter_horizontal = ["interests", "groups", "user_permissions"]
    actions = [export_as_csv, "suspend"]
    csv_fields = ["id", "email", "first_name", "last_name", "city", "state", "is_active", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Perfil",
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "display_name",
                    "bio",
                    "city",
                    "state",
                    "avatar",
                    "birth_date",
                    "interests",
                ]
            },
        ),
        ("Privacidade", {"fields": ["is_public", "show_history"]}),
        ("Permissões", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Datas", {"fields": ["date_joined", "last_login", "deleted_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "first_name", "password1", "password2"]})]

    @admin.action(description="Suspender usuários selecionados")
    def suspend(self, request, queryset):
        suspended = queryset.exclude(pk=request.user.pk)
        ids = list(suspended.values_list("pk", flat=True))
        updated = suspended.update(is_active=False)
        access_state_forget(*ids)
        self.message_user(request, f"{updated} usuário(s) suspenso(s).")
