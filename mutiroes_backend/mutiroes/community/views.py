"""HTTP for resources, comments and photos. Views translate; services and selectors decide."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.community import selectors, services
from mutiroes.community.serializers import (
    CommentCreateInputSerializer,
    CommentOutputSerializer,
    CommentUpdateInputSerializer,
    ModerationInputSerializer,
    PhotoFilterSerializer,
    PhotoInputSerializer,
    PhotoOutputSerializer,
    PledgeInputSerializer,
    ResourceInputSerializer,
    ResourceOutputSerializer,
)
from mutiroes.core.schema import errors
from mutiroes.events.selectors import event_get_seen, event_get_visible
from mutiroes.users.requests import SignedInRequest


def _resource_response(request: Request, event_id: int, resource_id: int, *, status_code: int = 200) -> Response:
    event = event_get_visible(event_id=event_id, user=request.user)
    resource = selectors.resource_get(event=event, resource_id=resource_id)
    return Response(ResourceOutputSerializer(resource, context={"user": request.user}).data, status=status_code)


# ---------------------------------------------------------------- resources
class ResourceListView(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ResourceOutputSerializer

    @extend_schema(
        summary="What the mutirão needs, with what is pledged and still missing",
        responses={200: ResourceOutputSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_seen(event_id=event_id, user=request.user)
        page = self.paginate_queryset(selectors.resource_list(event=event))
        return self.get_paginated_response(
            ResourceOutputSerializer(page, many=True, context={"user": request.user}).data
        )

    @extend_schema(
        summary="Add a resource (organizer)",
        request=ResourceInputSerializer,
        responses={201: ResourceOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = ResourceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resource = services.resource_create(event_id=event_id, user=request.user, data=serializer.validated_data)
        return _resource_response(request, event_id, resource.id, status_code=status.HTTP_201_CREATED)


class ResourceDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Change a resource (organizer)",
        request=ResourceInputSerializer(partial=True),
        responses={200: ResourceOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: SignedInRequest, event_id: int, resource_id: int) -> Response:
        serializer = ResourceInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.resource_update(
            event_id=event_id, resource_id=resource_id, user=request.user, data=serializer.validated_data
        )
        return _resource_response(request, event_id, resource_id)

    @extend_schema(summary="Remove a resource (organizer)", responses={204: None, **errors(401, 403, 404, 409)})
    def delete(self, request: SignedInRequest, event_id: int, resource_id: int) -> Response:
        services.resource_delete(event_id=event_id, resource_id=resource_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ResourcePledgeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Pledge to bring some of a resource (confirmed participants)",
        description="Sets one's pledge to `quantity` (0 withdraws it); never above what is still missing.",
        request=PledgeInputSerializer,
        responses={200: ResourceOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int, resource_id: int) -> Response:
        serializer = PledgeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.pledge_set(
            event_id=event_id,
            resource_id=resource_id,
            user=request.user,
            quantity=serializer.validated_data["quantity"],
        )
        return _resource_response(request, event_id, resource_id)


# ---------------------------------------------------------------- comments
class CommentListView(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentOutputSerializer

    @extend_schema(
        summary="Comments, oldest first, each with its replies",
        responses={200: CommentOutputSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_seen(event_id=event_id, user=request.user)
        page = self.paginate_queryset(selectors.comment_list(event=event, user=request.user))
        return self.get_paginated_response(CommentOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Comment, or reply to a comment of the same mutirão (one level)",
        request=CommentCreateInputSerializer,
        responses={201: CommentOutputSerializer, **errors(400, 401, 404, 409)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = CommentCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_create(
            event_id=event_id,
            user=request.user,
            body=serializer.validated_data["body"],
            parent_id=serializer.validated_data.get("parent"),
        )
        return Response(CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Edit one's comment",
        request=CommentUpdateInputSerializer,
        responses={200: CommentOutputSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def patch(self, request: SignedInRequest, event_id: int, comment_id: int) -> Response:
        serializer = CommentUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_update(
            event_id=event_id, comment_id=comment_id, user=request.user, body=serializer.validated_data["body"]
        )
        return Response(CommentOutputSerializer(comment).data)

    @extend_schema(
        summary="Delete a comment (author or organizer); its replies go with it",
        responses={204: None, **errors(401, 403, 404)},
    )
    def delete(self, request: SignedInRequest, event_id: int, comment_id: int) -> Response:
        services.comment_delete(event_id=event_id, comment_id=comment_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentModerateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Hide or show a comment (staff)",
        request=ModerationInputSerializer,
        responses={200: CommentOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: SignedInRequest, event_id: int, comment_id: int) -> Response:
        serializer = ModerationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_moderate(
            event_id=event_id, comment_id=comment_id, user=request.user, hidden=serializer.validated_data["hidden"]
        )
        return Response(CommentOutputSerializer(comment).data)


# ---------------------------------------------------------------- photos
class PhotoListView(GenericAPIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = PhotoOutputSerializer

    @extend_schema(
        summary="Photos of the mutirão",
        parameters=[PhotoFilterSerializer],
        responses={200: PhotoOutputSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request, event_id: int) -> Response:
        event = event_get_seen(event_id=event_id, user=request.user)
        filters = PhotoFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.photo_list(event=event, user=request.user, stage=filters.validated_data.get("stage"))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(PhotoOutputSerializer(page, many=True).data)

    @extend_schema(
        summary="Post a photo (participants and organizer)",
        description="multipart: `image` (JPEG, PNG or WebP by content, at most 10 MB and 40 megapixels; "
        "metadata such as EXIF/GPS is removed), `caption`, `stage` (before, during, after). "
        "The thumbnail is made in the background.",
        request={"multipart/form-data": PhotoInputSerializer},
        responses={201: PhotoOutputSerializer, **errors(400, 401, 403, 404, 409, 413)},
    )
    def post(self, request: SignedInRequest, event_id: int) -> Response:
        serializer = PhotoInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["image"]
        photo = services.photo_create(
            event_id=event_id,
            user=request.user,
            upload=upload,
            size=upload.size,
            stage=serializer.validated_data["stage"],
            caption=serializer.validated_data.get("caption", ""),
        )
        return Response(PhotoOutputSerializer(photo).data, status=status.HTTP_201_CREATED)


class PhotoDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Delete a photo (who posted it or the organizer)", responses={204: None, **errors(401, 403, 404)}
    )
    def delete(self, request: SignedInRequest, event_id: int, photo_id: int) -> Response:
        services.photo_delete(event_id=event_id, photo_id=photo_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PhotoModerateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Hide or show a photo (staff)",
        request=ModerationInputSerializer,
        responses={200: PhotoOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: SignedInRequest, event_id: int, photo_id: int) -> Response:
        serializer = ModerationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        photo = services.photo_moderate(
            event_id=event_id, photo_id=photo_id, user=request.user, hidden=serializer.validated_data["hidden"]
        )
        return Response(PhotoOutputSerializer(photo).data)
