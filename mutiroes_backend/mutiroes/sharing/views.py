"""HTTP for sharing: a mutirão's share data, its preview picture and its poster."""

from dataclasses import asdict

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.exceptions import NotFound
from mutiroes.core.schema import errors
from mutiroes.events import rules
from mutiroes.events.selectors import event_get_seen, event_get_visible
from mutiroes.sharing import selectors
from mutiroes.sharing.cards import Card, card_key
from mutiroes.sharing.poster import poster_render
from mutiroes.sharing.serializers import ImageQuerySerializer, ShareOutputSerializer

# A picture's URL changes with its content (`v`), so the current one may be kept long.
IMAGE_CACHE_CONTROL = "public, max-age=86400"
STALE_IMAGE_CACHE_CONTROL = "public, max-age=300"


def card_response(card: Card, *, version: str | None) -> HttpResponse:
    """A card's PNG; kept long when asked by its current version (`?v=`), briefly otherwise."""
    response = HttpResponse(selectors.card_png(card), content_type="image/png")
    response["Cache-Control"] = IMAGE_CACHE_CONTROL if version == card_key(card) else STALE_IMAGE_CACHE_CONTROL
    return response


class EventShareView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Open Graph / Twitter data of a mutirão's page (title, description, picture, poster)",
        responses={200: ShareOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_seen(event_id=event_id, user=request.user, related=("category",))
        return Response(ShareOutputSerializer(asdict(selectors.event_share(event=event))).data)


class EventImageView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="The preview picture of a mutirão (1200 × 630 PNG)",
        parameters=[ImageQuerySerializer],
        responses={(200, "image/png"): OpenApiTypes.BINARY, **errors(400, 404)},
    )
    def get(self, request: Request, event_id: int) -> HttpResponse:
        query = ImageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        event = selectors.event_for_image(event_id=event_id, user=request.user, key=query.validated_data.get("k", ""))
        if event is None:
            raise NotFound(_("Mutirão not found."))
        response = card_response(selectors.event_card(event), version=query.validated_data.get("v"))
        if event.visibility != "public":
            response["X-Robots-Tag"] = "noindex"
        return response


class EventPosterView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="A printable A4 poster (PDF) with a QR code to the mutirão's page",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **errors(404)},
    )
    def get(self, request: Request, event_id: int) -> HttpResponse:
        event = event_get_visible(event_id=event_id, user=request.user)
        url = f"{settings.FRONTEND_URL}/eventos/{event.id}"
        if event.visibility == "unlisted":
            # Its QR code must open it, so it carries the link's secret: only for those who manage it.
            if not rules.can_manage(event=event, user=request.user):
                raise NotFound(_("Mutirão not found."))
            url += f"?convite={event.share_token}"
        response = HttpResponse(poster_render(event=event, url=url), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="cartaz-mutirao-{event.id}.pdf"'
        return response
