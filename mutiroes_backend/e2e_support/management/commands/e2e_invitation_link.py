"""The link of the open invitation sent to an e-mail address, as its e-mail carries it, for the
browser tests (which read no mailbox). Test-only: the app is installed only with E2E_SUPPORT=1.

    manage.py e2e_invitation_link --email convidada@x   → /coletivos/convite?token=…
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandParser

from mutiroes.collectives.models import Invitation
from mutiroes.collectives.services import invitation_link


class Command(BaseCommand):
    help = "Print the path of the open invitation sent to an e-mail address (test-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        invitation = Invitation.objects.get(
            email__iexact=options["email"], accepted_at__isnull=True, revoked_at__isnull=True
        )
        link = urlsplit(invitation_link(invitation))
        self.stdout.write(f"{link.path}?{link.query}")
