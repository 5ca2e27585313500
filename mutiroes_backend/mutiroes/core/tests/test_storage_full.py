# ruff: noqa: S603, S607  (tests run git and mount/umount, fixed arguments)
"""A full disk: uploads are refused with 507 `storage_full` and nothing half-written stays behind.

On a real, tiny tmpfs (mount needs root; skipped where the sandbox forbids it). The chaos test
tests/chaos/test_media_disk_full.py does the same through nginx and a replica of the cluster.
"""

import io
import os
import random
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mutiroes.community.models import Photo
from mutiroes.core.storage import StorageFull


@pytest.fixture
def full_disk(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(root)], capture_output=True)
    if mount.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    settings.MEDIA_ROOT = root
    try:
        stat = os.statvfs(root)
        with open(root / "filler", "wb") as f:
            f.write(b"\0" * (stat.f_bavail * stat.f_frsize - 8 * 1024))  # 8 KB left
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root)], capture_output=True)


def _files(root) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _noisy_jpeg() -> bytes:
    rnd = random.Random(3)
    image = Image.frombytes("RGB", (200, 200), bytes(rnd.getrandbits(8) for _ in range(200 * 200 * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_storage_removes_the_partial_file(full_disk):
    with pytest.raises(StorageFull) as raised:
        default_storage.save("photos/1/big.bin", ContentFile(b"x" * 200_000))
    assert raised.value.status_code == 507
    assert _files(full_disk) == {"filler"}
    (full_disk / "filler").unlink()
    assert default_storage.save("photos/1/big.bin", ContentFile(b"x" * 200_000)) == "photos/1/big.bin"


def test_photo_upload_on_a_full_disk_is_507_and_leaves_nothing(client_for, user, event, full_disk):
    from mutiroes.events.models import Participation

    Participation.objects.create(event=event, user=user, status=Participation.Status.CONFIRMED)
    image = SimpleUploadedFile("praia.jpg", _noisy_jpeg(), content_type="image/jpeg")
    response = client_for(user).post(
        f"/api/events/{event.id}/photos/", {"image": image, "stage": "before"}, format="multipart"
    )
    assert response.status_code == 507
    assert response.json() == {
        "detail": "Não há espaço para guardar o arquivo agora. Tente novamente mais tarde.",
        "code": "storage_full",
    }
    assert not Photo.objects.exists()
    assert _files(full_disk) == {"filler"}
