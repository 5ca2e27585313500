# ruff: noqa: S603, S607  (tests run git and mount/umount, fixed arguments)
"""Data safety: account erasure leaves no personal data anywhere in the database (LGPD) while the
platform's statistics stay what they were; no secret is committed; .env.example has placeholders.
"""

import math
import re
import subprocess
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from conftest import PASSWORD
from mutiroes.community import services as community
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event, Participation
from mutiroes.impact.models import ImpactReport
from mutiroes.impact.services import certificate_issue

REPO = Path(__file__).resolve().parents[4]


def _tables_containing(text: str) -> list[str]:
    """Every table with a row whose text form contains `text` (any column, case-insensitive)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT count(*) FROM "{table}" x WHERE x::text ILIKE %s', [f"%{text}%"])  # noqa: S608
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def test_account_erasure_leaves_no_personal_data_and_keeps_statistics(client_for, api, make_user, make_event):
    person = make_user(
        email="zuleica.marcadora@exemplo.com.br",
        first_name="Zuleica",
        last_name="Marcadora",
        bio="BIO-LGPD-3131",
        city="Xiquexique",
        state="BA",
        birth_date=date(1933, 3, 3),
    )
    start = timezone.now() - timedelta(days=3)
    past = make_event(start=start, end=start + timedelta(hours=4), status=Event.Status.COMPLETED)
    Participation.objects.create(
        event=past,
        user=person,
        status=Participation.Status.CONFIRMED,
        emergency_contact="EMERG-LGPD-8080",
        notes="NOTAS-LGPD-8080",
        checked_in_at=start,
        checked_out_at=start + timedelta(hours=3),
        hours=Decimal("3.00"),
    )
    ImpactReport.objects.create(
        event=past, factor_set_id=_current_factor_set(), plastic_kg=Decimal("12.5"), published_at=timezone.now()
    )
    future = make_event()
    client = client_for(person)
    assert (
        client.post(
            f"/api/events/{future.id}/join/", {"emergency_contact": "EMERG-LGPD-9090"}, format="json"
        ).status_code
        == 201
    )
    community.comment_create(event_id=past.id, user=person, body="Foi ótimo!")
    certificate, _ = certificate_issue(user=person)
    assert "Zuleica" in certificate.holder_name
    cache.clear()
    stats_before = api.get("/api/stats/").json()
    stats_before.pop("computed_at", None)
    assert stats_before["totals"]["volunteer_hours"] not in ("0", "0.00"), stats_before
    assert client.get("/api/users/me/certificate.pdf").status_code == 200

    assert client.delete("/api/users/me/", {"password": PASSWORD}, format="json").status_code == 204

    markers = ["zuleica", "marcadora", "BIO-LGPD-3131", "Xiquexique", "1933-03-03", "EMERG-LGPD", "NOTAS-LGPD"]
    leftovers = {marker: tables for marker in markers if (tables := _tables_containing(marker))}
    assert not leftovers, f"personal data left after erasure: {leftovers}"
    # the public verification page no longer names the person
    verify = api.get(f"/api/certificates/{certificate.code}/")
    assert_refused(verify, 404, "certificate_not_found", "Nenhum certificado com este código.")
    # statistics are about what happened, and it still happened
    cache.clear()
    stats_after = api.get("/api/stats/").json()
    stats_after.pop("computed_at", None)
    assert stats_after == stats_before
    assert Participation.objects.filter(event=past, hours=Decimal("3.00")).count() == 1
    future.refresh_from_db()
    assert future.confirmed_count == 0  # the future seat was freed


def _current_factor_set() -> int:
    from mutiroes.impact.models import CO2eFactorSet

    return CO2eFactorSet.objects.get(is_current=True).id


# ---------------------------------------------------------------- secrets in the repository
PRIVATE_KEY = re.compile(r"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----")
KNOWN_TOKENS = re.compile(
    r"AKIA[0-9A-Z]{16}|ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,}|xox[abprs]-[A-Za-z0-9-]{10,}"
    r"|sk_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20}"
)
ASSIGNMENT = re.compile(
    r"""(?ix)(secret|password|passwd|token|api_key|apikey|private_key)\w*\s*[:=]\s*["']([^"'\s]{8,})["']"""
)
# Values that are obviously not secrets: placeholders, test values, env lookups, format strings.
HARMLESS = re.compile(
    r"(?i)change-?me|example|test|dummy|placeholder|not-for-production|insecure|x{4,}|\{|\$|<|senha|mutirao"
)
SKIP_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".ico", ".gif", ".woff", ".woff2", ".mo", ".pdf", ".lock"}
SKIP_FILES = {"package-lock.json"}


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, timeout=60).stdout
    return [REPO / name for name in out.decode().split("\0") if name]


def test_no_secret_is_committed():
    files = _tracked_files()
    assert len(files) > 50, "not a git checkout?"
    findings = []
    for path in files:
        if path.suffix in SKIP_SUFFIXES or path.name in SKIP_FILES or not path.is_file():
            continue
        text = path.read_text(errors="replace")
        rel = path.relative_to(REPO)
        if PRIVATE_KEY.search(text):
            findings.append(f"{rel}: private key")
        findings += [f"{rel}: token {m.group(0)[:8]}…" for m in KNOWN_TOKENS.finditer(text)]
        for m in ASSIGNMENT.finditer(text):
            value = m.group(2)
            if HARMLESS.search(value) or HARMLESS.search(m.group(0)):
                continue
            if len(value) >= 16 and _entropy(value) > 3.5:
                findings.append(f"{rel}: {m.group(1)} = {value[:4]}… (high entropy)")
    assert not findings, "possible secrets in the repository:\n" + "\n".join(findings)


def test_the_secret_scan_finds_what_it_should(tmp_path):
    # Assembled at run time, so that this file itself holds no secret-shaped text for the scan.
    sample = "\n".join(
        [
            "DJANGO_SECRET_KEY = " + '"q8Zr2vW9' + 'xLp4Tn6bK1sYd3Hf7Jm0Gc5A"',
            "-----BEGIN RSA " + "PRIVATE KEY-----",
            "AKIA" + "ABCDEFGHIJKLMNOP",
        ]
    )
    assert PRIVATE_KEY.search(sample) and KNOWN_TOKENS.search(sample)
    m = ASSIGNMENT.search(sample)
    assert m and not HARMLESS.search(m.group(2)) and _entropy(m.group(2)) > 3.5


def test_env_example_has_placeholders_only():
    lines = (REPO / ".env.example").read_text().splitlines()
    values = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    sensitive = [k for k in values if re.search(r"SECRET|PASSWORD|TOKEN|KEY", k) and not k.endswith("MAXMEMORY")]
    assert "DJANGO_SECRET_KEY" in sensitive and "POSTGRES_PASSWORD" in sensitive
    for key in sensitive:
        assert values[key] in ("", "change-me"), f"{key} in .env.example must be empty or change-me"
    assert not (REPO / ".env").exists() or ".env" in (REPO / ".gitignore").read_text().split()


@pytest.mark.parametrize("name", [".env", "mutiroes_backend/.env", "backups/mutiroes.dump"])
def test_local_secrets_are_ignored_by_git(name):
    result = subprocess.run(["git", "check-ignore", "-q", name], cwd=REPO, timeout=30)
    assert result.returncode == 0, f"{name} is not git-ignored"
