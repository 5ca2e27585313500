from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.schema import errors
from mutiroes.notifications import selectors, services
from mutiroes.notifications.serializers import (
    NotificationFilterSerializer,
    NotificationOutputSerializer,
    OrganizerMessageInputSerializer,
    OrganizerMessageOutputSerializer,
    PreferencesOutputSerializer,
    PreferencesUpdateInputSerializer,
    ReadAllOutputSerializer,
)
from mutiroes.users.requests import SignedInRequest


class NotificationListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationOutputSerializer

    @extend_schema(
        parameters=[NotificationFilterSerializer],
        responses={200: NotificationOutputSerializer(many=True), **errors(400, 401)},
    )
    def get(self, request: SignedInRequest) -> Response:
        filters = NotificationFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.notification_list(user=request.user, **filters.validated_data))
        return self.get_paginated_response(NotificationOutputSerializer(page, many=True).data)


class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: NotificationOutputSerializer, **errors(401, 404)})
    def post(self, request: SignedInRequest, notification_id: int) -> Response:
        notification = services.notification_mark_read(notification_id=notification_id, user=request.user)
        return Response(NotificationOutputSerializer(notification).data)


class NotificationReadAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ReadAllOutputSerializer, **errors(401)})
    def post(self, request: SignedInRequest) -> Response:
        return Response({"updated": services.notifications_mark_all_read(user=request.user)})


class NotificationPreferencesView(APIView):
    """Per kind, whether the person wants it in the app and by email (both on by default)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PreferencesOutputSerializer, **errors(401)})
    def get(self, request: SignedInRequest) -> Response:
        return Response({"preferences": selectors.notification_preferences_get(user=request.user)})

    @extend_schema(
        request=PreferencesUpdateInputSerializer,
        responses={200: PreferencesOutputSerializer, **errors(400, 401)},
    )
    def patch(self, request: SignedInRequest) -> Response:
        serializer = PreferencesUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.notification_preferences_update(user=request.user, changes=serializer.validated_data["preferences"])
        return Response({"preferences": selectors.notification_preferences_get(user=request.user)})


class EventMessageView(APIView):
    """The organizer's message to everyone signed up for a mutirão: in-app and e-mail, sent in batches."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=OrganizerMessageInputSerializer,
        responses={201: OrganizerMessageOutputSerializer, **errors(400, 401, 403, 404, 409, 429)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = OrganizerMessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        broadcast = services.organizer_message_send(event_id=event_id, user=request.user, **serializer.validated_data)
        return Response(OrganizerMessageOutputSerializer(broadcast).data, status=status.HTTP_201_CREATED)
