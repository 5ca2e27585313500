"""Costly CPU work (password hashes, image decoding) runs on threads of a lower CPU priority."""

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.utils import translation
from PIL import Image

from mutiroes.core import cpu, images
from mutiroes.core.exceptions import ApplicationError

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="nice is per thread on Linux only")


def _where() -> tuple[str, int]:
    return threading.current_thread().name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@linux_only
def test_the_work_runs_on_a_lowered_thread_and_the_caller_keeps_its_priority():
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    name, niceness = cpu.run_at_low_priority(_where)
    assert name.startswith("low-cpu")
    assert niceness > before
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before


def test_results_exceptions_and_the_callers_language_come_back():
    assert cpu.run_at_low_priority(sum, [1, 2, 3]) == 6
    with translation.override("pt-br"):
        assert cpu.run_at_low_priority(translation.get_language) == "pt-br"
    with pytest.raises(ZeroDivisionError):
        cpu.run_at_low_priority(lambda: 1 / 0)


def test_nested_use_runs_in_place_instead_of_waiting_for_itself():
    def outer() -> list[str]:
        return [threading.current_thread().name, cpu.run_at_low_priority(lambda: threading.current_thread().name)]

    first, inner = cpu.run_at_low_priority(outer)
    assert first == inner and first.startswith("low-cpu")


@linux_only
def test_image_decoding_runs_at_the_low_priority(monkeypatch):
    seen: list[tuple[str, int]] = []
    original = Image.Image.thumbnail

    def spy(self, *args, **kwargs):
        seen.append(_where())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "thumbnail", spy)
    out = BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="PNG")
    clean = images.image_clean(BytesIO(out.getvalue()), size=len(out.getvalue()), kind=images.AVATAR)
    assert (clean.width, clean.height) == (40, 30)
    assert [name.startswith("low-cpu") and niceness > 0 for name, niceness in seen] == [True]
    # a refusal raised on that thread reaches the caller, translated in its language
    with translation.override("pt-br"), pytest.raises(ApplicationError) as refused:
        images.image_clean(BytesIO(b"not an image"), size=12, kind=images.AVATAR)
    assert refused.value.errors == {"image": ["Envie uma imagem JPEG, PNG ou WebP."]}


@linux_only
def test_argon2_hashes_and_checks_run_at_the_low_priority(settings, monkeypatch):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    settings.PASSWORD_HASHERS = ["mutiroes.users.hashers.OwaspArgon2idPasswordHasher"]
    seen: list[tuple[str, int]] = []
    for method in ("encode", "verify"):
        original = getattr(Argon2PasswordHasher, method)

        def spy(self, *args, _original=original, **kwargs):
            seen.append(_where())
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Argon2PasswordHasher, method, spy)
    encoded = make_password("uma senha longa")
    assert encoded.startswith("argon2$argon2id$")
    assert check_password("uma senha longa", encoded) and not check_password("outra", encoded)
    assert len(seen) == 3
    assert all(name.startswith("low-cpu") and niceness > 0 for name, niceness in seen)


@linux_only
@pytest.mark.parametrize("interface", ["tasks", "cgroup.threads"])  # cgroup v1, cgroup v2 (threaded)
def test_a_low_priority_thread_joins_the_low_weight_cgroup_the_runtime_gives(monkeypatch, tmp_path, interface):
    (tmp_path / interface).write_text("")
    monkeypatch.setenv(cpu.CGROUP_ENV, str(tmp_path))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="low-cpu", initializer=cpu._lower_this_thread) as pool:
        tid, niceness = pool.submit(lambda: (threading.get_native_id(), _where()[1])).result()
    assert (tmp_path / interface).read_text() == str(tid)
    assert niceness == cpu.NICENESS
    # the caller's own thread was neither lowered nor moved
    assert str(threading.get_native_id()) != (tmp_path / interface).read_text()


@linux_only
def test_without_a_usable_cgroup_the_thread_is_only_lowered(monkeypatch, tmp_path):
    monkeypatch.setenv(cpu.CGROUP_ENV, str(tmp_path / "missing"))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="low-cpu", initializer=cpu._lower_this_thread) as pool:
        assert pool.submit(lambda: _where()[1]).result() == cpu.NICENESS
    assert not (tmp_path / "missing").exists()  # nothing is created
