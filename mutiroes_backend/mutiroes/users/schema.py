"""OpenAPI: our JWT authentication is simplejwt's with revocation; it is described the same way."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class RevocableJWTScheme(SimpleJWTScheme):
    target_class = "mutiroes.users.authentication.JWTAuthentication"
