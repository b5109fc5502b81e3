"""Keeping old spellings working for one release, with a ``DeprecationWarning``.

The parameter glossary (``docs/glossary.md``) renamed a few parameters and made ``by``
and other options keyword-only. Calls written for the first release keep working until
the next one, with a warning that says what to write instead.
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def _warn(message: str) -> None:
    """Warn at the user's line: the first frame outside this module (decorators stack)."""
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
        level += 1
    warnings.warn(message, DeprecationWarning, stacklevel=level)


def keyword_only(n_positional: int, names: tuple[str, ...]) -> Callable[[F], F]:
    """Accept, with a warning, old positional uses of now keyword-only parameters.

    Parameters
    ----------
    n_positional : int
        How many positional arguments the function takes now.
    names : tuple of str
        The parameters that used to follow them positionally, in their old order.

    Returns
    -------
    callable
        A decorator.
    """

    def deco(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > n_positional:
                extra = args[n_positional:]
                if len(extra) > len(names):
                    raise TypeError(
                        f"{func.__name__}() takes {n_positional} positional argument(s) "
                        f"but {len(args)} were given"
                    )
                for name, value in zip(names, extra, strict=False):
                    if name in kwargs:
                        raise TypeError(f"{func.__name__}() got multiple values for {name!r}")
                    kwargs[name] = value
                _warn(
                    f"{func.__name__}: pass "
                    + ", ".join(f"{n}=..." for n in names[: len(extra)])
                    + " by keyword; passing it by position is deprecated and stops working "
                    "in the next release"
                )
                args = args[:n_positional]
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return deco


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """Accept, with a warning, the old name of a renamed keyword parameter.

    Parameters
    ----------
    **old_to_new : str
        ``old_name="new_name"`` pairs.

    Returns
    -------
    callable
        A decorator.
    """

    def deco(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}(): give {new}= only (not also {old}=)")
                    _warn(
                        f"{func.__name__}: {old}= is now called {new}= (see docs/glossary.md); "
                        "the old name stops working in the next release"
                    )
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return deco
