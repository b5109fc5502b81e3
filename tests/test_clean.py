"""Text normalisation and decoding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.clean import clean_columns, decode_bytes, normalize_text, strip_html


def series(*values) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def test_nfc_and_newlines():
    out = normalize_text(series("Cafe\u0301", "a\r\nb\rc", "plain", np.nan))
    assert out.tolist()[:3] == ["Café", "a\nb\nc", "plain"]
    assert pd.isna(out[3])


def test_strip_html_keeps_paragraphs_and_literal_text():
    html = (
        "<html><head><title>x</title></head><body><!-- ad -->"
        "<p>First&nbsp;paragraph, <b>bold</b> and <a href='/x?a=1&amp;b=2'>a link</a>.</p>"
        "<script>var a = '<p>';</script><p>Second<br/>line: 3 &lt; 4 &amp; a < b.</p>"
        "<p>&lt;b&gt; stays as text</p></body></html>"
    )
    assert strip_html(html) == (
        "First paragraph, bold and a link.\n\nSecond\nline: 3 < 4 & a < b.\n\n<b> stays as text"
    )


def test_strip_html_leaves_angle_brackets_that_are_not_tags():
    assert strip_html("if x<y and y>z then a <3") == "if x<y and y>z then a <3"


def test_clean_columns_keeps_originals_only_when_something_changed(tiny_corpus):
    same = clean_columns(tiny_corpus)
    assert list(same.columns) == list(tiny_corpus.columns)
    messy = tiny_corpus.assign(text=series("A\r\nB", "<p>C</p>", "D"))
    out = clean_columns(messy, clean_html=True)
    assert out["text"].tolist() == ["A\nB", "C", "D"]
    assert out["text_raw"].tolist() == ["A\r\nB", "<p>C</p>", "D"]
    assert "title_raw" not in out
    assert messy["text"][0] == "A\r\nB"  # input untouched
    # an existing text_raw already holds the original and is kept
    again = clean_columns(out.assign(text=series("A\nB", "C\r", "D")))
    assert again["text_raw"].tolist() == ["A\r\nB", "<p>C</p>", "D"]


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Переговоры в Стамбуле: делегации обсудили гуманитарные коридоры.", "cp1251"),
        ("Жители.", "cp1251"),
        ("Réunion à Genève: les délégués ont déjà évoqué la sécurité; ça n'a rien donné.", "latin-1"),
        ("Der Bürgermeister äußerte sich über die Straßenbahn.", "latin-1"),
        ("“Quoted” words – and a dash… in cp1252.", "cp1252"),
        ("Przewodów: mieszkańcy wsi usłyszeli wybuch.", "cp1250"),
    ],
)
def test_legacy_encodings_are_guessed(text, encoding):
    decoded, used, guessed = decode_bytes(text.encode(encoding))
    assert decoded == text and guessed


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(encoding):
    text = "Київ, Zürich, Genève"
    assert decode_bytes(text.encode(encoding)) == (text, encoding, False)


def test_utf8_and_explicit_encoding():
    assert decode_bytes("Київ".encode()) == ("Київ", "utf-8", False)
    assert decode_bytes("Été".encode("latin-1"), "latin-1") == ("Été", "latin-1", False)
    with pytest.raises(UnicodeDecodeError):
        decode_bytes("Été".encode("latin-1"), "utf-8")


def test_explicit_utf8_encoding_drops_the_byte_order_mark():
    from toolkit.clean import decode_bytes

    text, enc, guessed = decode_bytes("\ufefftitle: x".encode("utf-8"), "utf-8")
    assert text == "title: x" and not guessed


def test_a_stray_byte_in_utf8_text_is_an_error_not_a_guess():
    from toolkit.clean import decode_bytes

    data = "café, Señora Müller, naïve ".encode() * 20 + b"one stray \xe9 byte"
    with pytest.raises(UnicodeDecodeError):
        decode_bytes(data)
