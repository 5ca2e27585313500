"""The browser tests' seed (e2e_support, installed only with E2E_SUPPORT=1): a mutirão already running."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from e2e_support.management.commands.e2e_mutirao import Command
from mutiroes.events import rules
from mutiroes.events.models import Event, Participation

pytestmark = pytest.mark.django_db


def test_seeds_a_mutirao_that_started_with_its_participants(organizer, user, category):
    out = io.StringIO()
    call_command(
        Command(),
        organizer=organizer.email,
        title="Já começou",
        started_minutes_ago=30,
        minutes=180,
        confirmed=[user.email],
        stdout=out,
    )
    event = Event.objects.get(pk=int(out.getvalue()))
    assert (event.title, event.status, event.organizer_id, event.confirmed_count) == (
        "Já começou",
        Event.Status.PUBLISHED,
        organizer.id,
        1,
    )
    assert timezone.now() - timedelta(minutes=31) < event.start < timezone.now() - timedelta(minutes=29)
    assert event.end - event.start == timedelta(minutes=180)
    assert list(Participation.objects.values_list("user_id", "status")) == [(user.id, "confirmed")]
    assert rules.checkin_window_open(event, now=timezone.now())
    assert "e2e_support" not in settings.INSTALLED_APPS  # test-only: installed with E2E_SUPPORT=1


def test_seeds_a_mutirao_of_a_collective_and_prints_an_invitation_link(organizer, category):
    from e2e_support.management.commands.e2e_invitation_link import Command as LinkCommand
    from mutiroes.collectives import services as collectives

    collective = collectives.collective_create(
        user=organizer, data={"name": "Coletivo E2E", "city": "Rio", "state": "RJ"}
    )
    out = io.StringIO()
    call_command(
        Command(),
        organizer=organizer.email,
        title="Do coletivo",
        started_minutes_ago=5,
        minutes=60,
        collective=collective.slug,
        stdout=out,
    )
    assert Event.objects.get(pk=int(out.getvalue())).collective_id == collective.id
    invitation = collectives.invitation_create(
        slug=collective.slug, user=organizer, email="c@exemplo.com.br", role="organizer"
    )
    out = io.StringIO()
    call_command(LinkCommand(), email="C@exemplo.com.br", stdout=out)
    assert out.getvalue().strip() == f"/coletivos/convite?token={collectives.invitation_token(invitation)}"
