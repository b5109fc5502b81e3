"""When long work shows a progress bar (``tqdm.auto``): one rule for the whole toolkit.

A function with a ``progress`` option shows a bar when asked to (``True``), never when
told not to (``False``), and by default (``None``) when its work is long. The exception is
work done for one partition of a lazy corpus (:mod:`toolkit.scale`): the engine shows one
bar per analysis on the client, so the toolkit's own bars inside a partition are turned
off (they would only fill the workers' logs).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quiet", "show_progress"]

_STATE = threading.local()


def show_progress(progress: bool | None, long: bool) -> bool:
    """Whether to show a progress bar.

    Parameters
    ----------
    progress : bool or None
        The caller's ``progress`` option.
    long : bool
        Whether the work is long enough to show one by default.

    Returns
    -------
    bool
        ``progress`` when it is given; otherwise ``long``, except inside :func:`quiet`.

    Examples
    --------
    >>> from toolkit.progress import quiet, show_progress
    >>> show_progress(None, True), show_progress(False, True)
    (True, False)
    >>> with quiet():
    ...     show_progress(None, True)
    False
    """
    if progress is not None:
        return bool(progress)
    if getattr(_STATE, "quiet", 0):
        return False
    return bool(long)


@contextmanager
def quiet() -> Iterator[None]:
    """Within this block (in this thread), default progress bars are off.

    Returns
    -------
    contextlib.AbstractContextManager
        A context manager (nestable).

    Examples
    --------
    >>> from toolkit.progress import quiet, show_progress
    >>> with quiet():
    ...     show_progress(None, True)
    False
    >>> show_progress(None, True)
    True
    """
    _STATE.quiet = getattr(_STATE, "quiet", 0) + 1
    try:
        yield
    finally:
        _STATE.quiet -= 1
