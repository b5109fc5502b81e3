"""One helper shared by the importers: the outlet's host name from a URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def host_name(url: Any) -> str | None:
    """The host name of a URL without a leading ``www.``; None when there is none.

    A URL given without a scheme (``example.org/path``, as Media Cloud's ``media_url``
    sometimes is) is read as a host and path.

    Parameters
    ----------
    url : object
        A URL; anything that is not a non-empty string gives None.

    Returns
    -------
    str or None
        The host name, lowercased, without ``www.``.

    Examples
    --------
    >>> from toolkit.importers._urls import host_name
    >>> host_name("https://www.example.org/a"), host_name("example.org/b"), host_name(None)
    ('example.org', 'example.org', None)
    """
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None
