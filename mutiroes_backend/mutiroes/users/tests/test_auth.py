import re

import pytest
from django.core import mail
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from conftest import PASSWORD
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db


def register(api, **overrides):
    body = {"email": "Nova@Exemplo.com.br", "password": PASSWORD, "first_name": "Nova", "last_name": "Pessoa"}
    body.update(overrides)
    return api.post("/api/auth/register/", body, format="json")


def login(api, email, password=PASSWORD):
    return api.post("/api/auth/token/", {"email": email, "password": password}, format="json")


def test_register_creates_user_with_lowercase_email_and_welcome(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(api)
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "nova@exemplo.com.br"
    assert body["first_name"] == "Nova"
    assert body["name"] == "Nova Pessoa"
    assert "password" not in body
    user = User.objects.get(pk=body["id"])
    assert user.check_password(PASSWORD)
    assert [m.to for m in mail.outbox] == [["nova@exemplo.com.br"]]
    assert "Bem-vindo" in mail.outbox[0].subject or "Boas-vindas" in mail.outbox[0].subject


def test_register_duplicate_email_any_case_is_refused(api, user):
    response = register(api, email="VOLUNTEER@exemplo.com.br")
    assert_refused(response, 400, "email_taken", "Já existe uma conta com este e-mail.")
    body = response.json()
    assert body["code"] == "email_taken"
    assert body["errors"]["email"] == ["Já existe uma conta com este e-mail."]
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password": "123"}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_register_invalid_input_changes_nothing(api, overrides, field):
    response = register(api, **overrides)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert User.objects.count() == 0


def test_register_malformed_json_is_400(api):
    response = api.post("/api/auth/register/", "{not json", content_type="application/json")
    assert_refused(
        response,
        400,
        "parse_error",
        "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    )
    assert response.json()["code"] == "parse_error"
    assert User.objects.count() == 0


def test_token_pair_and_wrong_password(api, user):
    ok = login(api, "Volunteer@Exemplo.com.br")
    assert ok.status_code == 200
    assert set(ok.json()) == {"access", "refresh"}
    wrong = login(api, user.email, "senha-errada")
    assert_refused(wrong, 401, "invalid_credentials", "E-mail ou senha incorretos.")
    assert wrong.json() == {"detail": "E-mail ou senha incorretos.", "code": "invalid_credentials"}


def test_access_token_authenticates(api, user):
    access = login(api, user.email).json()["access"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    response = api.get("/api/users/me/")
    assert response.status_code == 200
    assert response.json()["email"] == user.email


def test_refresh_rotates_and_a_used_refresh_is_refused(api, user):
    refresh = login(api, user.email).json()["refresh"]
    first = api.post("/api/auth/token/refresh/", {"refresh": refresh}, format="json")
    assert first.status_code == 200
    assert first.json()["refresh"] != refresh
    again = api.post("/api/auth/token/refresh/", {"refresh": refresh}, format="json")
    assert_refused(again, 401, "token_not_valid", "Token inválido ou expirado.")
    assert again.json()["code"] == "token_not_valid"
    newer = api.post("/api/auth/token/refresh/", {"refresh": first.json()["refresh"]}, format="json")
    assert newer.status_code == 200


def test_refresh_of_garbage_or_deactivated_user_is_401(api, user):
    assert_refused(
        api.post("/api/auth/token/refresh/", {"refresh": "abc.def.ghi"}, format="json"),
        401,
        "token_not_valid",
        "Token inválido ou expirado.",
    )
    refresh = login(api, user.email).json()["refresh"]
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert_refused(
        api.post("/api/auth/token/refresh/", {"refresh": refresh}, format="json"),
        401,
        "token_not_valid",
        "Token inválido ou expirado.",
    )


def test_logout_revokes_the_refresh_token(api, user):
    tokens = login(api, user.email).json()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    response = api.post("/api/auth/logout/", {"refresh": tokens["refresh"]}, format="json")
    assert response.status_code == 204
    assert BlacklistedToken.objects.count() == 1
    api.credentials()
    assert_refused(
        api.post("/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"),
        401,
        "token_not_valid",
        "Token inválido ou expirado.",
    )


def test_logout_needs_authentication(api):
    assert_refused(
        api.post("/api/auth/logout/", {"refresh": "x"}, format="json"),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )


def test_password_change(client_for, user, api):
    client = client_for(user)
    wrong = client.post(
        "/api/auth/password/change/", {"old_password": "errada", "new_password": "outra-senha-forte-99"}, format="json"
    )
    assert_refused(wrong, 400, "wrong_password", "A senha atual está incorreta.")
    assert "old_password" in wrong.json()["errors"]
    weak = client.post("/api/auth/password/change/", {"old_password": PASSWORD, "new_password": "123"}, format="json")
    assert_refused(weak, 400, "invalid", "Escolha uma senha mais forte.")
    assert "new_password" in weak.json()["errors"]
    ok = client.post(
        "/api/auth/password/change/", {"old_password": PASSWORD, "new_password": "outra-senha-forte-99"}, format="json"
    )
    assert ok.status_code == 200
    assert set(ok.json()) == {"access", "refresh"}
    assert_refused(login(api, user.email), 401, "invalid_credentials", "E-mail ou senha incorretos.")
    assert login(api, user.email, "outra-senha-forte-99").status_code == 200


def me_status(access: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/users/me/").status_code


def test_logout_ends_the_access_token_at_once_and_only_that_session(api, user):
    """The access token used to stay valid for up to 60 minutes after logout."""
    phone = login(api, user.email).json()
    laptop = login(api, user.email).json()
    rotated = api.post("/api/auth/token/refresh/", {"refresh": phone["refresh"]}, format="json").json()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {rotated['access']}")
    assert client.post("/api/auth/logout/", {"refresh": rotated["refresh"]}, format="json").status_code == 204
    assert me_status(rotated["access"]) == 401
    assert me_status(phone["access"]) == 401  # the same session's earlier access token too
    assert me_status(laptop["access"]) == 200  # another sign-in goes on


@pytest.mark.parametrize("how", ["password_change", "password_reset", "erasure"])
def test_password_events_end_every_access_token_at_once(api, user, client_for, how):
    stolen = login(api, user.email).json()
    assert me_status(stolen["access"]) == 200
    if how == "password_change":
        pair = (
            client_for(user)
            .post(
                "/api/auth/password/change/",
                {"old_password": PASSWORD, "new_password": "outra-senha-forte-99"},
                format="json",
            )
            .json()
        )
        assert me_status(pair["access"]) == 200  # the session that changed it goes on
        refreshed = api.post("/api/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json")
        assert refreshed.status_code == 200
    elif how == "password_reset":
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        body = {
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "new_password": "senha-nova-muito-boa",
        }
        assert api.post("/api/auth/password/reset/confirm/", body, format="json").status_code == 204
    else:
        assert client_for(user).delete("/api/users/me/", {"password": PASSWORD}, format="json").status_code == 204
    assert me_status(stolen["access"]) == 401
    assert api.post("/api/auth/token/refresh/", {"refresh": stolen["refresh"]}, format="json").status_code == 401


def test_password_reset_by_email_link(api, user):
    response = api.post("/api/auth/password/reset/", {"email": user.email}, format="json")
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "redefinição de senha" in message.subject
    match = re.search(r"uid=([\w-]+)&token=([\w-]+)", message.body)
    assert match
    uid, token = match.groups()
    bad = api.post(
        "/api/auth/password/reset/confirm/",
        {"uid": uid, "token": "1-abc", "new_password": "senha-nova-muito-boa"},
        format="json",
    )
    assert_refused(bad, 400, "invalid_reset_link", "Este link de redefinição é inválido ou expirou.")
    assert bad.json()["code"] == "invalid_reset_link"
    ok = api.post(
        "/api/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": "senha-nova-muito-boa"},
        format="json",
    )
    assert ok.status_code == 204
    assert login(api, user.email, "senha-nova-muito-boa").status_code == 200
    reused = api.post(
        "/api/auth/password/reset/confirm/",
        {"uid": uid, "token": token, "new_password": "mais-uma-senha-boa"},
        format="json",
    )
    assert_refused(reused, 400, "invalid_reset_link", "Este link de redefinição é inválido ou expirou.")


def test_password_reset_unknown_email_answers_the_same_and_sends_nothing(api):
    response = api.post("/api/auth/password/reset/", {"email": "ninguem@exemplo.com"}, format="json")
    assert response.status_code == 200
    assert mail.outbox == []


def test_auth_throttle_answers_429(api, settings):
    for _ in range(20):
        login(api, "x@exemplo.com", "errada")
    response = login(api, "x@exemplo.com", "errada")
    assert_refused(response, 429, "throttled", "Pedido foi suprimido. Espera-se que esteja diponível em 60 segundos.")
    assert response.json()["code"] == "throttled"


def test_forged_forwarded_for_does_not_escape_the_auth_throttle(api, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    from rest_framework import throttling
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        statuses = []
        for i in range(21):
            response = api.post(
                "/api/auth/token/",
                {"email": "x@exemplo.com", "password": "errada"},
                format="json",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.7",
            )
            statuses.append(response.status_code)
        assert statuses[-1] == 429
        assert throttling.api_settings.NUM_PROXIES == 1
    finally:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
        api_settings.reload()


def test_english_messages_with_accept_language(api):
    response = api.post(
        "/api/auth/token/", {"email": "a@b.com", "password": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert_refused(response, 401, "invalid_credentials", "Wrong email or password.")
    assert response.json()["detail"] == "Wrong email or password."


def test_every_password_check_shares_the_auth_budget_per_account(make_user, client_for):
    """Account deletion and password change hash a password (~0.5 s of CPU): both sat outside
    every throttle, so one signed-in client could keep a replica's CPU busy."""
    person = make_user()
    client = client_for(person)
    statuses = [
        client.delete("/api/users/me/", {"password": "errada"}, format="json").status_code for _ in range(10)
    ] + [
        client.post(
            "/api/auth/password/change/",
            {"old_password": "errada", "new_password": "outra-senha-forte-99"},
            format="json",
        ).status_code
        for _ in range(10)
    ]
    assert statuses == [400] * 20, statuses
    refused = client.delete("/api/users/me/", {"password": PASSWORD}, format="json")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    person.refresh_from_db()
    assert person.is_active and person.check_password(PASSWORD)  # the refused deletion left no trace
    # reading and editing one's profile never use the budget
    assert client.get("/api/users/me/").status_code == 200
    assert client.patch("/api/users/me/", {"bio": "Oi"}, format="json").status_code == 200


def test_the_account_budget_holds_across_addresses(make_user, client_for):
    person = make_user()
    client = client_for(person)
    for i in range(20):
        response = client.post(
            "/api/auth/password/change/",
            {"old_password": "errada", "new_password": "outra-senha-forte-99"},
            format="json",
            REMOTE_ADDR=f"10.1.0.{i}",
        )
        assert response.status_code == 400
    refused = client.post(
        "/api/auth/password/change/",
        {"old_password": PASSWORD, "new_password": "outra-senha-forte-99"},
        format="json",
        REMOTE_ADDR="10.1.1.1",
    )
    assert refused.status_code == 429
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_logins_from_one_address_use_up_the_budget_of_its_password_changes(make_user, client_for):
    person = make_user()
    for _ in range(20):
        APIClient().post("/api/auth/token/", {"email": "x@exemplo.com", "password": "errada"}, format="json")
    response = client_for(person).post(
        "/api/auth/password/change/", {"old_password": PASSWORD, "new_password": "outra-senha-forte-99"}, format="json"
    )
    assert response.status_code == 429


def test_password_reset_answers_the_same_when_the_broker_is_down(api, user, monkeypatch):
    """`.delay()` raised on a broker outage: a 500 for existing emails, a 200 for unknown ones."""
    from kombu.exceptions import OperationalError

    from mutiroes.users.tasks import password_reset_email_send

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis-broker:6379. Connection refused.")

    monkeypatch.setattr(password_reset_email_send, "apply_async", broker_down)
    monkeypatch.setattr(password_reset_email_send, "delay", broker_down)
    known = api.post("/api/auth/password/reset/", {"email": user.email}, format="json")
    unknown = api.post("/api/auth/password/reset/", {"email": "ninguem@exemplo.com"}, format="json")
    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()
    assert mail.outbox == []
