"""Bearer tokens (simplejwt), with revocation: logout, password change, reset and erasure end
the access tokens already issued at once, not when they expire."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed


class JWTAuthentication(authentication.JWTAuthentication):
    def get_user(self, validated_token: Any) -> Any:
        # Imported here: DRF loads this class while its own settings (and ours) are still loading.
        from mutiroes.users.services import access_token_revoked

        user = super().get_user(validated_token)
        if access_token_revoked(user=user, claims=validated_token):
            raise AuthenticationFailed(_("Token is invalid or expired."), code="token_not_valid")
        return user
