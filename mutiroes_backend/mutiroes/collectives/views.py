"""HTTP for collectives. Views translate; services and selectors decide."""

from dataclasses import asdict

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.collectives import selectors, services
from mutiroes.collectives.models import Role
from mutiroes.collectives.serializers import (
    CollectiveDetailOutputSerializer,
    CollectiveEventFilterSerializer,
    CollectiveEventOutputSerializer,
    CollectiveInputSerializer,
    CollectiveListFilterSerializer,
    CollectiveOutputSerializer,
    InvitationCreateInputSerializer,
    InvitationOutputSerializer,
    InvitationPreviewOutputSerializer,
    InvitationPreviewQuerySerializer,
    InvitationTokenInputSerializer,
    MemberOutputSerializer,
    MembershipOutputSerializer,
    MemberUpdateInputSerializer,
)
from mutiroes.core.schema import errors
from mutiroes.core.views import ImageUploadView, image_upload_schema
from mutiroes.sharing.serializers import ImageQuerySerializer, ShareOutputSerializer
from mutiroes.sharing.views import card_response
from mutiroes.users.requests import SignedInRequest


def _detail_response(request: Request, slug: str, *, status_code: int = 200) -> Response:
    collective = selectors.collective_get(slug=slug)
    context = {
        "membership": selectors.my_membership(collective=collective, user=request.user),
        "following": selectors.is_following(collective=collective, user=request.user),
        "impact": selectors.collective_impact(collective=collective),
        "waste": selectors.collective_waste(collective=collective),
        "staff": request.user.is_staff,
    }
    return Response(CollectiveDetailOutputSerializer(collective, context=context).data, status=status_code)


class CollectiveListCreateView(GenericAPIView):
    serializer_class = CollectiveOutputSerializer

    @extend_schema(
        parameters=[CollectiveListFilterSerializer],
        responses={200: CollectiveOutputSerializer(many=True), **errors(400)},
    )
    def get(self, request: Request) -> Response:
        filters = CollectiveListFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.collective_list(user=request.user, **filters.validated_data))
        return self.get_paginated_response(CollectiveOutputSerializer(page, many=True).data)

    @extend_schema(
        request=CollectiveInputSerializer,
        responses={201: CollectiveDetailOutputSerializer, **errors(400, 401, 409)},
    )
    def post(self, request: SignedInRequest) -> Response:
        """Create a collective; the caller becomes its owner."""
        serializer = CollectiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        collective = services.collective_create(user=request.user, data=dict(serializer.validated_data))
        return _detail_response(request, collective.slug, status_code=status.HTTP_201_CREATED)

    def get_permissions(self) -> list:
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]


class CollectiveDetailView(APIView):
    def get_permissions(self) -> list:
        return [IsAuthenticated()] if self.request.method == "PATCH" else [AllowAny()]

    @extend_schema(responses={200: CollectiveDetailOutputSerializer, **errors(404)})
    def get(self, request: Request, slug: str) -> Response:
        return _detail_response(request, slug)

    @extend_schema(
        request=CollectiveInputSerializer(partial=True),
        responses={200: CollectiveDetailOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: SignedInRequest, slug: str) -> Response:
        serializer = CollectiveInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("slug", None)  # a collective's address does not change
        services.collective_update(slug=slug, user=request.user, data=data)
        return _detail_response(request, slug)


class CollectiveShareView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Open Graph / Twitter data of a collective's page (title, description, picture)",
        responses={200: ShareOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        collective = selectors.collective_get(slug=slug)
        return Response(ShareOutputSerializer(asdict(selectors.collective_share(collective=collective))).data)


class CollectiveImageView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="The preview picture of a collective (1200 × 630 PNG)",
        parameters=[ImageQuerySerializer],
        responses={(200, "image/png"): OpenApiTypes.BINARY, **errors(400, 404)},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        query = ImageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        card = selectors.collective_card(selectors.collective_get(slug=slug))
        return card_response(card, version=query.validated_data.get("v"))


class CollectiveLogoView(ImageUploadView):
    """The collective's logo: multipart upload, checked by content, re-encoded, metadata stripped."""

    @image_upload_schema(CollectiveDetailOutputSerializer, 403, 404)
    def put(self, request: SignedInRequest, slug: str) -> Response:
        services.collective_logo_set(slug=slug, user=request.user, **self.uploaded_image(request))
        return _detail_response(request, slug)

    @extend_schema(responses={200: CollectiveDetailOutputSerializer, **errors(401, 403, 404)})
    def delete(self, request: SignedInRequest, slug: str) -> Response:
        services.collective_logo_delete(slug=slug, user=request.user)
        return _detail_response(request, slug)


class CollectiveEventListView(GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = CollectiveEventOutputSerializer

    @extend_schema(
        parameters=[CollectiveEventFilterSerializer],
        responses={200: CollectiveEventOutputSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        """The collective's public mutirões, upcoming or past."""
        filters = CollectiveEventFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        collective = selectors.collective_get(slug=slug)
        page = self.paginate_queryset(selectors.collective_events(collective=collective, **filters.validated_data))
        return self.get_paginated_response(CollectiveEventOutputSerializer(page, many=True).data)


class MemberListView(GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = MemberOutputSerializer

    @extend_schema(responses={200: MemberOutputSerializer(many=True), **errors(404)})
    def get(self, request: Request, slug: str) -> Response:
        """Members see every member; everyone else those who chose to be shown."""
        collective = selectors.collective_get(slug=slug)
        page = self.paginate_queryset(selectors.member_list(collective=collective, user=request.user))
        return self.get_paginated_response(MemberOutputSerializer(page, many=True).data)


class MemberDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MemberUpdateInputSerializer,
        responses={200: MemberOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: SignedInRequest, slug: str, user_id: int) -> Response:
        """An owner changes the role; the member chooses `is_public`. The last owner stays an owner."""
        serializer = MemberUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_update(
            slug=slug, user=request.user, member_id=user_id, **serializer.validated_data
        )
        return Response(MemberOutputSerializer(membership).data)

    @extend_schema(responses={204: None, **errors(401, 403, 404, 409)})
    def delete(self, request: SignedInRequest, slug: str, user_id: int) -> Response:
        services.membership_remove(slug=slug, user=request.user, member_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CollectiveLeaveView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None, **errors(401, 404, 409)})
    def post(self, request: SignedInRequest, slug: str) -> Response:
        """Leave the collective; the last owner can't (make someone else an owner first)."""
        services.collective_leave(slug=slug, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CollectiveFollowView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: CollectiveDetailOutputSerializer, **errors(401, 404)})
    def post(self, request: SignedInRequest, slug: str) -> Response:
        """Follow: be told (in-app and e-mail, per preferences) when it publishes a mutirão."""
        services.collective_follow(slug=slug, user=request.user)
        return _detail_response(request, slug)

    @extend_schema(responses={200: CollectiveDetailOutputSerializer, **errors(401, 404)})
    def delete(self, request: SignedInRequest, slug: str) -> Response:
        services.collective_unfollow(slug=slug, user=request.user)
        return _detail_response(request, slug)


class InvitationListCreateView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = InvitationOutputSerializer

    @extend_schema(responses={200: InvitationOutputSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request: Request, slug: str) -> Response:
        collective = selectors.collective_get(slug=slug)
        page = self.paginate_queryset(selectors.invitation_list(collective=collective, user=request.user))
        return self.get_paginated_response(InvitationOutputSerializer(page, many=True).data)

    @extend_schema(
        request=InvitationCreateInputSerializer,
        responses={201: InvitationOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, slug: str) -> Response:
        """Invite by e-mail: a signed link, valid 7 days, once. Inviting again replaces the link."""
        serializer = InvitationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        invitation = services.invitation_create(
            slug=slug, user=request.user, email=data["email"], role=data.get("role", Role.MEMBER)
        )
        return Response(InvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: SignedInRequest, slug: str, invitation_id: int) -> Response:
        """Revoke an open invitation: its link stops working."""
        services.invitation_revoke(slug=slug, user=request.user, invitation_id=invitation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationPreviewView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[InvitationPreviewQuerySerializer],
        responses={200: InvitationPreviewOutputSerializer, **errors(400, 409)},
    )
    def get(self, request: Request) -> Response:
        """What an invitation link is for, while it can still be accepted."""
        query = InvitationPreviewQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        invitation = services.invitation_from_token(token=query.validated_data["token"])
        services.invitation_check_usable(invitation, user=None)
        return Response(InvitationPreviewOutputSerializer(invitation).data)


class InvitationAcceptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=InvitationTokenInputSerializer,
        responses={200: MembershipOutputSerializer, **errors(400, 401, 403, 409)},
    )
    def post(self, request: SignedInRequest) -> Response:
        """Accept an invitation with the signed-in account it was sent to."""
        serializer = InvitationTokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.invitation_accept(token=serializer.validated_data["token"], user=request.user)
        return Response(MembershipOutputSerializer(membership).data)
