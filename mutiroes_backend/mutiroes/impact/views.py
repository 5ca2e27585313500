"""HTTP for impact. Views translate; services and selectors decide."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.schema import errors
from mutiroes.events import selectors as event_selectors
from mutiroes.impact import selectors, services
from mutiroes.impact.certificates import certificate_render
from mutiroes.impact.serializers import (
    CertificateVerifyOutputSerializer,
    MaterialOutputSerializer,
    PlatformStatsOutputSerializer,
    ReportInputSerializer,
    ReportOutputSerializer,
    StatsOutputSerializer,
    UserProfileOutputSerializer,
)
from mutiroes.users import selectors as user_selectors
from mutiroes.users.requests import SignedInRequest


class ReportView(APIView):
    @extend_schema(
        summary="A mutirão's impact report",
        description="Public once the mutirão is completed; its organizers see it earlier.",
        responses={200: ReportOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        return Response(ReportOutputSerializer(selectors.report_get(event_id=event_id, user=request.user)).data)

    @extend_schema(
        summary="File or correct the impact report",
        description="By the organizer, once the mutirão has started. Totals, kilos diverted from landfill, "
        "CO2e and volunteer hours are computed, never typed.",
        request=ReportInputSerializer,
        responses={200: ReportOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def put(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_save(event_id=event_id, user=request.user, data=serializer.validated_data)
        return Response(ReportOutputSerializer(selectors.report_view(report=report)).data)


class MaterialListView(APIView):
    """The materials an impact report counts, in form order, with their labels (the one list)."""

    permission_classes = [AllowAny]

    @extend_schema(summary="Materials of the impact report", responses={200: MaterialOutputSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(MaterialOutputSerializer(selectors.material_list(), many=True).data)


class StatsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Platform impact totals",
        description="From the reports and check-ins of completed mutirões, by category and by city. Cached.",
        responses={200: PlatformStatsOutputSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(PlatformStatsOutputSerializer(selectors.platform_stats()).data)


class MyCertificateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Certificate of one's volunteer hours (PDF, pt-BR)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **errors(401, 409)},
    )
    def get(self, request: SignedInRequest) -> HttpResponse:
        certificate, lines = services.certificate_issue(user=request.user)
        pdf = certificate_render(certificate=certificate, lines=lines)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificado-mutiroes-{certificate.code}.pdf"'
        response["X-Certificate-Code"] = certificate.code
        return response


class CertificateVerifyView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Verify a certificate by its code",
        responses={200: CertificateVerifyOutputSerializer, **errors(404)},
        auth=[],
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(CertificateVerifyOutputSerializer(services.certificate_verify(code=code)).data)


class MeStatsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: StatsOutputSerializer, **errors(401)})
    def get(self, request: SignedInRequest) -> Response:
        return Response(StatsOutputSerializer(selectors.user_stats(user=request.user)).data)


class PublicProfileView(APIView):
    """Someone's public profile: who they are, what they did (stats, badges) and where (history)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: UserProfileOutputSerializer, **errors(404)})
    def get(self, request: Request, user_id: int) -> Response:
        user = user_selectors.user_get_public(user_id=user_id)
        events = event_selectors.user_public_history(user=user) if user.show_history else []
        context = {"request": request, "stats": selectors.user_stats(user=user), "events": events}
        return Response(UserProfileOutputSerializer(user, context=context).data)
