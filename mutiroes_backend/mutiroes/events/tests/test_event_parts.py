"""A mutirão's parts (resources, comments, photos, litter reports, waste, share data, report) check that the caller may
see the mutirão with `selectors.event_get_seen`: one plain row, not the detail page's query. The
answers are the same as with the detail page's `event_get_visible`, and visibility is unchanged."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mutiroes.community import views as community_views
from mutiroes.community.models import Comment, Photo, Pledge, Resource
from mutiroes.custody import views as custody_views
from mutiroes.events import selectors
from mutiroes.events.models import Event, Participation
from mutiroes.impact import selectors as impact_selectors
from mutiroes.impact.models import CO2eFactorSet, ImpactReport
from mutiroes.litter import views as litter_views
from mutiroes.sharing import views as sharing_views

PARTS = ("resources/", "comments/", "photos/", "litter-reports/", "waste/", "share/")
PAGED = {"resources/", "comments/", "photos/"}


def _url(event: Event, part: str) -> str:
    return f"/api/events/{event.id}/{part}" + ("?page=1&page_size=100" if part in PAGED else "")


@pytest.fixture
def full_event(make_event, make_user) -> Event:
    event = make_event()
    people = [make_user() for _ in range(3)]
    for person in people:
        Participation.objects.create(event=event, user=person, status=Participation.Status.CONFIRMED)
    for n in range(2):
        resource = Resource.objects.create(event=event, name=f"Luvas {n}", quantity_needed=10, unit="pares")
        for person in people[: n + 1]:
            Pledge.objects.create(resource=resource, user=person, quantity=2)
    top = Comment.objects.create(event=event, author=people[0], body="Vou levar sacos.")
    Comment.objects.create(event=event, author=people[1], parent=top, body="Eu também.")
    Comment.objects.create(event=event, author=people[2], body="escondido", is_hidden=True)
    for n, person in enumerate(people):
        Photo.objects.create(
            event=event,
            uploaded_by=person,
            image=f"photos/p{n}.jpg",
            stage=Photo.Stage.choices[0][0],
            content_type="image/jpeg",
            width=10,
            height=10,
            size_bytes=100,
            is_hidden=n == 2,
        )
    return event


@pytest.fixture
def with_detail_selector(monkeypatch) -> Callable[[], None]:
    """The views as they were: the detail page's selector for the visibility check."""

    def use() -> None:
        def detail_selector(*, event_id: int, user, related: tuple[str, ...] = ()) -> Event:
            return selectors.event_get_visible(event_id=event_id, user=user)

        for module in (community_views, litter_views, custody_views, sharing_views, impact_selectors):
            monkeypatch.setattr(module, "event_get_seen", detail_selector)

    return use


@pytest.mark.parametrize("part", PARTS)
def test_same_answer_as_with_the_detail_selector(api, client_for, staff, full_event, with_detail_selector, part):
    url = _url(full_event, part)
    clients = {"anonymous": api, "staff": client_for(staff), "organizer": client_for(full_event.organizer)}
    now = {name: (c.get(url).status_code, c.get(url).content) for name, c in clients.items()}
    with_detail_selector()
    before = {name: (c.get(url).status_code, c.get(url).content) for name, c in clients.items()}
    assert now == before
    assert all(status == 200 for status, _ in now.values())


@pytest.mark.parametrize("part", PARTS)
def test_visibility_unchanged(api, client_for, make_user, make_event, part):
    draft = make_event(status=Event.Status.DRAFT)
    unlisted = make_event(visibility=Event.Visibility.UNLISTED)
    public = make_event()
    member = make_user()
    Participation.objects.create(event=unlisted, user=member, status=Participation.Status.CONFIRMED)
    stranger = client_for(make_user())
    assert api.get(_url(draft, part)).status_code == 404
    assert stranger.get(_url(draft, part)).status_code == 404
    assert client_for(draft.organizer).get(_url(draft, part)).status_code == 200
    assert api.get(_url(unlisted, part)).status_code == 404
    assert api.get(_url(unlisted, part), HTTP_X_SHARE_TOKEN=public.share_token).status_code == 404
    assert api.get(_url(unlisted, part), HTTP_X_SHARE_TOKEN=unlisted.share_token).status_code == 200
    assert stranger.get(_url(unlisted, part)).status_code == 404
    assert client_for(member).get(_url(unlisted, part)).status_code == 200
    assert api.get(_url(public, part)).status_code == 200
    assert api.get(f"/api/events/999999/{part}").status_code == 404


@pytest.mark.parametrize("part", PARTS)
def test_the_visibility_check_is_one_plain_query(api, full_event, part):
    with CaptureQueriesContext(connection) as ctx:
        assert api.get(_url(full_event, part)).status_code == 200
    event_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "events_event"' in q["sql"]]
    assert len(event_queries) == 1
    joins = event_queries[0].count("JOIN")
    assert joins == (1 if part == "share/" else 0)  # the share card's category
    assert "events_participation" not in event_queries[0]


def test_report_same_answer_and_visibility(api, client_for, make_event, with_detail_selector):
    """Public once the mutirão is completed; before that, its organizers only."""
    ended = timezone.now() - timedelta(days=1)
    completed = make_event(start=ended - timedelta(hours=3), end=ended, status=Event.Status.COMPLETED)
    running = make_event(start=timezone.now() - timedelta(hours=1))
    draft = make_event(status=Event.Status.DRAFT)
    for event in (completed, running, draft):
        ImpactReport.objects.create(
            event=event, factor_set=CO2eFactorSet.objects.get(is_current=True), filed_by=event.organizer
        )
    organizer = client_for(completed.organizer)

    def answers() -> list[tuple[int, bytes]]:
        return [
            (c.get(f"/api/events/{e.id}/report/").status_code, c.get(f"/api/events/{e.id}/report/").content)
            for c in (api, organizer)
            for e in (completed, running, draft)
        ]

    now = answers()
    assert [status for status, _ in now] == [200, 404, 404, 200, 200, 200]
    with_detail_selector()
    assert answers() == now
