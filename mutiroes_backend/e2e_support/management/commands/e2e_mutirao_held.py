"""Move a published mutirão into the past, as if it had taken place (browser tests only).

    manage.py e2e_mutirao_held --id 12 --started-minutes-ago 90 --minutes 60

A mutirão organized in the browser starts in the future (the API refuses a past start); the test
that files its impact report must not wait on the clock. Test-only: installed with E2E_SUPPORT=1.
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from mutiroes.events.models import Event


class Command(BaseCommand):
    help = "Move a published mutirão's start and end into the past (test-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--id", type=int, required=True)
        parser.add_argument("--started-minutes-ago", type=int, required=True)
        parser.add_argument("--minutes", type=int, required=True, help="duration")

    def handle(self, *args: Any, **options: Any) -> None:
        start = timezone.now() - timedelta(minutes=options["started_minutes_ago"])
        moved = Event.objects.filter(pk=options["id"], status=Event.Status.PUBLISHED).update(
            start=start, end=start + timedelta(minutes=options["minutes"]), registration_deadline=start
        )
        self.stdout.write(str(moved))
