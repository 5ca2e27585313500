"""Passwords are hashed with Argon2id (OWASP's parameters); older PBKDF2 hashes are upgraded at login."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password
from django.test import override_settings

from conftest import PASSWORD
from mutiroes.users.hashers import OwaspArgon2idPasswordHasher
from mutiroes.users.models import User

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "mutiroes.users.hashers.OwaspArgon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


def login(api, email, password=PASSWORD):
    return api.post("/api/auth/token/", {"email": email, "password": password}, format="json")


def test_production_settings_put_argon2id_first():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "mutiroes.users.hashers.OwaspArgon2idPasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS


def test_new_passwords_are_argon2id_with_owasp_parameters(production_hashers):
    encoded = make_password(PASSWORD)
    # argon2$argon2id$v=19$m=19456,t=2,p=1$salt$hash
    algorithm, variety, version, params, *_ = encoded.split("$")
    assert (algorithm, variety, version, params) == ("argon2", "argon2id", "v=19", "m=19456,t=2,p=1")
    assert isinstance(identify_hasher(encoded), OwaspArgon2idPasswordHasher)


def test_a_pbkdf2_hash_is_upgraded_at_the_next_login(api, make_user, production_hashers):
    user = make_user(email="antiga@exemplo.com.br")
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=old)

    response = login(api, "antiga@exemplo.com.br")

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    stored = User.objects.values_list("password", flat=True).get(pk=user.pk)
    assert stored != old
    assert stored.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    # The upgraded hash verifies the same password, and only it.
    assert login(api, "antiga@exemplo.com.br").status_code == 200
    assert login(api, "antiga@exemplo.com.br", password="outra-senha-qualquer-1").status_code == 401
    assert User.objects.values_list("password", flat=True).get(pk=user.pk) != old


def test_a_wrong_password_does_not_upgrade_the_hash(api, make_user, production_hashers):
    user = make_user(email="antiga@exemplo.com.br")
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=old)

    assert login(api, "antiga@exemplo.com.br", password="outra-senha-qualquer-1").status_code == 401

    assert User.objects.values_list("password", flat=True).get(pk=user.pk) == old


def test_production_settings_check_every_argon2_hash_with_our_hasher():
    """Django checks a stored hash with the last hasher of its algorithm name: no other "argon2"
    hasher may follow ours, or logins would hash in the request thread at the normal priority."""
    from django.contrib.auth.hashers import get_hashers_by_algorithm

    from config.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert isinstance(get_hashers_by_algorithm()["argon2"], OwaspArgon2idPasswordHasher)
        older = Argon2PasswordHasher().encode(PASSWORD, "saltsaltsalt")  # Django's default parameters
        assert isinstance(identify_hasher(older), OwaspArgon2idPasswordHasher)


def test_a_login_checks_the_password_on_the_low_priority_threads(api, make_user, monkeypatch):
    from config.settings import base
    from mutiroes.users import hashers

    calls: list[str] = []
    original = hashers.run_at_low_priority

    def spy(fn, *args, **kwargs):
        calls.append(fn.__name__)
        return original(fn, *args, **kwargs)

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        make_user(email="pessoa@exemplo.com.br")
        monkeypatch.setattr(hashers, "run_at_low_priority", spy)
        assert login(api, "pessoa@exemplo.com.br").status_code == 200
    assert calls == ["verify"]
