"""HTTP for field mode. Views translate; services and selectors decide."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.schema import errors
from mutiroes.field import selectors, services
from mutiroes.field.serializers import (
    AttendanceOperationInputSerializer,
    AttendanceResultOutputSerializer,
    RollCallOutputSerializer,
    RollCallParticipantInputSerializer,
)
from mutiroes.users.requests import SignedInRequest

REPLAYED_HEADER = "Idempotent-Replayed"


class AttendanceOperationView(APIView):
    """A check-in or check-out made on a device, maybe offline, sent with the device's key."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="events_attendance_apply",
        request=AttendanceOperationInputSerializer,
        responses={
            200: OpenApiResponse(
                AttendanceResultOutputSerializer,
                description="Applied, or the kept answer of the first request with this key "
                f"(then with `{REPLAYED_HEADER}: true`). A refusal by the rules (409, 404, 400) is "
                "kept and replayed the same way.",
            ),
            **errors(400, 401, 403, 404, 409, 422),
        },
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = AttendanceOperationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        outcome = services.attendance_operation_apply(
            event_id=event_id,
            user=request.user,
            key=data["key"],
            action=data["action"],
            occurred_at=data["occurred_at"],
            participation_id=data.get("participation_id"),
            code=data.get("code"),
            hours=data.get("hours"),
        )
        response = Response(outcome.body, status=outcome.status_code)
        response[REPLAYED_HEADER] = "true" if outcome.replayed else "false"
        return response


def _roll_call_response(request: SignedInRequest, event_id: int) -> Response:
    state = selectors.roll_call_get(event_id=event_id, user=request.user, now=timezone.now())
    return Response(RollCallOutputSerializer(state, context={"missing_since": state.missing_since}).data)


class RollCallView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: RollCallOutputSerializer, **errors(401, 403, 404)})
    def get(self, request: SignedInRequest, event_id: int) -> Response:
        """Who checked in and has not checked out (flagged missing first), for those who manage."""
        return _roll_call_response(request, event_id)


class RollCallAllBackView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: RollCallOutputSerializer, **errors(401, 403, 404, 409)})
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        """ "Todos voltaram": checks out everyone still out and closes the roll call."""
        services.roll_call_all_back(event_id=event_id, user=request.user)
        return _roll_call_response(request, event_id)


class RollCallMissingView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=RollCallParticipantInputSerializer,
        responses={200: RollCallOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        """Flag someone still out as missing: the other organizers are notified at once."""
        serializer = RollCallParticipantInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.roll_call_missing_report(
            event_id=event_id, participation_id=serializer.validated_data["participation_id"], user=request.user
        )
        return _roll_call_response(request, event_id)


class RollCallFoundView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=RollCallParticipantInputSerializer,
        responses={200: RollCallOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        """Someone flagged missing is back: checked out, the other organizers told."""
        serializer = RollCallParticipantInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.roll_call_found(
            event_id=event_id, participation_id=serializer.validated_data["participation_id"], user=request.user
        )
        return _roll_call_response(request, event_id)
