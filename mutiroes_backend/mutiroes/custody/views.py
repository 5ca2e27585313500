"""HTTP for the chain of custody. Views translate; services and selectors decide."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.schema import errors
from mutiroes.custody import selectors, services
from mutiroes.custody.serializers import (
    WasteBagOutputSerializer,
    WasteBagsInputSerializer,
    WasteHandoverInputSerializer,
    WasteHandoverIssuedOutputSerializer,
    WasteHandoverOutputSerializer,
    WasteReceiptConfirmInputSerializer,
    WasteReceiptOutputSerializer,
    WasteReceiptTokenSerializer,
    WasteTotalsOutputSerializer,
)
from mutiroes.events.selectors import event_get_managed, event_get_seen
from mutiroes.users.requests import SignedInRequest


def _issued(issued: services.IssuedHandover, *, status_code: int) -> Response:
    handover = selectors.handover_list(event=issued.handover.event).get(pk=issued.handover.pk)
    return Response(
        WasteHandoverIssuedOutputSerializer({"handover": handover, "token": issued.token}).data, status=status_code
    )


class BagListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = WasteBagOutputSerializer

    @extend_schema(
        summary="The mutirão's registered bags (organizer)",
        responses={200: WasteBagOutputSerializer(many=True), **errors(401, 403, 404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_managed(event_id=event_id, user=request.user)
        page = self.paginate_queryset(selectors.bag_list(event=event))
        return self.get_paginated_response(WasteBagOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Register bags of one material (organizer)",
        description="One bag per weight; each gets a label for its QR code.",
        request=WasteBagsInputSerializer,
        # A plain array (the view's pagination applies to GET only).
        responses={
            201: {"type": "array", "items": {"$ref": "#/components/schemas/WasteBagOutput"}},
            **errors(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = WasteBagsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bags = services.bags_register(event_id=event_id, user=request.user, **serializer.validated_data)
        return Response(WasteBagOutputSerializer(bags, many=True).data, status=status.HTTP_201_CREATED)


class BagDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Remove a bag not handed over (organizer)", responses={204: None, **errors(401, 403, 404, 409)}
    )
    def delete(self, request: SignedInRequest, event_id: int, bag_id: int) -> Response:
        services.bag_delete(event_id=event_id, bag_id=bag_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HandoverListView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = WasteHandoverOutputSerializer

    @extend_schema(
        summary="The mutirão's handovers (organizer)",
        responses={200: WasteHandoverOutputSerializer(many=True), **errors(401, 403, 404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_managed(event_id=event_id, user=request.user)
        page = self.paginate_queryset(selectors.handover_list(event=event))
        return self.get_paginated_response(WasteHandoverOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Hand bags over to a receiver (organizer)",
        description="Returns the receiver's signed, single-use link token (valid 14 days), shown once.",
        request=WasteHandoverInputSerializer,
        responses={201: WasteHandoverIssuedOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = WasteHandoverInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        issued = services.handover_create(event_id=event_id, user=request.user, data=serializer.validated_data)
        return _issued(issued, status_code=status.HTTP_201_CREATED)


class HandoverLinkView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A new link for the receiver (organizer)",
        description="The previous link stops working.",
        request=None,
        responses={200: WasteHandoverIssuedOutputSerializer, **errors(401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int, handover_id: int) -> Response:
        issued = services.handover_link_renew(event_id=event_id, handover_id=handover_id, user=request.user)
        return _issued(issued, status_code=status.HTTP_200_OK)


class EventWasteView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A mutirão's waste: kg by material and destination, declared vs confirmed",
        responses={200: WasteTotalsOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_seen(event_id=event_id, user=request.user)
        return Response(WasteTotalsOutputSerializer(selectors.waste_totals(event_ids=[event.id])).data)


class WasteStatsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Platform waste totals, declared vs confirmed",
        description="Completed public mutirões.",
        responses={200: WasteTotalsOutputSerializer},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        return Response(WasteTotalsOutputSerializer(selectors.waste_totals(events=selectors.public_events())).data)


class CertificateWasteView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="The waste of the mutirões a certificate covers, declared vs confirmed",
        responses={200: WasteTotalsOutputSerializer, **errors(404)},
        auth=[],
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(WasteTotalsOutputSerializer(selectors.certificate_waste_totals(code=code)).data)


class ReceiptView(APIView):
    """The receiver's page, without an account: the link's token is the only credential."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="What a receiver is asked to confirm (by link token)",
        parameters=[WasteReceiptTokenSerializer],
        responses={200: WasteReceiptOutputSerializer, **errors(400, 404, 409)},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        query = WasteReceiptTokenSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        handover = services.receipt_get(token=query.validated_data["token"])
        return Response(WasteReceiptOutputSerializer(selectors.receipt_view(handover)).data)

    @extend_schema(
        summary="Confirm receipt (single use, expiring link; no account)",
        description="multipart: `token`, optional `received_kg`, `note` and `ticket` (weighing ticket photo). "
        "A used link: 409 `already_confirmed`; an expired one: 409 `link_expired`; a forged or replaced one: 404.",
        request={"multipart/form-data": WasteReceiptConfirmInputSerializer},
        responses={200: WasteReceiptOutputSerializer, **errors(400, 404, 409, 413)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = WasteReceiptConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ticket = data.get("ticket")
        handover = services.receipt_confirm(
            token=data["token"],
            received_kg=data.get("received_kg"),
            note=data.get("note", ""),
            ticket=ticket,
            ticket_size=ticket.size if ticket is not None else 0,
        )
        return Response(WasteReceiptOutputSerializer(selectors.receipt_view(handover)).data)
