"""Extension points that keep the apps' imports one way (core ← users ← events ← notifications /
community / impact). A lower app declares, in its `hooks.py`, what happens in it
(`participation_changed`); an app above registers what follows (its notification, its part of an
erasure) from its own `hooks.py`, loaded by its `AppConfig.ready()`.

Unlike Django signals: a hook is declared by a typed signature (keyword arguments only), the lower
app calls it where it would have called the higher one, its handlers run at once, in the caller's
transaction and in the order of INSTALLED_APPS (an error rolls the change back, as a direct call
would), and `core/tests/test_layers.py` states each hook's handlers, so a lost registration fails
the tests instead of silently skipping an effect."""

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Hook(Generic[P, R]):
    def __init__(self, signature: Callable[P, R]) -> None:
        self.name = f"{signature.__module__}.{signature.__qualname__}"
        self.__doc__ = signature.__doc__
        self.handlers: list[Callable[P, R]] = []

    def register(self, handler: Callable[P, R]) -> Callable[P, R]:
        if handler not in self.handlers:
            self.handlers.append(handler)
        return handler

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Run every handler; their answers, in order."""
        return [handler(*args, **kwargs) for handler in self.handlers]


def hook(signature: Callable[P, R]) -> Hook[P, R]:
    """Declare a hook from a function that only states its arguments, answer and meaning."""
    return Hook(signature)
