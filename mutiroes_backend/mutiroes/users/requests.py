"""The type of a request whose view lets only signed-in people in (IsAuthenticated): its user is a
User, never AnonymousUser. A type for the checker only: DRF builds the request as always."""

from rest_framework.request import Request

from mutiroes.users.models import User


class SignedInRequest(Request):
    user: User
