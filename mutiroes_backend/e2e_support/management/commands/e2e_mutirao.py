"""A mutirão already running or already over, for the browser tests (which must not wait on the clock).

    manage.py e2e_mutirao --organizer ana@x --title "..." --started-minutes-ago 30 --minutes 180 \
        [--confirmed vitor@x ...]

Prints the new mutirão's id. The API refuses to publish a mutirão in the past (rightly); this writes
the rows directly, with the counters the services would have kept. Test-only: the app is installed
only with E2E_SUPPORT=1.
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from mutiroes.collectives.models import Collective
from mutiroes.events.models import Category, Event, Participation
from mutiroes.users.models import User


class Command(BaseCommand):
    help = "Create a published mutirão that started some minutes ago (test-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organizer", required=True, help="e-mail of an existing account")
        parser.add_argument("--title", required=True)
        parser.add_argument("--started-minutes-ago", type=int, required=True)
        parser.add_argument("--minutes", type=int, required=True, help="duration")
        parser.add_argument("--confirmed", nargs="*", default=[], help="e-mails of confirmed participants")
        parser.add_argument("--unlisted", action="store_true", help="only with the link (out of other tests' lists)")
        parser.add_argument("--collective", default="", help="slug of the collective it belongs to")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        start = timezone.now() - timedelta(minutes=options["started_minutes_ago"])
        people = [User.objects.get(email__iexact=email) for email in options["confirmed"]]
        event = Event.objects.create(
            organizer=User.objects.get(email__iexact=options["organizer"]),
            title=options["title"],
            description="Mutirão dos testes de navegador.",
            category=Category.objects.order_by("id").first(),
            address="Av. Atlântica, Posto 4",
            city="Rio de Janeiro",
            state="RJ",
            latitude=-22.9711,
            longitude=-43.1822,
            start=start,
            end=start + timedelta(minutes=options["minutes"]),
            registration_deadline=start,
            capacity=max(10, len(people)),
            status=Event.Status.PUBLISHED,
            visibility=Event.Visibility.UNLISTED if options["unlisted"] else Event.Visibility.PUBLIC,
            published_at=start - timedelta(days=1),
            confirmed_count=len(people),
            collective=Collective.objects.get(slug=options["collective"]) if options["collective"] else None,
        )
        for person in people:
            Participation.objects.create(event=event, user=person, status=Participation.Status.CONFIRMED)
        self.stdout.write(str(event.id))
