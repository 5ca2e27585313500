"""HTTP for mutirões and participation. Views translate; services and selectors decide."""

import csv
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.cache import generational_get, generational_set
from mutiroes.core.schema import errors
from mutiroes.core.serializers import represent
from mutiroes.core.spreadsheet import csv_cell
from mutiroes.core.throttling import prefetched
from mutiroes.core.views import ImageUploadView, image_upload_schema
from mutiroes.events import list_output, rules, selectors, services
from mutiroes.events.ics import calendar_render, series_calendar_render
from mutiroes.events.serializers import (
    CategoryOutputSerializer,
    CheckInInputSerializer,
    CheckOutInputSerializer,
    CoOrganizerAddInputSerializer,
    CoOrganizerOutputSerializer,
    EventCancelInputSerializer,
    EventCreateInputSerializer,
    EventDetailOutputSerializer,
    EventInputSerializer,
    EventListFilterSerializer,
    EventOutputSerializer,
    EventUpdateScopeSerializer,
    JoinInputSerializer,
    MyEventsOutputSerializer,
    NoShowInputSerializer,
    ParticipantFilterSerializer,
    ParticipantRowOutputSerializer,
    ParticipationOutputSerializer,
    RejectInputSerializer,
    SeriesCreateInputSerializer,
    SeriesJoinAllOutputSerializer,
    SeriesOutputSerializer,
)
from mutiroes.events.services import series as series_services
from mutiroes.users import selectors as user_selectors
from mutiroes.users.authentication import user_row
from mutiroes.users.requests import SignedInRequest


def _detail_response(request: Request, event_id: int, *, status_code: int = 200) -> Response:
    event = selectors.event_get_visible(event_id=event_id, user=request.user)
    can_manage = rules.can_manage(event=event, user=request.user)
    mine = event.my_participation  # type: ignore[attr-defined]  # annotated by selectors.with_my_participation
    own = selectors.participation_get_own(event=event, user=request.user) if mine else None
    context = {
        "request": request,
        "user": request.user if request.user.is_authenticated else None,
        "can_manage": can_manage,
        "own_participation": own,
        "now": timezone.now(),
    }
    data = EventDetailOutputSerializer(event, context=context).data
    return Response(data, status=status_code)


class CategoryListView(GenericAPIView):
    permission_classes = [AllowAny]
    pagination_class = None
    serializer_class = CategoryOutputSerializer

    @extend_schema(responses={200: CategoryOutputSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(CategoryOutputSerializer(selectors.category_list(), many=True).data)


# Accept headers for which DRF renders the listing as plain JSON (its only renderer): the bytes
# cached for one such request are what DRF would render for any other.
_PLAIN_JSON_ACCEPTS = frozenset({"", "*/*", "application/*", "application/json"})


def _shared_listing_request(request: HttpRequest) -> bool:
    """An anonymous GET whose answer is the same for everyone (no credentials, plain JSON)."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    accept = request.META.get("HTTP_ACCEPT", "")
    return all(part.strip() in _PLAIN_JSON_ACCEPTS for part in accept.split(","))


_FILTER_NAMES = frozenset(EventListFilterSerializer._declared_fields)
# Filters already validated, by what the query gives for each filter and the zone a date without
# an offset is read in: validating them was a tenth of a nearby search's CPU, and the same few
# searches (a city's, a shared link's) come again and again. The answer depends on nothing else
# (no query, no user, no clock); a refusal is not remembered (its message is in the request's
# language). Bounded: emptied when full.
_VALIDATED_FILTERS_MAX = 256
_validated_filters: dict[tuple[Any, ...], dict[str, Any]] = {}


def _list_filters(request: Request) -> dict[str, Any]:
    """The listing's validated filters; none given (the first page, `page`, `page_size`) is
    what the serializer validates to without building its fields: nothing."""
    params = request.query_params
    given = tuple((name, tuple(params.getlist(name))) for name in sorted(_FILTER_NAMES.intersection(params)))
    if not given:
        return {}
    key = (timezone.get_current_timezone_name(), given)
    validated = _validated_filters.get(key)
    if validated is None:
        filters = EventListFilterSerializer(data=params)
        filters.is_valid(raise_exception=True)
        validated = dict(filters.validated_data)
        if len(_validated_filters) >= _VALIDATED_FILTERS_MAX:
            _validated_filters.clear()
        _validated_filters[key] = validated
    return dict(validated)


class _CallerId:
    """A signed-in caller known by id alone: what `selectors.event_list` reads of a user."""

    is_authenticated = True

    def __init__(self, pk: int) -> None:
        self.pk = pk


class EventListCreateView(GenericAPIView):
    serializer_class = EventOutputSerializer
    list_filters: selectors.EventFilters | None = None  # validated once per request

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Anonymous pages are the same for everyone: their rendered bytes are shared by all
        replicas through Redis and a hit is answered here, before DRF's request cycle (nginx's
        per-address limit stands in for the anonymous throttle). Any change a listing shows
        bumps the listing generation, which turns every cached page into a miss."""
        if not _shared_listing_request(request):
            return super().dispatch(request, *args, **kwargs)
        key = selectors.event_list_cache_key(request.get_full_path())
        generation, cached = generational_get(selectors.LISTING_GENERATION, key)
        if cached is not None:
            request.user = AnonymousUser()  # what DRF would set: no session lookup for the log line
            body, headers = cached
            hit = HttpResponse(body)
            for name, value in headers:
                hit[name] = value
            return hit
        response = super().dispatch(request, *args, **kwargs)
        if generation is not None and response.status_code == 200 and isinstance(response, Response):
            response.render()
            headers = [(name, value) for name, value in response.items()]
            generational_set(
                key, (response.content, headers), generation=generation, timeout=selectors.EVENT_LIST_CACHE_SECONDS
            )
        return response

    @extend_schema(
        parameters=[EventListFilterSerializer],
        responses={200: EventOutputSerializer(many=True), **errors(400)},
    )
    def get(self, request: Request) -> Response:
        list_filters = self.list_filters or selectors.EventFilters(**_list_filters(request))
        self.list_filters = list_filters
        user = request.user
        user_id = user.pk if user.is_authenticated else None

        shape, shape_filters, numbers = selectors.event_list_shape(list_filters)

        def build(placeholders: bool) -> Any:
            caller_id = list_output.SENTINEL_USER_ID if placeholders and user_id is not None else user_id
            caller: Any = AnonymousUser() if caller_id is None else _CallerId(caller_id)
            filters = shape_filters if placeholders else list_filters
            return list_output.event_rows(selectors.event_list(filters=filters, user=caller))

        # The page's SQL is compiled once per shape of listing (see `list_output.PageRows`).
        page = list_output.PageRows(build, shape=shape, user_id=user_id, numbers=numbers)
        # What EventOutputSerializer writes, built from plain rows (see `list_output`).
        rows: list[dict[str, Any]] | None = self.paginate_queryset(page)  # type: ignore[arg-type]  # sliceable
        return self.get_paginated_response(list_output.event_list_output(rows or []))

    def paginated_count(self, queryset: Any) -> int:
        """The page's `count`, shared by everyone (see the pagination class)."""
        assert self.list_filters is not None
        return selectors.event_list_count(
            filters=self.list_filters, queryset=queryset, prefetched=prefetched(self.request)
        )

    def prefetch_cache_keys(self, request: Request) -> list[str]:
        """The page count's cache keys, read in the token check's Redis round trip (see
        `core.throttling.WindowCounter`) instead of a round trip of their own. The filters are
        validated here, before the authentication has decided: invalid ones read nothing and
        are refused by `get` as before, after the checks that come first (401, 429)."""
        if request.method != "GET":
            return []
        try:
            self.list_filters = selectors.EventFilters(**_list_filters(request))
        except ValidationError:
            return []
        return selectors.event_list_count_keys(self.list_filters)

    @extend_schema(
        request=EventCreateInputSerializer,
        responses={201: EventDetailOutputSerializer, **errors(400, 401)},
    )
    def post(self, request: SignedInRequest) -> Response:
        serializer = EventCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        publish = data.pop("status", "draft") == "published"
        event = services.event_create(organizer=request.user, data=data, publish=publish)
        return _detail_response(request, event.id, status_code=status.HTTP_201_CREATED)


class EventDetailView(APIView):
    @extend_schema(responses={200: EventDetailOutputSerializer, **errors(404)})
    def get(self, request: Request, event_id: int) -> Response:
        return _detail_response(request, event_id)

    @extend_schema(
        parameters=[EventUpdateScopeSerializer],
        request=EventInputSerializer(partial=True),
        responses={200: EventDetailOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: SignedInRequest, event_id: int) -> Response:
        scope = EventUpdateScopeSerializer(data=request.query_params)
        scope.is_valid(raise_exception=True)
        serializer = EventInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if scope.validated_data["scope"] == "following":
            series_services.series_update_following(event_id=event_id, user=request.user, data=data)
        else:
            services.event_update(event_id=event_id, user=request.user, data=data)
        return _detail_response(request, event_id)

    @extend_schema(responses={204: None, **errors(401, 403, 404, 409)})
    def delete(self, request: SignedInRequest, event_id: int) -> Response:
        services.event_delete(event_id=event_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EventCoverView(ImageUploadView):
    """The mutirão's cover image: multipart upload, checked by content, metadata stripped."""

    @image_upload_schema(EventDetailOutputSerializer, 403, 404)
    def put(self, request: SignedInRequest, event_id: int) -> Response:
        services.event_cover_set(event_id=event_id, user=request.user, **self.uploaded_image(request))
        return _detail_response(request, event_id)

    @extend_schema(responses={200: EventDetailOutputSerializer, **errors(401, 403, 404)})
    def delete(self, request: SignedInRequest, event_id: int) -> Response:
        services.event_cover_delete(event_id=event_id, user=request.user)
        return _detail_response(request, event_id)


class EventPublishView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: EventDetailOutputSerializer, **errors(400, 401, 403, 404, 409)})
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        services.event_publish(event_id=event_id, user=request.user)
        return _detail_response(request, event_id)


class EventCheckInCodeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: EventDetailOutputSerializer, **errors(401, 403, 404)})
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        """A new check-in code for the mutirão; the old one stops working."""
        services.event_checkin_code_rotate(event_id=event_id, user=request.user)
        return _detail_response(request, event_id)


class EventCancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=EventCancelInputSerializer,
        responses={200: EventDetailOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = EventCancelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data.get("reason", "")
        if serializer.validated_data.get("scope") == "following":
            series_services.series_cancel_following(event_id=event_id, user=request.user, reason=reason)
        else:
            services.event_cancel(event_id=event_id, user=request.user, reason=reason)
        return _detail_response(request, event_id)


class EventJoinView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=JoinInputSerializer,
        responses={201: ParticipationOutputSerializer, **errors(400, 401, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = JoinInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The user row is read before the service locks the mutirão, not while holding the lock.
        participation = services.participation_join(
            event_id=event_id, user=user_row(request.user), **serializer.validated_data
        )
        return Response(represent(ParticipationOutputSerializer, participation), status=status.HTTP_201_CREATED)


class EventLeaveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ParticipationOutputSerializer, **errors(400, 401, 404, 409)})
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        participation = services.participation_leave(event_id=event_id, user=request.user)
        return Response(ParticipationOutputSerializer(participation).data)


class EventSelfCheckInView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=CheckInInputSerializer,
        responses={200: ParticipationOutputSerializer, **errors(400, 401, 404, 409, 429)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = CheckInInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participation = services.participation_self_check_in(
            event_id=event_id, user=request.user, code=serializer.validated_data["code"]
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ParticipantRowOutputSerializer

    @extend_schema(
        parameters=[ParticipantFilterSerializer],
        responses={200: ParticipantRowOutputSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = selectors.event_get_managed(event_id=event_id, user=request.user)
        filters = ParticipantFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.participant_list(event=event, **filters.validated_data))
        context = {"event": event, "now": timezone.now()}
        return self.get_paginated_response(ParticipantRowOutputSerializer(page, many=True, context=context).data)


class ParticipantCsvView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR, **errors(401, 403, 404)})
    def get(self, request: Request, event_id: int) -> HttpResponse:
        event = selectors.event_get_managed(event_id=event_id, user=request.user)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="mutirao-{event.id}-participantes.csv"'
        # For Excel in Brazil: a BOM so it reads UTF-8, ";" because "," is the decimal comma there,
        # hours written "2,50".
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _("Name"),
                _("Status"),
                _("Emergency contact"),
                _("Notes"),
                _("Code"),
                _("Signed up"),
                _("Check-in"),
                _("Check-out"),
                _("Hours"),
                _("Absent"),
                _("Term of responsibility"),
                _("Image use"),
                _("Guardian's consent"),
                _("Consent version"),
            ]
        )
        for participation in selectors.participant_list(event=event).iterator(chunk_size=500):
            writer.writerow(
                csv_cell(value)
                for value in (
                    participation.user.name,
                    participation.get_status_display(),
                    participation.emergency_contact,
                    participation.notes,
                    participation.code,
                    _local(participation.created_at),
                    _local(participation.checked_in_at),
                    _local(participation.checked_out_at),
                    str(participation.hours).replace(".", ",") if participation.hours is not None else "",
                    _("Yes") if participation.no_show else "",
                    _local(participation.waiver_accepted_at),
                    _local(participation.image_consent_at),
                    f"{participation.guardian_name} ({_local(participation.guardian_consent_at)})"
                    if participation.guardian_consent_at
                    else "",
                    participation.consent_version,
                )
            )
        return response


def _local(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


class ParticipantApproveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ParticipationOutputSerializer, **errors(401, 403, 404, 409)})
    def post(self, request: SignedInRequest, event_id: int, participation_id: int) -> Response:
        participation = services.participation_approve(
            event_id=event_id, participation_id=participation_id, user=request.user
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantRejectView(APIView):
    """Decline a request, or remove someone signed up; the optional reason is told to them."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=RejectInputSerializer, responses={200: ParticipationOutputSerializer, **errors(400, 401, 403, 404, 409)}
    )
    def post(self, request: SignedInRequest, event_id: int, participation_id: int) -> Response:
        serializer = RejectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participation = services.participation_reject(
            event_id=event_id,
            participation_id=participation_id,
            user=request.user,
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantRestoreView(APIView):
    """Undo a rejection: a seat if there is one, else the waitlist."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ParticipationOutputSerializer, **errors(401, 403, 404, 409)})
    def post(self, request: SignedInRequest, event_id: int, participation_id: int) -> Response:
        participation = services.participation_restore(
            event_id=event_id, participation_id=participation_id, user=request.user
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantNoShowView(APIView):
    """Mark a confirmed participant absent (`no_show: false` undoes it)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=NoShowInputSerializer, responses={200: ParticipationOutputSerializer, **errors(400, 401, 403, 404, 409)}
    )
    def post(self, request: SignedInRequest, event_id: int, participation_id: int) -> Response:
        serializer = NoShowInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participation = services.participation_no_show_set(
            event_id=event_id,
            participation_id=participation_id,
            user=request.user,
            no_show=serializer.validated_data.get("no_show", True),
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantCheckInView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ParticipationOutputSerializer, **errors(400, 401, 403, 404, 409)})
    def post(self, request: SignedInRequest, event_id: int, participation_id: int) -> Response:
        participation = services.participation_check_in(
            event_id=event_id, participation_id=participation_id, user=request.user
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantCheckInByCodeView(APIView):
    """The organizer scans a participant's QR code (or types its short code)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="events_participants_check_in_by_code",
        request=CheckInInputSerializer,
        responses={200: ParticipationOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = CheckInInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participation = services.participation_check_in(
            event_id=event_id, user=request.user, code=serializer.validated_data["code"]
        )
        return Response(ParticipationOutputSerializer(participation).data)


class ParticipantCheckOutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=CheckOutInputSerializer,
        responses={200: ParticipationOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int, participation_id: int) -> Response:
        serializer = CheckOutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participation = services.participation_check_out(
            event_id=event_id,
            participation_id=participation_id,
            user=request.user,
            hours=serializer.validated_data.get("hours"),
        )
        return Response(ParticipationOutputSerializer(participation).data)


class EventCalendarView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR, **errors(404)})
    def get(self, request: Request, event_id: int) -> HttpResponse:
        event = selectors.event_get_visible(event_id=event_id, user=request.user)
        response = HttpResponse(calendar_render([event], name=event.title), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="mutirao-{event.id}.ics"'
        return response


# ---------------------------------------------------------------- co-organizers
def _co_organizers_response(event_id: int, request: Request, *, status_code: int = 200) -> Response:
    event = selectors.event_get_managed(event_id=event_id, user=request.user)
    people = [{"id": u.id, "name": u.name, "email": u.email} for u in selectors.co_organizer_list(event=event)]
    return Response(CoOrganizerOutputSerializer(people, many=True).data, status=status_code)


class CoOrganizerListView(APIView):
    """A mutirão's co-organizers: seen by those who manage it, changed by its organizer."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: CoOrganizerOutputSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request: Request, event_id: int) -> Response:
        return _co_organizers_response(event_id, request)

    @extend_schema(
        request=CoOrganizerAddInputSerializer,
        responses={201: CoOrganizerOutputSerializer(many=True), **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = CoOrganizerAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.event_co_organizer_add(event_id=event_id, user=request.user, email=serializer.validated_data["email"])
        return _co_organizers_response(event_id, request, status_code=status.HTTP_201_CREATED)


class CoOrganizerDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: SignedInRequest, event_id: int, user_id: int) -> Response:
        services.event_co_organizer_remove(event_id=event_id, user=request.user, co_organizer_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- recurring series
def _series_response(request: Request, series_id: int, *, status_code: int = 200) -> Response:
    series = selectors.series_get_visible(series_id=series_id, user=request.user)
    user = request.user if request.user.is_authenticated else None
    context = {
        "user": user,
        "can_manage": bool(series.origin and rules.can_manage(event=series.origin, user=request.user)),
        "subscribed": selectors.series_is_subscribed(series=series, user=request.user),
        "occurrences": selectors.series_occurrences(series=series),
    }
    return Response(SeriesOutputSerializer(series, context=context).data, status=status_code)


class EventSeriesCreateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=SeriesCreateInputSerializer,
        responses={201: SeriesOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        """Make this published mutirão the first of a recurring series; the next ones are created ahead."""
        serializer = SeriesCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        series = series_services.series_create(event_id=event_id, user=request.user, **serializer.validated_data)
        return _series_response(request, series.id, status_code=status.HTTP_201_CREATED)


class SeriesDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: SeriesOutputSerializer, **errors(404)})
    def get(self, request: Request, series_id: int) -> Response:
        return _series_response(request, series_id)


class SeriesJoinAllView(APIView):
    """ "Participar de todos": every upcoming occurrence now, and each new one as it is created."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: SeriesJoinAllOutputSerializer, **errors(400, 401, 404, 409)})
    def post(self, request: SignedInRequest, series_id: int) -> Response:
        joined = series_services.series_join_all(series_id=series_id, user=request.user)
        return Response(SeriesJoinAllOutputSerializer({"joined": joined}).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, **errors(401, 404, 409)})
    def delete(self, request: SignedInRequest, series_id: int) -> Response:
        """Stop joining new occurrences (the ones already joined stay)."""
        series_services.series_leave_all(series_id=series_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SeriesCalendarView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR, **errors(404)})
    def get(self, request: Request, series_id: int) -> HttpResponse:
        series = selectors.series_get_visible(series_id=series_id, user=request.user)
        body = series_calendar_render(
            series, selectors.series_occurrences(series=series), name=series.template["title"]
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="serie-{series.id}.ics"'
        return response


class MeEventsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MyEventsOutputSerializer, **errors(401)})
    def get(self, request: SignedInRequest) -> Response:
        events = selectors.user_events(user=request.user)
        return Response(MyEventsOutputSerializer(events, context={"request": request}).data)


class MeCalendarView(APIView):
    """The personal calendar feed; the secret token in the URL is the credential."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={(200, "text/calendar"): OpenApiTypes.STR, **errors(404)},
        auth=[],
    )
    def get(self, request: Request) -> HttpResponse:
        user = user_selectors.user_get_by_calendar_token(token=request.query_params.get("token", ""))
        body = calendar_render(selectors.user_confirmed_events(user=user), name=_("My mutirões"))
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")
