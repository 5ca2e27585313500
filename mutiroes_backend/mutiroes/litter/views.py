"""HTTP for litter reports. Views translate; services and selectors decide."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.schema import errors
from mutiroes.events.selectors import event_get_seen, event_get_visible
from mutiroes.litter import selectors, services
from mutiroes.litter.serializers import (
    LitterFlagInputSerializer,
    LitterNearbyFilterSerializer,
    LitterNearbyReportOutputSerializer,
    LitterPhotosInputSerializer,
    LitterReportCreateInputSerializer,
    LitterReportDetailOutputSerializer,
    LitterReportFilterSerializer,
    LitterReportOutputSerializer,
    LitterResurveyInputSerializer,
    LitterScheduleInputSerializer,
)
from mutiroes.users.requests import SignedInRequest


def _uploads(files: list) -> list[services.Upload]:
    return [services.Upload(file=f, size=f.size) for f in files]


def _detail(request: Request, report_id: int, *, status_code: int = 200) -> Response:
    report = selectors.report_detail(report_id=report_id, user=request.user)
    return Response(LitterReportDetailOutputSerializer(report).data, status=status_code)


class ReportListView(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = LitterReportOutputSerializer

    @extend_schema(
        summary="Litter reports (the public map and list)",
        description="Open reports by default, newest first. `bbox` limits them to the map's visible area "
        "(served by an index).",
        parameters=[LitterReportFilterSerializer],
        responses={200: LitterReportOutputSerializer(many=True), **errors(400)},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        filters = LitterReportFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.report_list(filters=selectors.ReportFilters(**filters.validated_data))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(LitterReportOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Report a littered place",
        description="multipart: the place, its size, the kinds of waste and 1 to 4 photos. Within 50 m of an "
        "open report the answer is 409 `duplicate_nearby`: confirm that one instead (GET nearby/). "
        "At most 10 reports a day per person (429).",
        request={"multipart/form-data": LitterReportCreateInputSerializer},
        responses={201: LitterReportDetailOutputSerializer, **errors(400, 401, 409, 413, 429)},
    )
    def post(self, request: SignedInRequest) -> Response:
        serializer = LitterReportCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        images = data.pop("images")
        report = services.report_create(user=request.user, data=data, uploads=_uploads(images))
        return _detail(request, report.id, status_code=status.HTTP_201_CREATED)


class ReportNearbyView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Open reports within 50 m of a point",
        description='Asked before reporting: a report here is offered as "também vi isto" instead of a duplicate.',
        parameters=[LitterNearbyFilterSerializer],
        responses={200: LitterNearbyReportOutputSerializer(many=True), **errors(400)},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        filters = LitterNearbyFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        reports = selectors.report_open_nearby(**filters.validated_data)[:10]
        return Response(LitterNearbyReportOutputSerializer(reports, many=True).data)


class ReportDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A reported place with its photos and history",
        responses={200: LitterReportDetailOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, report_id: int) -> Response:
        return _detail(request, report_id)


class ReportConfirmView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary='"Também vi isto": confirm an open report',
        description="multipart: optional `images`. Once per person; not one's own report.",
        request={"multipart/form-data": LitterPhotosInputSerializer},
        responses={200: LitterReportDetailOutputSerializer, **errors(400, 401, 404, 409, 413)},
    )
    def post(self, request: SignedInRequest, report_id: int) -> Response:
        serializer = LitterPhotosInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        uploads = _uploads(serializer.validated_data.get("images", []))
        services.report_confirm(report_id=report_id, user=request.user, uploads=uploads)
        return _detail(request, report_id)


class ReportResurveyView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Answer the re-survey of a cleaned place",
        description="By the reporter or the organizer of its cleanup, once asked (30 days after). "
        "`still_clean=false` reopens the report; its history is kept.",
        request={"multipart/form-data": LitterResurveyInputSerializer},
        responses={200: LitterReportDetailOutputSerializer, **errors(400, 401, 403, 404, 409, 413)},
    )
    def post(self, request: SignedInRequest, report_id: int) -> Response:
        serializer = LitterResurveyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.report_resurvey(
            report_id=report_id,
            user=request.user,
            still_clean=serializer.validated_data["still_clean"],
            uploads=_uploads(serializer.validated_data.get("images", [])),
        )
        return _detail(request, report_id)


class ReportFlagView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Flag a report as abusive",
        request=LitterFlagInputSerializer,
        responses={204: None, **errors(400, 401, 404, 409)},
    )
    def post(self, request: SignedInRequest, report_id: int) -> Response:
        serializer = LitterFlagInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.report_flag(report_id=report_id, user=request.user, reason=serializer.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class EventReportsView(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        summary="The litter reports a mutirão was organized to clean",
        responses={200: LitterReportOutputSerializer(many=True), **errors(404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_seen(event_id=event_id, user=request.user)
        return Response(LitterReportOutputSerializer(selectors.reports_for_event(event=event), many=True).data)

    @extend_schema(
        summary="Link open litter reports to the mutirão (organizer)",
        description='The reports show "mutirão marcado" and close as cleaned when its impact report is published.',
        request=LitterScheduleInputSerializer,
        responses={200: LitterReportOutputSerializer(many=True), **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = LitterScheduleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.reports_schedule(
            event_id=event_id, user=request.user, report_ids=serializer.validated_data["report_ids"]
        )
        event = event_get_visible(event_id=event_id, user=request.user)
        return Response(LitterReportOutputSerializer(selectors.reports_for_event(event=event), many=True).data)
