"""Write the Nexis and Factiva export fixtures (run it from anywhere; the outputs are kept).

Every article is invented for the tests: fictional outlets (The Harbour Gazette, Valley
Post, Kestrel Wire), invented people and wording. The same wire story appears in the Nexis
DOCX (reprinted by Valley Post) and in the Factiva RTF (Kestrel Wire itself), with different
page furniture and white space, for the duplicate-detection test.

    .venv/bin/python tests/data/importers/make_export_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
NEXIS = HERE / "nexis"
FACTIVA = HERE / "factiva"

WIRE = [
    "ISTANBUL, Feb 25 (Kestrel Wire) - Negotiators from Ukraine and Russia met for a second "
    "round of talks on Friday, according to two officials who spoke on condition of "
    "anonymity, as shelling continued on the outskirts of Kharkiv.",
    "The officials said the discussions focused on safe corridors for civilians leaving "
    "besieged towns and on the exchange of prisoners, but that no agreement had been reached "
    "by the evening.",
    "A spokesperson for the host government said the delegations would meet again early next "
    "week and described the atmosphere as tense but workmanlike.",
]

BORDER = [
    "Cars stretched for several kilometres on the road to the western border on Thursday as "
    "families packed what they could carry and set off before dawn.",
    "Volunteers handed out tea and blankets at the crossing, where guards said the wait had "
    "grown to more than ten hours.",
]

BLANKETS = [
    "Dozens of volunteers spent Saturday sorting donated blankets, nappies and tinned food in "
    "the hall of a village church, ready for a lorry bound for Poland.",
    "The organiser, a retired teacher, said the response had been larger than anything she "
    "had seen in forty years.",
]

FERRY = [
    "The ferry operator published a shortened timetable on Wednesday after the harbour "
    "authority allowed a limited number of sailings.",
    "Passengers were told to arrive two hours early because of additional checks at the "
    "terminal.",
]

BAKERY = [
    "A bakery on the edge of the old town kept its ovens running through the night, handing "
    "loaves to anyone who queued outside.",
    "Its owner said flour deliveries had become irregular but that neighbours had brought "
    "sacks from their own stores.",
]

TRAINS = [
    "Extra evening trains left the central station for the west on Saturday, each carriage "
    "filled well beyond its usual number of seats.",
    "Railway staff said priority was given to women, children and older passengers.",
]

POWER = [
    "Engineers restored electricity to three districts of Kharkiv on Monday after repairing "
    "a damaged substation, the city council said.",
    "Residents in the northern districts were told that supplies would remain intermittent "
    "for several days.",
]

SCHOOLS = [
    "Schools in Lviv opened their basements as shelters, and teachers took turns staying "
    "overnight with families who had arrived from the east.",
    "Lessons moved online for older pupils, the city's education office said.",
]


# ------------------------------------------------------------------------------ Nexis


def nexis_uni_article(title: str, source: str, date: str, fields: list[str], body: list[str],
                      tail: list[str], edition: str | None = None) -> list[str]:
    """One article in the Nexis Uni layout (paragraphs)."""
    head = [title, source] + ([date] if date else []) + ([edition] if edition else [])
    return [*head, *fields, "Body", *body, "Classification", *tail, "End of Document"]


def nexis_uni_articles(bad: bool = False) -> list[list[str]]:
    """The three articles of nexis_uni.docx (in the bad file, article 2 has no date line)."""
    return [
        nexis_uni_article(
            "Queues form at western border crossings", "The Harbour Gazette",
            "February 24, 2022 Thursday", [
                "Copyright 2022 The Harbour Gazette (fictional) All Rights Reserved",
                "Section: WORLD; Pg. 4", "Length: 96 words", "Byline: By Invented Reporter",
                "Dateline: LVIV",
            ], BORDER, [
                "Language: ENGLISH", "Publication-Type: Newspaper",
                "Subject: REFUGEES (90%); BORDER CONTROL (78%)", "Load-Date: February 25, 2022",
            ], edition="Late Edition"),
        nexis_uni_article(
            "Second round of talks ends without a deal", "Valley Post",
            "" if bad else "February 25, 2022 Friday 6:05 PM EST", [
                "Copyright 2022 Valley Post (fictional)", "Section: NEWS; Pg. 6",
                "Length: 98 words", "Byline: Kestrel Wire",
            ], [*WIRE, "(Reporting by Kestrel Wire staff; editing by the Valley Post desk.)"], [
                "Language: ENGLISH", "Publication-Type: Newspaper",
                "Load-Date: February 26, 2022",
            ]),
        nexis_uni_article(
            "Volunteers sort donated blankets in church hall", "The Harbour Gazette",
            "February 26, 2022 Saturday", [
                "Copyright 2022 The Harbour Gazette (fictional) All Rights Reserved",
                "Section: LOCAL; Pg. 11", "Length: 71 words",
                "Highlight: A village answers an appeal in a single afternoon",
            ], BLANKETS, [
                "Language: ENGLISH", "Publication-Type: Newspaper",
                "Load-Date: February 27, 2022",
            ]),
    ]


COVER = [
    "User Name: = Example Researcher", "Date and Time: = Tuesday, March 1, 2022 9:12:00 AM CET",
    "Job Number: 100200300", "Documents (3)", "1. Queues form at western border crossings",
    "2. Second round of talks ends without a deal",
    "3. Volunteers sort donated blankets in church hall", "Client/Matter: -None-",
    "Search Terms: ukraine AND (border OR talks)", "Search Type: Terms and Connectors",
    "Narrowed by:", "Content Type: News", "Language: English",
]


def write_docx(path: Path, cover: list[str], articles: list[list[str]]) -> None:
    """A Word document: the cover page, then each article on a new page."""
    import docx

    document = docx.Document()
    for line in cover:
        document.add_paragraph(line)
    for article in articles:
        document.add_page_break()
        for line in article:
            document.add_paragraph(line)
    document.core_properties.author = "newsframes tests"
    document.save(str(path))


def rtf_escape(text: str) -> str:
    """Text as RTF: control characters escaped, non-ASCII as ``\\uN?``."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127:
            code = ord(ch) if ord(ch) < 32768 else ord(ch) - 65536
            out.append(f"\\u{code}?")
        else:
            out.append(ch)
    return "".join(out)


def rtf(paragraphs: list[str], *, cut: bool = False) -> str:
    """An RTF document with one paragraph per item (``cut``: no closing brace)."""
    head = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\\f0\\fs22\n"
    body = "".join(f"\\pard {rtf_escape(p)}\\par\n" for p in paragraphs)
    return head + body + ("" if cut else "}\n")


OLD_TXT = """\
                              1 of 2 DOCUMENTS


                              The Harbour Gazette

                            March 2, 2022 Wednesday
                                 Final Edition

Ferry timetable changed as port reopens

BYLINE: Another Invented Writer

SECTION: NEWS; Pg. 3

LENGTH: 74 words

DATELINE: ODESA


{ferry}


LOAD-DATE: March 3, 2022

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper


                 Copyright 2022 Harbour Gazette Ltd (fictional)
                              All Rights Reserved


                              2 of 2 DOCUMENTS


                                  Valley Post

                            {date2}

Bakery keeps its ovens on \u2014 and its doors open

SECTION: FEATURES; Pg. 12

LENGTH: 69 words


{bakery}


LOAD-DATE: March 5, 2022

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper


                       Copyright 2022 Valley Post (fictional)
"""


# ------------------------------------------------------------------------------ Factiva

FACTIVA_ARTICLES = [
    [
        "Kyiv residents queue for bread as sirens sound", "By Invented Correspondent",
        "88 words", "24 February 2022", "07:45", "The Harbour Gazette", "HRBGZT", "Late", "5",
        "English", "\u00a9 2022 The Harbour Gazette (fictional). All rights reserved.",
        *BAKERY, "Document HRBGZT0020220224ei2o0000a",
    ],
    [  # the wire story again, with other white space and furniture
        "Prisoner exchange and corridors on agenda as talks resume", "Kestrel Wire",
        "98 words", "25 February 2022", "16:20 GMT", "Kestrel Wire", "KSTRLW", "English",
        "Copyright 2022 Kestrel Wire (fictional).",
        *[p.replace(" - ", "  -  ").replace(", as", ",  as") for p in WIRE],
        "Document KSTRLW0020220225ei2p0001a",
    ],
    [
        "Extra trains carry families west", "By Invented Stringer",
        "41 words", "26 February 2022", "Valley Post", "VLYPST", "English",
        "Copyright 2022 Valley Post (fictional)", *TRAINS,
        "Document VLYPST0020220226ei2q0000c",
    ],
]

SEARCH_SUMMARY = [
    "Search Summary", "Text\tukraine and (talks or border)", "Date\t24/02/2022 to 26/02/2022",
    "Source\tAll Sources", "Language\tEnglish", "Results Found\t3",
]


def html_article(fields: list[tuple[str, str | list[str]]]) -> str:
    """One article of the field-code HTML report."""
    rows = []
    for code, value in fields:
        if isinstance(value, list):
            cell = "".join(f'<p class="articleParagraph enarticleParagraph">{v}</p>'
                           for v in value)
        else:
            cell = value
        rows.append(f'<tr>\n<td class="index"><b>{code}</b></td>\n<td>{cell}</td>\n</tr>')
    return ('<div class="article enArticle">\n<table border="0">\n' + "\n".join(rows)
            + "\n</table>\n</div>\n<br/>\n")


def html_articles(bad: bool = False) -> list[list[tuple[str, str | list[str]]]]:
    """The two articles of factiva.html (in the bad file, article 2's date is unreadable)."""
    return [
        [("HD", "<b>Power restored to parts of Kharkiv</b>"), ("BY", "By Invented Reporter"),
         ("WC", "52 words"), ("PD", "28 February 2022"), ("SN", "The Harbour Gazette"),
         ("SC", "HRBGZT"), ("PG", "2"), ("LA", "English"),
         ("CY", "&#169; 2022 The Harbour Gazette (fictional)"), ("LP", POWER[:1]),
         ("TD", POWER[1:]), ("NS", "gvexe : Executive Branch"), ("RE", "ukrn : Ukraine"),
         ("AN", "Document HRBGZT0020220228ei2s0000b")],
        [("SE", "Education"), ("HD", "Schools open their basements as shelters"),
         ("WC", "49 words"), ("PD", "sometime in March" if bad else "1 March 2022"),
         ("SN", "Valley Post"), ("SC", "VLYPST"), ("LA", "English"),
         ("CY", "Copyright 2022 Valley Post (fictional)"), ("LP", SCHOOLS[:1]),
         ("TD", SCHOOLS[1:]), ("AN", "Document VLYPST0020220301ei31000d")],
    ]


def write_html(path: Path, articles: list[list[tuple[str, str | list[str]]]]) -> None:
    """A saved Factiva page with the articles as tables of field codes."""
    page = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Factiva</title>'
            '\n</head>\n<body>\n<div id="articles">\n'
            + "".join(html_article(a) for a in articles)
            + "</div>\n</body>\n</html>\n")
    path.write_text(page, encoding="utf-8")


# ------------------------------------------------------------------------------ main


def main() -> None:
    """Write every fixture."""
    NEXIS.mkdir(exist_ok=True)
    FACTIVA.mkdir(exist_ok=True)
    write_docx(NEXIS / "nexis_uni.docx", COVER, nexis_uni_articles())
    write_docx(NEXIS / "nexis_uni_bad.docx", COVER, nexis_uni_articles(bad=True))
    articles = nexis_uni_articles()
    (NEXIS / "nexis_uni.rtf").write_text(rtf([*articles[0], *articles[2]]), encoding="ascii")
    cut = articles[2][: articles[2].index("Body") + 2]  # ends after the first body paragraph
    (NEXIS / "nexis_uni_bad.rtf").write_text(rtf([*articles[0], *cut], cut=True),
                                             encoding="ascii")
    for name, date2 in (("lexis_academic.txt", "March 4, 2022 Friday"),
                        ("lexis_academic_bad.txt", "February 30, 2022 Wednesday")):
        text = OLD_TXT.format(ferry="\n\n".join(FERRY), bakery="\n\n".join(BAKERY),
                              date2=date2)
        (NEXIS / name).write_text(text, encoding="utf-8")
    good = [line for article in FACTIVA_ARTICLES for line in article]
    (FACTIVA / "factiva.rtf").write_text(rtf([*good, *SEARCH_SUMMARY]), encoding="ascii")
    first, second = FACTIVA_ARTICLES[0], FACTIVA_ARTICLES[2][:-2]  # 2nd: cut, no Document
    (FACTIVA / "factiva_bad.rtf").write_text(rtf([*first, *second], cut=True), encoding="ascii")
    write_html(FACTIVA / "factiva.html", html_articles())
    write_html(FACTIVA / "factiva_bad.html", html_articles(bad=True))


if __name__ == "__main__":
    main()
