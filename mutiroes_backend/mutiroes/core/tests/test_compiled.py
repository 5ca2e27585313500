"""SQL compiled once (`core/compiled.py`) is the ORM's SQL, and gives the ORM's rows and counts;
the join's shared output serializer and its input fields answer as DRF's own instances do."""

import copy
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from mutiroes.core.compiled import CompiledRow
from mutiroes.core.serializers import InputSerializer, represent
from mutiroes.events.models import Event, Participation
from mutiroes.events.serializers import JoinInputSerializer, ParticipationOutputSerializer
from mutiroes.events.services import participation as participation_services
from mutiroes.notifications import selectors as notification_selectors
from mutiroes.notifications.models import NotificationPreference
from mutiroes.users import selectors as user_selectors
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db
Status = Participation.Status


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def _orm_sql(queryset) -> str:
    with CaptureQueriesContext(connection) as ctx:
        list(queryset)
    (query,) = ctx.captured_queries
    return query["sql"]


def _compiled_sql(compiled, **values) -> str:
    with CaptureQueriesContext(connection) as ctx:
        compiled.first(**values)
    (query,) = ctx.captured_queries
    return query["sql"]


def test_the_join_reads_run_the_orm_sql_and_give_its_rows(make_event, make_user):
    event = make_event(requires_waiver=True, min_age=16)
    person = make_user(birth_date=timezone.localdate() - timedelta(days=365 * 30))
    Participation.objects.create(
        event=event, user=person, status=Status.CONFIRMED, hours=Decimal("2.50"), waiver_accepted_at=timezone.now()
    )
    NotificationPreference.objects.create(user=person, kind="confirmed", in_app=True, email=False)
    cases = [
        (participation_services._EVENT_ROW, {"event_id": event.pk}, Event.objects.filter(pk=event.pk).order_by()[:1]),
        (
            participation_services._PARTICIPATION_ROW,
            {"event_id": event.pk, "user_id": person.pk},
            Participation.objects.filter(event=event, user=person).order_by()[:1],
        ),
        (user_selectors._USER_ROW, {"user_id": person.pk}, User.objects.filter(pk=person.pk).order_by()[:1]),
        (
            notification_selectors._PREFERENCE_ROW,
            {"user_id": person.pk, "kind": "confirmed"},
            NotificationPreference.objects.filter(user_id=person.pk, kind="confirmed").order_by()[:1],
        ),
    ]
    for compiled, values, queryset in cases:
        assert compiled.sql(**values) is not None  # cached, not the ORM fallback
        assert _compiled_sql(compiled, **values) == _orm_sql(queryset)
        found = compiled.first(**values)
        (expected,) = list(queryset)
        assert type(found) is type(expected)
        assert _fields(found) == _fields(expected)
        assert found._state.db == expected._state.db and found._state.adding is False


def test_a_missing_row_is_none_and_a_huge_id_too(make_event):
    event = make_event()
    assert participation_services._EVENT_ROW.first(event_id=event.pk + 1000) is None
    assert participation_services._EVENT_ROW.first(event_id=2**70) is None  # the ORM answers it without SQL
    assert user_selectors.user_by_id(10**9) is None
    with pytest.raises(User.DoesNotExist) as compiled_error:
        user_selectors.user_get(10**9)
    with pytest.raises(User.DoesNotExist) as orm_error:
        User.objects.get(pk=10**9)
    assert str(compiled_error.value) == str(orm_error.value)


def test_a_huge_event_id_is_404_on_the_join(make_user, client_for):
    response = client_for(make_user()).post(f"/api/events/{2**70}/join/", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_a_query_that_cannot_be_cached_runs_through_the_orm(make_event):
    event = make_event()
    compiled = CompiledRow(lambda event_id: Event.objects.select_related("category").filter(pk=event_id), event_id=int)
    assert compiled.sql(event_id=event.pk) is None
    assert compiled.first(event_id=event.pk).category.slug == event.category.slug
    constant = CompiledRow(lambda event_id: Event.objects.filter(pk=event.pk), event_id=int)  # slot unused
    assert constant.sql(event_id=1) is None
    assert constant.first(event_id=1).pk == event.pk


@pytest.mark.parametrize("status", [Status.CONFIRMED, Status.WAITLISTED, Status.PENDING])
def test_the_counters_update_is_the_orm_update(status, make_event):
    now = timezone.now()
    compiled = participation_services._TAKE_PLACE[status]
    counters = ["confirmed_count", "waitlist_count", "pending_count", "updated_at"]
    for capacity, approval, confirmed in [(5, False, 0), (1, False, 1), (5, True, 0)]:
        event = make_event(capacity=capacity, requires_approval=approval)
        Event.objects.filter(pk=event.pk).update(confirmed_count=confirmed)
        before = _fields(Event.objects.get(pk=event.pk))
        queryset, values = participation_services._places(status, event_id=event.pk, now=now)
        with CaptureQueriesContext(connection) as ctx:
            expected = queryset.update(**values)
        (orm_query,) = ctx.captured_queries
        after_orm = _fields(Event.objects.get(pk=event.pk))
        Event.objects.filter(pk=event.pk).update(**{name: before[name] for name in counters})
        assert compiled.sql(event_id=event.pk, now=now) is not None
        with CaptureQueriesContext(connection) as ctx:
            assert compiled.run(event_id=event.pk, now=now) == expected
        (compiled_query,) = ctx.captured_queries
        assert compiled_query["sql"] == orm_query["sql"]
        assert _fields(Event.objects.get(pk=event.pk)) == after_orm


def test_the_shared_output_serializer_writes_what_drf_writes(make_event, make_user):
    now = timezone.now()
    minor = make_user(birth_date=timezone.localdate() - timedelta(days=365 * 15), display_name="Bia")
    rows = [
        Participation.objects.create(event=make_event(), user=make_user(), status=Status.CONFIRMED),
        Participation.objects.create(
            event=make_event(requires_waiver=True, asks_image_consent=True),
            user=minor,
            status=Status.WAITLISTED,
            waitlisted_at=now,
            notes="Asma",
            emergency_contact="Mãe",
            consent_version="2026-11",
            waiver_accepted_at=now,
            image_consent_at=now,
            guardian_consent_at=now,
            guardian_name="Maria Souza",
        ),
        Participation.objects.create(
            event=make_event(),
            user=make_user(),
            status=Status.CONFIRMED,
            checked_in_at=now,
            checked_out_at=now + timedelta(hours=2),
            hours=Decimal("2.25"),
        ),
        Participation.objects.create(event=make_event(), user=make_user(), status=Status.CONFIRMED, no_show=True),
        Participation.objects.create(
            event=make_event(requires_approval=True), user=make_user(), status=Status.REJECTED, rejection_reason="Lotou"
        ),
    ]
    renderer = JSONRenderer()
    for _ in range(2):  # the second time from the serializer already built
        for row in rows:
            assert renderer.render(represent(ParticipationOutputSerializer, row)) == renderer.render(
                ParticipationOutputSerializer(row).data
            )


# The join's input as it was: the same fields, deep-copied by DRF for every instance.
_DeepCopiedJoinInput = type(
    "_DeepCopiedJoinInput", (InputSerializer,), copy.deepcopy(dict(JoinInputSerializer._declared_fields))
)


BODIES = [
    {},
    {"notes": "Asma", "emergency_contact": "Mãe", "accept_waiver": True, "image_consent": False},
    {"guardian_consent": True, "guardian_name": "  Maria Souza  "},
    {"notes": "x" * 1001},
    {"emergency_contact": "y" * 201, "guardian_name": "z" * 201},
    {"accept_waiver": "true", "notes": 5},
    {"notes": None, "guardian_consent": None},
    {"notes": "nul\x00", "guardian_name": ""},
    {"unknown": 1},
    [],
    "texto",
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_the_join_input_validates_as_with_deep_copied_fields(body):
    for _ in range(2):
        shared, plain = JoinInputSerializer(data=body), _DeepCopiedJoinInput(data=body)
        assert shared.is_valid() == plain.is_valid()
        assert shared.errors == plain.errors
        if not shared.errors:
            assert shared.validated_data == plain.validated_data
