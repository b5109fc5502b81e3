"""Where the bundled data (demo corpus, lexicons, stop words) lives."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_ENV_VAR", "data_dir"]

#: Environment variable that points newsframes at another data folder.
DATA_ENV_VAR = "NEWSFRAMES_DATA"
# A folder counts as the project's data folder only if it has one of these sub-folders,
# so that an unrelated ``data`` folder (e.g. in site-packages) is never picked up.
_MARKERS = ("demo", "lexicons", "stopwords")


def data_dir() -> Path:
    """Return the folder that holds newsframes' bundled data.

    The folder is found relative to the installed ``toolkit`` package, so it does not
    depend on the working folder: a notebook started in ``notebooks/``, a script run from
    anywhere in the checkout and an editable install (``pip install -e .``) all find the
    ``data/`` folder next to the ``toolkit/`` package folder. Setting the environment
    variable ``NEWSFRAMES_DATA`` to a folder overrides the search (tests use this).

    Returns
    -------
    pathlib.Path
        An existing folder (absolute path).

    Raises
    ------
    FileNotFoundError
        If ``NEWSFRAMES_DATA`` names a folder that does not exist, or no data folder is
        found; the message lists every place searched.

    Examples
    --------
    >>> import toolkit
    >>> (toolkit.data_dir() / "demo" / "articles.jsonl").is_file()
    True
    """
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        path = Path(override).expanduser().resolve()
        if path.is_dir():
            return path
        raise FileNotFoundError(
            f"{DATA_ENV_VAR} is set to {override!r}, but that folder does not exist. "
            f"Fix or unset {DATA_ENV_VAR}."
        )
    package = Path(__file__).resolve().parent
    candidates = [package.parent / "data", package / "data"]
    for path in candidates:
        if path.is_dir() and any((path / m).is_dir() for m in _MARKERS):
            return path
    searched = "\n  ".join(str(p) for p in candidates)
    raise FileNotFoundError(
        "cannot find the newsframes data folder (a 'data' folder with 'demo/', 'lexicons/' "
        f"or 'stopwords/' in it). Searched:\n  {searched}\n"
        "If you installed newsframes without its source checkout, clone the repository or "
        f"set the environment variable {DATA_ENV_VAR} to the data folder."
    )


def list_path(name: str | Path, folder: str) -> Path:
    """The YAML file of a word list: a path as given, or a bundled list by name.

    Parameters
    ----------
    name : str or Path
        A path ending in ``.yml``/``.yaml``, or the name of a bundled list.
    folder : str
        The folder of :func:`data_dir` that holds the bundled lists (e.g. ``"attribution"``).

    Returns
    -------
    pathlib.Path
        The path (not checked for existence).

    Examples
    --------
    >>> from toolkit.paths import list_path
    >>> list_path("war_actors", "attribution").name
    'war_actors.yml'
    """
    p = Path(name)
    if p.suffix in (".yml", ".yaml"):
        return p
    return data_dir() / folder / f"{name}.yml"
