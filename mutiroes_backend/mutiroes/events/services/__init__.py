"""Mutirão and participation services, by concern: `events` (the mutirão itself), `participation`
(sign-ups, waitlist, approval), `attendance` (check-in/out, hours), `locks` (the row locks they share).

Callers import from here: `from mutiroes.events import services; services.participation_join(...)`.
"""

from mutiroes.events.services.attendance import (
    event_checkin_code_rotate,
    hours_between,
    participation_check_in,
    participation_check_out,
    participation_self_check_in,
)
from mutiroes.events.services.events import (
    EDITABLE_FIELDS,
    NOTIFIABLE_FIELDS,
    event_cancel,
    event_co_organizer_add,
    event_co_organizer_remove,
    event_complete_if_finished,
    event_cover_delete,
    event_cover_set,
    event_create,
    event_delete,
    event_publish,
    event_published,
    event_update,
)
from mutiroes.events.services.locks import event_lock_for_manager
from mutiroes.events.services.participation import (
    participation_approve,
    participation_join,
    participation_leave,
    participation_no_show_set,
    participation_reject,
    participation_restore,
    participations_erase_personal_data,
)

__all__ = [
    "EDITABLE_FIELDS",
    "NOTIFIABLE_FIELDS",
    "event_cancel",
    "event_checkin_code_rotate",
    "event_co_organizer_add",
    "event_co_organizer_remove",
    "event_complete_if_finished",
    "event_cover_delete",
    "event_cover_set",
    "event_create",
    "event_delete",
    "event_lock_for_manager",
    "event_publish",
    "event_published",
    "event_update",
    "hours_between",
    "participation_approve",
    "participation_check_in",
    "participation_check_out",
    "participation_join",
    "participation_leave",
    "participation_no_show_set",
    "participation_reject",
    "participation_restore",
    "participation_self_check_in",
    "participations_erase_personal_data",
]
