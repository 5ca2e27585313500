"""A valid access token is checked without a query (its user's state cached in Redis), and
every revocation still ends it on the next request."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from rest_framework.test import APIClient
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.tokens import AccessToken

from conftest import PASSWORD
from mutiroes.users.authentication import JWTAuthentication
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db


def authenticate(token: str):
    request = RequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {token}")
    return JWTAuthentication().authenticate(request)


def login(email: str) -> dict:
    return APIClient().post("/api/auth/token/", {"email": email, "password": PASSWORD}, format="json").json()


def me_status(access: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/users/me/").status_code


def test_a_valid_token_costs_no_query_once_its_user_state_is_cached(user, django_assert_num_queries):
    token = login(user.email)["access"]
    with django_assert_num_queries(1):  # the first request reads the user's state (and keeps the row)
        first, _ = authenticate(token)
    assert first.email == user.email
    with django_assert_num_queries(0):
        request_user, _ = authenticate(token)
        assert request_user.pk == request_user.id == user.pk
        assert request_user.is_authenticated and not request_user.is_anonymous and bool(request_user)
    with django_assert_num_queries(1):  # the row, loaded once, only when a view uses it
        assert request_user.email == user.email
        assert isinstance(request_user, User) and request_user == user
        assert request_user.first_name == user.first_name


def test_an_authenticated_list_does_not_load_the_user_row(client_for, user, event, django_assert_num_queries):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {login(user.email)['access']}")
    assert client.get("/api/events/").status_code == 200
    with django_assert_num_queries(1):  # the page (its count is cached): no user query
        response = client.get("/api/events/")
    assert response.json()["count"] == 1


@pytest.mark.parametrize("how", ["save", "admin_suspend", "delete"])
def test_suspension_and_deletion_end_a_cached_token_at_once(user, staff, how):
    token = login(user.email)["access"]
    assert me_status(token) == 200  # the state is cached now
    if how == "save":
        user.is_active = False
        user.save(update_fields=["is_active"])
        expected = "user_inactive"
    elif how == "admin_suspend":
        request = RequestFactory().post("/admin/")
        request.user = staff
        admin = site._registry[User]
        admin.message_user = lambda *args, **kwargs: None
        admin.suspend(request, User.objects.filter(pk=user.pk))
        expected = "user_inactive"
    else:
        user.delete()
        expected = "user_not_found"
    assert me_status(token) == 401
    with pytest.raises(AuthenticationFailed) as refused:
        authenticate(token)
    assert refused.value.detail["code"] == expected


def test_a_forged_generation_is_refused_with_a_warm_cache(user):
    token = AccessToken.for_user(user)
    token["gen"] = user.token_generation
    assert me_status(str(token)) == 200
    token["gen"] = user.token_generation + 1
    assert me_status(str(token)) == 401


def test_without_redis_the_generation_is_read_from_the_database(user, client_for, redis_down):
    stolen = login(user.email)["access"]
    assert me_status(stolen) == 200
    changed = client_for(user).post(
        "/api/auth/password/change/",
        {"old_password": PASSWORD, "new_password": "outra-senha-forte-99"},
        format="json",
    )
    assert changed.status_code == 200
    assert me_status(stolen) == 401
    assert me_status(changed.json()["access"]) == 200


def test_a_join_reads_the_user_before_locking_the_mutirao(user, event, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {login(user.email)['access']}")
    assert client.get("/api/events/").status_code == 200  # the user's access state is cached
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/events/{event.id}/join/", {}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    statements = [q["sql"] for q in captured.captured_queries]
    user_read = next(i for i, sql in enumerate(statements) if 'FROM "users_user"' in sql)
    # A first sign-up takes the mutirão's row lock with the counters' UPDATE, just before the commit.
    lock = next(i for i, sql in enumerate(statements) if sql.startswith('UPDATE "events_event"'))
    assert user_read < lock
    assert sum('FROM "users_user"' in sql for sql in statements) == 1
