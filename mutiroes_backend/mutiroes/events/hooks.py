"""What happens to a mutirão that the apps above events follow (core/hooks.py). The event services
call these inside their transaction; notifications registers the messages."""

from mutiroes.core.hooks import hook
from mutiroes.events.models import Event, Participation


@hook
def event_changed(*, event: Event) -> object:
    """A published mutirão's time or place changed (already saved)."""


@hook
def event_cancelled(*, event: Event) -> object:
    """A published mutirão was cancelled (already saved, with its reason)."""


@hook
def participation_changed(*, participation: Participation, kind: str) -> object:
    """Someone's place changed: `kind` is the new status (confirmed, waitlisted, pending) or what
    happened (approved, rejected: a request declined, removed: someone signed up taken out,
    promoted); a rejection's reason is on the participation (`rejection_reason`)."""
