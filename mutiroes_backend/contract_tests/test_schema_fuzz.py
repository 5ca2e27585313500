"""Schemathesis against /api/schema/, authenticated, with all its checks.

Every generated request, valid or not, must get an answer the schema documents: no 5xx,
no response outside the schema, no invalid input accepted.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework_simplejwt.tokens import AccessToken

from config.wsgi import application

# Erasing the fuzzing account would end the run; account erasure has its own tests
# (mutiroes/users/tests/test_profile.py, mutiroes/core/tests/test_data_safety.py).
schema = schemathesis.pytest.from_fixture("api_schema").exclude(method="DELETE", path="/api/users/me/")


@pytest.fixture
def api_schema(db):
    # Like Django's test client: keep the test's connection (and transaction) open across requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def auth_headers(db, make_user, make_event):
    user = make_user(email="fuzz@exemplo.com.br")
    make_event(organizer=user)
    make_event()
    return {"Authorization": f"Bearer {AccessToken.for_user(user)}"}


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers)
