import pytest
from rest_framework_simplejwt.tokens import AccessToken


def test_bench_routes_are_absent_by_default(api):
    assert api.get("/api/bench/noop/").status_code == 404
    assert api.get("/api/bench/noop-auth/").status_code == 404


@pytest.mark.urls("mutiroes.core.tests.bench_urls")
@pytest.mark.django_db
def test_noop_answers_without_database_or_cache(api, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = api.get("/api/bench/noop/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["X-Replica"]


@pytest.mark.urls("mutiroes.core.tests.bench_urls")
@pytest.mark.django_db
def test_noop_auth_needs_a_token(api, user):
    assert api.get("/api/bench/noop-auth/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    response = api.get("/api/bench/noop-auth/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "user": user.pk}
