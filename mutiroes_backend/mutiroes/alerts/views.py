"""HTTP for alerts near me. Views translate; services and selectors decide."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.alerts import selectors, services
from mutiroes.alerts.serializers import AlertAreaInputSerializer, AlertAreaOutputSerializer, AlertSettingsSerializer
from mutiroes.core.schema import errors
from mutiroes.users.requests import SignedInRequest


def _area_response(request: Request, area_id: int, *, status_code: int = 200) -> Response:
    area = selectors.alert_area_get_own(user=request.user, area_id=area_id)
    return Response(AlertAreaOutputSerializer(area).data, status=status_code)


class AlertAreaListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = AlertAreaOutputSerializer

    @extend_schema(
        summary="The areas I watch", responses={200: AlertAreaOutputSerializer(many=True), **errors(400, 401)}
    )
    def get(self, request: SignedInRequest) -> Response:
        page = self.paginate_queryset(selectors.alert_area_list(user=request.user))
        return self.get_paginated_response(AlertAreaOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Watch an area: a point and a radius (km), or a city; categories (none: all)",
        request=AlertAreaInputSerializer,
        responses={201: AlertAreaOutputSerializer, **errors(400, 401, 409)},
    )
    def post(self, request: SignedInRequest) -> Response:
        serializer = AlertAreaInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        area = services.alert_area_create(user=request.user, data=serializer.validated_data)
        return _area_response(request, area.id, status_code=status.HTTP_201_CREATED)


class AlertAreaDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Change an area I watch",
        request=AlertAreaInputSerializer(partial=True),
        responses={200: AlertAreaOutputSerializer, **errors(400, 401, 404)},
    )
    def patch(self, request: SignedInRequest, area_id: int) -> Response:
        serializer = AlertAreaInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.alert_area_update(user=request.user, area_id=area_id, data=serializer.validated_data)
        return _area_response(request, area_id)

    @extend_schema(summary="Stop watching an area", responses={204: None, **errors(401, 404)})
    def delete(self, request: SignedInRequest, area_id: int) -> Response:
        services.alert_area_delete(user=request.user, area_id=area_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AlertSettingsView(APIView):
    """How alert e-mails come: each at once, or one digest a day (the e-mail channel itself is the
    `new_nearby` notification preference)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: AlertSettingsSerializer, **errors(401)})
    def get(self, request: SignedInRequest) -> Response:
        alert_settings = selectors.alert_settings_get(user=request.user)
        return Response({"email_frequency": alert_settings.email_frequency})

    @extend_schema(request=AlertSettingsSerializer, responses={200: AlertSettingsSerializer, **errors(400, 401)})
    def put(self, request: SignedInRequest) -> Response:
        serializer = AlertSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alert_settings = services.alert_settings_update(user=request.user, **serializer.validated_data)
        return Response({"email_frequency": alert_settings.email_frequency})
