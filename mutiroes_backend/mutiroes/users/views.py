"""HTTP for accounts. Views translate; services and selectors decide."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.schema import errors
from mutiroes.core.throttling import PasswordCheckThrottle
from mutiroes.core.views import ImageUploadView, image_upload_schema
from mutiroes.users import selectors, services
from mutiroes.users.requests import SignedInRequest
from mutiroes.users.serializers import (
    AccountDeleteInputSerializer,
    CalendarTokenOutputSerializer,
    LoginInputSerializer,
    MessageOutputSerializer,
    PasswordChangeInputSerializer,
    PasswordResetConfirmInputSerializer,
    PasswordResetInputSerializer,
    RefreshInputSerializer,
    RegisterInputSerializer,
    TokenPairOutputSerializer,
    UserMeInputSerializer,
    UserMeOutputSerializer,
)


class AuthView(APIView):
    """Anonymous authentication endpoints, throttled as `auth` per address (a second line behind nginx)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PasswordCheckThrottle]


class RegisterView(AuthView):
    @extend_schema(
        request=RegisterInputSerializer, responses={201: UserMeOutputSerializer, **errors(400, 429)}, auth=[]
    )
    def post(self, request: Request) -> Response:
        serializer = RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_register(**serializer.validated_data)
        return Response(UserMeOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenObtainView(AuthView):
    @extend_schema(
        request=LoginInputSerializer, responses={200: TokenPairOutputSerializer, **errors(400, 401, 429)}, auth=[]
    )
    def post(self, request: Request) -> Response:
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.token_obtain(**serializer.validated_data))


class TokenRefreshView(AuthView):
    throttle_classes: list = []

    @extend_schema(
        request=RefreshInputSerializer, responses={200: TokenPairOutputSerializer, **errors(400, 401)}, auth=[]
    )
    def post(self, request: Request) -> Response:
        serializer = RefreshInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.token_refresh(refresh=serializer.validated_data["refresh"]))


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=RefreshInputSerializer, responses={204: None, **errors(400, 401)})
    def post(self, request: SignedInRequest) -> Response:
        serializer = RefreshInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.token_revoke(refresh=serializer.validated_data["refresh"], user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordCheckingView(APIView):
    """Signed-in endpoints that check the caller's password: the `auth` budget per account and per address."""

    def get_throttles(self) -> list:
        return [*super().get_throttles(), PasswordCheckThrottle()]


class PasswordChangeView(PasswordCheckingView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=PasswordChangeInputSerializer, responses={200: TokenPairOutputSerializer, **errors(400, 401)}
    )
    def post(self, request: SignedInRequest) -> Response:
        """Every other session ends at once; this one goes on with the new pair in the answer."""
        serializer = PasswordChangeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(services.user_password_change(user=request.user, **serializer.validated_data))


class PasswordResetView(AuthView):
    @extend_schema(
        request=PasswordResetInputSerializer, responses={200: MessageOutputSerializer, **errors(400, 429)}, auth=[]
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_password_reset_request(email=serializer.validated_data["email"])
        return Response({"detail": _("If the email has an account, a reset link is on its way.")})


class PasswordResetConfirmView(AuthView):
    @extend_schema(request=PasswordResetConfirmInputSerializer, responses={204: None, **errors(400, 429)}, auth=[])
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_password_reset_confirm(**serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(PasswordCheckingView):
    permission_classes = [IsAuthenticated]
    delete_has_body = True  # DELETE takes the password (see mutiroes.core.schema.AutoSchema)
    password_check_methods = ("DELETE",)

    @extend_schema(responses={200: UserMeOutputSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        return Response(UserMeOutputSerializer(request.user).data)

    @extend_schema(request=UserMeInputSerializer, responses={200: UserMeOutputSerializer, **errors(400, 401)})
    def patch(self, request: SignedInRequest) -> Response:
        serializer = UserMeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = services.user_update(user=request.user, data=dict(serializer.validated_data))
        return Response(UserMeOutputSerializer(user).data)

    @extend_schema(request=AccountDeleteInputSerializer, responses={204: None, **errors(400, 401, 409)})
    def delete(self, request: SignedInRequest) -> Response:
        serializer = AccountDeleteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_erase(user=request.user, password=serializer.validated_data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeAvatarView(ImageUploadView):
    @image_upload_schema(UserMeOutputSerializer)
    def put(self, request: SignedInRequest) -> Response:
        user = services.user_avatar_set(user=request.user, **self.uploaded_image(request))
        return Response(UserMeOutputSerializer(user).data)

    @extend_schema(responses={200: UserMeOutputSerializer, **errors(401)})
    def delete(self, request: SignedInRequest) -> Response:
        return Response(UserMeOutputSerializer(services.user_avatar_delete(user=request.user)).data)


class MeExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **errors(401)})
    def get(self, request: SignedInRequest) -> Response:
        response = Response(selectors.user_export(user=request.user))
        response["Content-Disposition"] = 'attachment; filename="meus-dados-mutiroes.json"'
        return response


class MeCalendarTokenView(APIView):
    permission_classes = [IsAuthenticated]

    def _body(self, request: Request, token: str) -> dict[str, str]:
        return {"token": token, "url": f"{settings.API_PUBLIC_URL}/api/users/me/calendar.ics?token={token}"}

    @extend_schema(responses={200: CalendarTokenOutputSerializer, **errors(401)})
    def get(self, request: SignedInRequest) -> Response:
        return Response(self._body(request, request.user.calendar_token))

    @extend_schema(request=None, responses={200: CalendarTokenOutputSerializer, **errors(401)})
    def post(self, request: SignedInRequest) -> Response:
        """Rotate the token: the old feed URL stops working."""
        return Response(self._body(request, services.calendar_token_rotate(user=request.user)))
