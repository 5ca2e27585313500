"""The backend's imports, checked: no cycle between modules, no import inside a function from
another app, and the apps import one way: core ← users ← events ← notifications / community /
impact / alerts / sharing ← collectives / field / litter / custody, with monitoring (reads only)
above all (ARCHITECTURE.md).
Where a lower app's change has effects in a higher one, the lower app calls a hook (core/hooks.py)
that the higher one connects: the wiring is stated here too."""

import ast
from collections import defaultdict
from pathlib import Path

import mutiroes

ROOT = Path(mutiroes.__file__).parent
LAYER = {
    "core": 0,
    "users": 1,
    "events": 2,
    "notifications": 3,
    "community": 3,
    "impact": 3,
    "alerts": 3,
    "sharing": 3,
    "collectives": 4,
    "field": 4,
    "litter": 4,
    "custody": 4,
    "monitoring": 5,
}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(), filename=str(path))
    return found


MODULES = _modules()


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]


def _graph() -> dict[str, set[str]]:
    """Every import, at module level or inside a function (a local import hides a cycle, not breaks it)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[name].update(target for target in _imported(node) if target in MODULES and target != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(MODULES):
        if node not in index:
            visit(node)
    return found


def _app(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_no_import_cycle_between_or_inside_apps():
    assert _cycles(_graph()) == []


def test_no_import_inside_a_function_from_another_app():
    local = []
    for name, tree in MODULES.items():
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top:
                local += [
                    f"{name} → {t}" for t in _imported(node) if t.startswith("mutiroes.") and _app(t) != _app(name)
                ]
    assert local == []


def test_apps_import_one_way():
    upward = {
        (_app(source), _app(target))
        for source, targets in _graph().items()
        for target in targets
        if _app(source) in LAYER and _app(target) in LAYER and LAYER[_app(target)] > LAYER[_app(source)]
    }
    assert upward == set()


def test_each_hook_runs_exactly_the_handlers_of_the_apps_above():
    """In INSTALLED_APPS order; a handler lost (or added) changes what a change does."""
    from mutiroes.events import hooks as events
    from mutiroes.users import hooks as users

    wiring = {
        hook.name: [f"{handler.__module__}.{handler.__qualname__}" for handler in hook.handlers]
        for hook in (
            users.user_registered,
            users.user_erasing,
            users.user_exported,
            events.event_changed,
            events.event_cancelled,
            events.participation_changed,
        )
    }
    assert wiring == {
        "mutiroes.users.hooks.user_registered": ["mutiroes.notifications.services.welcome_notify"],
        "mutiroes.users.hooks.user_erasing": [
            "mutiroes.events.services.participation.participations_erase_personal_data",
            "mutiroes.impact.services.certificates_erase",
            "mutiroes.collectives.services.collectives_erase",
            "mutiroes.alerts.services.alerts_erase",
        ],
        "mutiroes.users.hooks.user_exported": [
            "mutiroes.events.selectors.user_export_sections",
            "mutiroes.notifications.selectors.user_export_sections",
            "mutiroes.impact.selectors.user_export_sections",
            "mutiroes.collectives.selectors.collectives_export",
            "mutiroes.alerts.handlers.user_export_sections",
            "mutiroes.litter.selectors.user_export_sections",
        ],
        "mutiroes.events.hooks.event_changed": ["mutiroes.notifications.services.event_changed_notify"],
        "mutiroes.events.hooks.event_cancelled": ["mutiroes.notifications.services.event_cancelled_notify"],
        "mutiroes.events.hooks.participation_changed": ["mutiroes.notifications.services.participation_notify"],
    }


def test_every_task_a_service_enqueues_by_name_exists():
    """Services enqueue by name (no import of their tasks); a misspelled name would only be logged."""
    from celery import Task
    from celery.utils.imports import symbol_by_name

    names = {
        name
        for tree in MODULES.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in {"enqueue", "enqueue_on_commit"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        for name in [node.args[0].value]
    }
    assert len(names) >= 4
    for name in sorted(names):
        task = symbol_by_name(name)
        assert isinstance(task, Task) and task.name == name, name
