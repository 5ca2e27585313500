"""The media disk full: a photo upload is refused with a clear error (507, pt-BR message), nothing
half-written stays on the disk and no row points at a missing file; with space again, uploads work.

The cluster's media directory becomes a real, small tmpfs (mount), filled up to a few KB.
"""

from __future__ import annotations

import io
import os
import random
import subprocess

import pytest
from cluster import api
from cluster.conftest import source_ips
from PIL import Image

from .helpers import people


def _noisy_jpeg() -> bytes:
    """~100 KB even after re-encoding (noise does not compress)."""
    rnd = random.Random(8)
    image = Image.frombytes("RGB", (256, 256), bytes(rnd.getrandbits(8) for _ in range(256 * 256 * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _multipart(fields: dict[str, str], name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "chaos-boundary-7f3a"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def small_media(chaos_cluster):
    media = chaos_cluster.state / "media"
    media.mkdir(exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(media)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield media
    finally:
        subprocess.run(["umount", "-l", str(media)], capture_output=True, timeout=30)


def _fill(media, leave_bytes: int) -> None:
    stat = os.statvfs(media)
    free = stat.f_bavail * stat.f_frsize
    with open(media / "filler", "wb") as f:
        f.write(b"\0" * max(0, free - leave_bytes))
        f.flush()
        os.fsync(f.fileno())


def _files(media) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def test_upload_refused_cleanly_when_media_disk_is_full(chaos_cluster, small_media):
    cluster = chaos_cluster
    (organizer,) = people(cluster, 1)
    c = cluster.client(source_ips(1)[0])
    event_id = api.create_event(c, organizer["access"])
    image = _noisy_jpeg()
    assert len(image) > 40_000
    body, content_type = _multipart({"stage": "before", "caption": "Antes"}, "image", "praia.jpg", image)
    headers = {
        "Authorization": f"Bearer {organizer['access']}",
        "Content-Type": content_type,
        "Accept-Language": "pt-BR",
    }

    _fill(small_media, leave_bytes=16 * 1024)  # room for a few blocks, not for the photo
    before = _files(small_media)
    r = c.request("POST", f"/api/events/{event_id}/photos/", body=body, headers=headers)
    assert r.status == 507, (r.status, r.body[:300])
    error = r.json()
    assert error["code"] == "storage_full"  # type: ignore[index]
    assert "espaço" in error["detail"].lower()  # type: ignore[index]
    assert _files(small_media) == before, "a half-written file stayed on the full disk"
    assert cluster.sql(f"SELECT count(*) FROM community_photo WHERE event_id = {event_id}") == "0"

    (small_media / "filler").unlink()
    r = c.request("POST", f"/api/events/{event_id}/photos/", body=body, headers=headers)
    assert r.status == 201, (r.status, r.body[:300])
    stored = r.json()["image"]  # type: ignore[index]
    assert any(stored.endswith(name) for name in _files(small_media)), (stored, _files(small_media))
