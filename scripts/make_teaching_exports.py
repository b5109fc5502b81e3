"""Render the constructed teaching articles as two database exports (for notebook 04).

Input: ``data/teaching/export_articles.yaml`` -- 28 articles **constructed** for newsframes
(invented outlets, bylines and quotes; see ``data/teaching/README.md``). Outputs, next to it:

``northern_courier_nexis.txt``
    The 14 "Northern Courier" articles as ONE Nexis Uni plain-text export, in the layout
    that ``toolkit/importers/nexis.py`` documents: a cover page, then per article the
    headline, the publication, the date line (``July 14, 2022 Thursday``), ``Copyright``,
    ``Section: WORLD; Pg. A6``, ``Length: 512 words``, ``Byline: ...``, ``Body``, the body
    paragraphs (blank lines between them), ``Classification``, ``Language: ENGLISH``,
    ``Publication-Type: Newspaper``, ``Load-Date: ...`` and ``End of Document``.
``harbour_bulletin_guardian.json``
    The 14 "Harbour Bulletin" articles as ONE response of the Guardian Content API's
    ``/search`` endpoint (``{"response": {"status": "ok", "results": [...]}}``; per result
    ``id``, ``type``, ``sectionId``, ``sectionName``, ``webPublicationDate`` (UTC, with
    ``Z``), ``webTitle``, ``webUrl`` (a fictional ``example.org`` address), ``apiUrl``,
    ``fields.body`` (HTML ``<p>`` paragraphs), ``fields.byline``, ``fields.wordcount`` (a
    string, as the API sends it)). Load it with ``format="guardian"`` and
    ``defaults={"source": "Harbour Bulletin"}``.

The body text is copied unchanged from the YAML file (its page furniture included: that is
what the notebook teaches to find). Everything else (page numbers, publication times, URL
slugs) is derived from the article's position and headline, so the output is the same on
every run and every machine.

The script always regenerates its own two outputs (and touches no other file). Run it from
anywhere::

    .venv/bin/python scripts/make_teaching_exports.py           # write the two files
    .venv/bin/python scripts/make_teaching_exports.py --check   # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TEACHING = ROOT / "data" / "teaching"
SOURCE = TEACHING / "export_articles.yaml"
NEXIS_OUT = TEACHING / "northern_courier_nexis.txt"
GUARDIAN_OUT = TEACHING / "harbour_bulletin_guardian.json"

NEXIS_OUTLET = "Northern Courier"
GUARDIAN_OUTLET = "Harbour Bulletin"
GUARDIAN_HOST = "https://harbour-bulletin.example.org"
GUARDIAN_API = "https://content.harbour-bulletin.example.org"


def load_articles(path: Path = SOURCE) -> list[dict]:
    """The articles of the YAML file, each with its body split into paragraphs."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    articles = []
    for item in doc["articles"]:
        article = dict(item)
        article["date"] = dt.date.fromisoformat(str(item["date"]))
        article["paragraphs"] = [" ".join(p.split()) for p in item["body"].split("\n\n")
                                 if p.strip()]
        articles.append(article)
    return articles


def word_count(paragraphs: list[str]) -> int:
    """Words of the body, counted as white-space separated pieces (as databases do)."""
    return sum(len(p.split()) for p in paragraphs)


def slug(headline: str, max_words: int = 8) -> str:
    """A URL slug from a headline: lower case, letters and digits, hyphens."""
    words = re.findall(r"[a-z0-9]+", headline.lower().replace("'", ""))
    return "-".join(words[:max_words])


# ------------------------------------------------------------------------------ Nexis


def nexis_date_line(date: dt.date) -> str:
    """``July 14, 2022 Thursday``, the Nexis Uni date line."""
    return f"{date:%B} {date.day}, {date.year} {date:%A}"


def nexis_article(article: dict, page: int) -> list[str]:
    """One article in the Nexis Uni layout (paragraphs; blank lines are added later)."""
    date = article["date"]
    load_date = date + dt.timedelta(days=1)
    return [
        article["headline"],
        NEXIS_OUTLET,
        nexis_date_line(date),
        f"Copyright {date.year} Northern Courier Media Group All Rights Reserved",
        f"Section: {article['section'].upper()}; Pg. A{page}",
        f"Length: {word_count(article['paragraphs'])} words",
        f"Byline: {article['byline']}",
        "Body",
        *article["paragraphs"],
        "Classification",
        "Language: ENGLISH",
        "Publication-Type: Newspaper",
        f"Load-Date: {load_date:%B} {load_date.day}, {load_date.year}",
        "End of Document",
    ]


def nexis_export(articles: list[dict]) -> str:
    """The Nexis Uni text export: a cover page, then the articles."""
    cover = [
        "User Name: = Teaching Account (constructed example)",
        "Date and Time: = Monday, June 5, 2023 10:00:00 AM EST",
        "Job Number: 000000000",
        f"Documents ({len(articles)})",
        *[f"{i}. {a['headline']}" for i, a in enumerate(articles, 1)],
        "Client/Matter: -None-",
        'Search Terms: "Northern Courier" AND (ukraine OR kyiv)',
        "Search Type: Terms and Connectors",
        "Content Type: News",
        "",
    ]
    lines = list(cover)
    for i, article in enumerate(articles, 1):
        paragraphs = nexis_article(article, page=4 + i % 9)
        lines.extend(line for p in paragraphs for line in (p, ""))
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------ Guardian


def guardian_result(article: dict, position: int) -> dict:
    """One Content API ``/search`` result."""
    date = article["date"]
    # a fictional publication time, different per article but fixed (UTC)
    published = dt.datetime(date.year, date.month, date.day, 9 + position % 9,
                            (7 * position) % 60, tzinfo=dt.UTC)
    path = f"world/{date.year}/{date:%b}".lower() + f"/{date.day:02d}/{slug(article['headline'])}"
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in article["paragraphs"])
    return {
        "id": path,
        "type": "article",
        "sectionId": "world",
        "sectionName": article["section"],
        "webPublicationDate": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "webTitle": article["headline"],
        "webUrl": f"{GUARDIAN_HOST}/{path}",
        "apiUrl": f"{GUARDIAN_API}/{path}",
        "isHosted": False,
        "pillarId": "pillar/news",
        "pillarName": "News",
        "fields": {
            "byline": article["byline"],
            "wordcount": str(word_count(article["paragraphs"])),
            "body": body,
        },
    }


def guardian_export(articles: list[dict]) -> str:
    """A Content API search response holding all the articles (one page)."""
    results = [guardian_result(a, i) for i, a in enumerate(articles, 1)]
    response = {
        "response": {
            "status": "ok",
            "userTier": "developer",
            "total": len(results),
            "startIndex": 1,
            "pageSize": len(results),
            "currentPage": 1,
            "pages": 1,
            "orderBy": "relevance",
            "results": results,
        }
    }
    return json.dumps(response, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------------ main


def render() -> dict[Path, str]:
    """The contents of both outputs."""
    articles = load_articles()
    courier = [a for a in articles if a["outlet"] == NEXIS_OUTLET]
    bulletin = [a for a in articles if a["outlet"] == GUARDIAN_OUTLET]
    if len(courier) + len(bulletin) != len(articles):
        other = sorted({a["outlet"] for a in articles} - {NEXIS_OUTLET, GUARDIAN_OUTLET})
        raise SystemExit(f"{SOURCE}: unexpected outlet(s) {other}")
    return {NEXIS_OUT: nexis_export(courier), GUARDIAN_OUT: guardian_export(bulletin)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if an output is missing or out of date")
    args = parser.parse_args(argv)
    outputs = render()
    if args.check:
        stale = [p for p, text in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for p, text in outputs.items():
        p.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
