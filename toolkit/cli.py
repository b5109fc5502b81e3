"""The ``newsframes`` command line.

::

    newsframes report CORPUS [--lexicon war_framing] [--by source] [-o report.html]
                             [--heading HEADING] [--overwrite]

``CORPUS`` is a file, folder or glob read with :func:`toolkit.load_corpus`, or the word
``demo`` for the bundled demo corpus (write ``./demo`` for a file of that name). The
report (:func:`toolkit.report.build_report`) is written to ``-o`` and its path printed.
An existing file is never replaced without ``--overwrite``. On an error (missing corpus,
existing output, missing column...) the command prints one line to stderr and exits
with status 2. Also runs as ``python -m toolkit.cli``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

PROG = "newsframes"


class _UsageError(Exception):
    """A command-line usage error (reported in one line, exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump, no SystemExit
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Study how news media word events.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    report = sub.add_parser(
        "report",
        help="write a self-contained HTML report of a corpus",
        description="Write a self-contained HTML report: corpus summary, top terms, "
        "keyness, frame prevalence and the concordance lines behind every chart.",
    )
    report.add_argument("corpus", metavar="CORPUS",
                        help="a corpus file, folder or glob (load_corpus), or 'demo'")
    report.add_argument("--lexicon", default="war_framing",
                        help="frame lexicon: bundled name or YAML path (default: war_framing)")
    report.add_argument("--by", default="source",
                        help="grouping column (default: source)")
    report.add_argument("-o", "--output", default="report.html",
                        help="HTML file to write (default: report.html)")
    report.add_argument("--heading", default=None, help="heading of the report")
    report.add_argument("--overwrite", action="store_true",
                        help="replace the output file if it exists")
    return parser


def _load(corpus: str):
    import toolkit

    if corpus == "demo":
        return toolkit.load_demo()
    return toolkit.load_corpus(corpus)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsframes`` command line.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``), e.g.
        ``["report", "demo", "-o", "report.html"]``.

    Returns
    -------
    int
        The exit status: 0 on success (the output path is printed), 2 on an error (one
        line on stderr: usage, missing corpus, existing output, bad column or lexicon).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.cli import main
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.html"
    >>> main(["report", "demo", "-o", str(out)])   # doctest: +ELLIPSIS
    /.../r.html
    0
    >>> main(["report", "demo", "-o", str(out)])   # an existing file is never replaced
    2
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    try:
        try:
            args = parser.parse_args(args_list)
        except SystemExit as done:  # --help and --version print and stop
            return done.code if isinstance(done.code, int) else 0
        if args.command is None:
            raise _UsageError("no command given; try 'newsframes report demo -o report.html'")
        from .report import build_report

        if not args.overwrite:
            # say so before loading and analysing anything
            from pathlib import Path

            if Path(args.output).exists():
                raise FileExistsError(
                    f"{args.output} already exists; pass --overwrite to replace it"
                )
        corpus = _load(args.corpus)
        path = build_report(corpus, lexicon=args.lexicon, by=args.by, path=args.output,
                            heading=args.heading, overwrite=args.overwrite)
    except (_UsageError, OSError, ValueError, TypeError) as err:
        message = " ".join(str(err).split()) or type(err).__name__
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
