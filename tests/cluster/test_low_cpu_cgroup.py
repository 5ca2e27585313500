"""The native cluster gives its replicas' low-priority threads a low-weight cgroup when it may.

Quick checks without a cluster: deploy/native/cluster.py makes the cgroup (v1 `cpu`, the weight of
`nice` 10) and passes its path to the replicas; where the hierarchy is not writable the replicas
get nothing and keep `nice` alone (mutiroes/core/cpu.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("native_cluster_low_cpu", ROOT / "deploy" / "native" / "cluster.py")
assert _spec is not None and _spec.loader is not None
native = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(native)


class _Cluster:
    port = 41234


def test_the_replicas_get_a_cgroup_of_the_weight_of_nice_10(monkeypatch, tmp_path):
    monkeypatch.setattr(native, "CGROUP_V1_CPU", tmp_path)
    env = native.low_cpu_cgroup_env(_Cluster())
    made = tmp_path / "mutiroes-41234-low-cpu"
    assert env == {"MUTIROES_LOW_CPU_CGROUP": str(made)}
    assert (made / "cpu.shares").read_text() == "110"
    (made / "cpu.shares").unlink()  # a real cgroup's files go with it
    native.low_cpu_cgroup_remove(_Cluster())
    assert not made.exists()


def test_without_a_writable_hierarchy_the_replicas_keep_nice_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(native, "CGROUP_V1_CPU", tmp_path / "no-cgroup-v1")
    assert native.low_cpu_cgroup_env(_Cluster()) == {}
    native.low_cpu_cgroup_remove(_Cluster())  # nothing to remove: no error
