"""Importers: readers for the exports, API responses, feeds and pages researchers start from.

Importing this package registers each reader in :mod:`toolkit.readers`, so
``load_corpus(path, format=name)`` (or the file suffix, where a format owns one) finds it.
One module per source family:

* :mod:`toolkit.importers.api` -- ``guardian``, ``nyt``, ``gdelt`` (saved API responses)
* :mod:`toolkit.importers.nexis` -- Nexis Uni / LexisNexis exports (DOCX, RTF, TXT)
* :mod:`toolkit.importers.factiva` -- Factiva exports (RTF, HTML)
* :mod:`toolkit.importers.mediacloud` -- Media Cloud CSV exports
* :mod:`toolkit.importers.feeds` -- RSS and Atom feeds
* :mod:`toolkit.importers.pages` -- saved web pages (HTML files), text extracted offline

Heavy parsers (python-docx, striprtf, feedparser, trafilatura) are imported only when a
file of theirs is read, so ``import toolkit`` stays fast.

Every reader returns the corpus columns of :mod:`toolkit.schema` plus provenance; a
malformed article is reported with the file and the article number, and ``errors="skip"``
leaves it out, reports it and reads on.
"""

from __future__ import annotations

from . import factiva, feeds, mediacloud, nexis, pages  # noqa: F401  (register readers)
from .api import read_gdelt, read_guardian, read_nyt
from .factiva import read_factiva
from .feeds import read_feed
from .mediacloud import read_mediacloud
from .nexis import read_nexis
from .pages import read_page

__all__ = [
    "read_factiva", "read_feed", "read_gdelt", "read_guardian", "read_mediacloud", "read_nexis",
    "read_nyt", "read_page",
]
