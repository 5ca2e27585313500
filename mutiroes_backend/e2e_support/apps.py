from django.apps import AppConfig


class E2eSupportConfig(AppConfig):
    """Test-only commands for the browser tests. Installed only with E2E_SUPPORT=1 (never in production)."""

    name = "e2e_support"
