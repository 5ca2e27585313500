"""The messages that follow what happens to accounts and mutirões (users/hooks.py,
events/hooks.py); AppConfig.ready() connects them."""

from mutiroes.events import hooks as event_hooks
from mutiroes.notifications import selectors, services
from mutiroes.users import hooks as user_hooks


def connect() -> None:
    user_hooks.user_registered.register(services.welcome_notify)
    user_hooks.user_exported.register(selectors.user_export_sections)
    event_hooks.event_changed.register(services.event_changed_notify)
    event_hooks.event_cancelled.register(services.event_cancelled_notify)
    event_hooks.participation_changed.register(services.participation_notify)
