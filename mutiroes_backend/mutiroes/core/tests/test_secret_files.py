"""Secrets read from files (Docker Swarm secrets): NAME_FILE fills NAME when NAME is unset."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.base import secrets_from_files


def test_a_file_fills_an_unset_secret_and_never_overrides_a_set_one(tmp_path: Path):
    (tmp_path / "db").write_text("postgres://u:p@db:5432/m\n")
    (tmp_path / "key").write_text("from-the-file")
    environ = {
        "DATABASE_URL_FILE": str(tmp_path / "db"),
        "DJANGO_SECRET_KEY": "from-the-environment",
        "DJANGO_SECRET_KEY_FILE": str(tmp_path / "key"),
        "UNRELATED_FILE": str(tmp_path / "key"),
    }
    secrets_from_files(environ)
    assert environ["DATABASE_URL"] == "postgres://u:p@db:5432/m"
    assert environ["DJANGO_SECRET_KEY"] == "from-the-environment"
    assert "UNRELATED" not in environ


def test_an_unreadable_secret_file_stops_the_start(tmp_path: Path):
    environ = {"REDIS_URL_FILE": str(tmp_path / "missing")}
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL_FILE: cannot read"):
        secrets_from_files(environ)
    assert "REDIS_URL" not in environ
