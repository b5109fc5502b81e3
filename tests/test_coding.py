"""Coding sheets (toolkit.coding): write, fill, read back, and every malformed sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import toolkit
from toolkit.coding import read_codes, write_coding_sheet
from toolkit.sampling import sample_for_coding
from toolkit.schema import CorpusError, CorpusWarning

DATA = Path(__file__).parent / "data" / "coding"
FRAMES = ["negotiation", "escalation"]


@pytest.fixture
def corpus() -> pd.DataFrame:
    """Our own sentences; one text and one title that a spreadsheet would take for formulas."""
    return toolkit.validate_corpus(pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "b2"],
        "source": ["Harbour Gazette", "Harbour Gazette", "Valley Post", "Valley Post"],
        "date": ["2022-03-01", "2022-03-02", "2022-03-02", "2022-03-04"],
        "title": ["Talks resume", "=HYPERLINK(\"http://example.invalid\",\"click\")", "Shelling", "Quiet"],
        "text": [
            "Envoys met in the harbour town. Talks on a ceasefire resumed on Tuesday.",
            "=1+2 is what the sign said. Negotiations were not mentioned.",
            "-5 degrees at night. Shelling intensified near the river.",
            "@noon the market opened. Nothing else happened.",
        ],
    }))


@pytest.fixture
def sample(corpus: pd.DataFrame) -> pd.DataFrame:
    return sample_for_coding(corpus, 4, seed=1)


def _fill_xlsx(path: Path, codes: dict[tuple[int, str], object], sheet: str = "units") -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for (row, column), value in codes.items():
        ws.cell(row=row, column=header.index(column) + 1, value=value)
    wb.save(path)


def _all_codes(n_rows: int, value: object = 1) -> dict:
    return {(r, f): value for r in range(2, n_rows + 2) for f in [*FRAMES, "coder"]}


# ------------------------------------------------------------------------ writing
def test_xlsx_sheets_validation_and_layout(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=FRAMES, lexicon="war_framing")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["units", "codebook", "instructions"]
    ws = wb["units"]
    header = [c.value for c in ws[1]]
    assert header == ["unit_id", "doc_id", "source", "date", "title", "text", *FRAMES, "coder", "notes"]
    assert ws.freeze_panes == "B2"
    assert ws["F2"].alignment.wrap_text
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rules == {"G2:G5": '"0,1"', "H2:H5": '"0,1"'}
    assert [ws.cell(r, 1).value for r in range(2, 6)] == sample["unit_id"].tolist()
    assert all(ws.cell(r, 7).value is None for r in range(2, 6))
    assert "weight" not in header and "stratum" not in header  # blind coding
    book = pd.read_excel(path, sheet_name="codebook")
    assert book["frame"].tolist() == FRAMES
    assert book["definition"].iloc[0] == toolkit.load_lexicon("war_framing")["negotiation"].definition
    assert book["allowed codes"].tolist() == ["0, 1", "0, 1"]
    assert "How to code" in wb["instructions"]["A1"].value


def test_formula_like_texts_stay_literal_text(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=FRAMES)
    ws = openpyxl.load_workbook(path)["units"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {"=1+2 is what the sign said. Negotiations were not mentioned.",
                                       '=HYPERLINK("http://example.invalid","click")',
                                       "-5 degrees at night. Shelling intensified near the river.",
                                       "@noon the market opened. Nothing else happened."}
    assert all(c.data_type == "s" for c in risky)  # strings, not formulas
    csv_path = write_coding_sheet(sample, corpus, tmp_path / "c.csv", frames=FRAMES)
    raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert "'=1+2 is what the sign said. Negotiations were not mentioned." in raw["text"].tolist()
    assert "'-5 degrees at night. Shelling intensified near the river." in raw["text"].tolist()
    assert not any(t.startswith(("=", "+", "-", "@")) for t in raw[["title", "text"]].to_numpy().ravel())


def test_refuses_to_overwrite(tmp_path, sample, corpus):
    path = tmp_path / "c.xlsx"
    path.write_text("a coder's work")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        write_coding_sheet(sample, corpus, path, frames=FRAMES)
    assert path.read_text() == "a coder's work"
    write_coding_sheet(sample, corpus, path, frames=FRAMES, overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "units"
    with pytest.raises(ValueError, match=".xlsx or .csv"):
        write_coding_sheet(sample, corpus, tmp_path / "c.ods", frames=FRAMES)


def test_codebook_table_and_bad_units(tmp_path, sample, corpus):
    book = pd.DataFrame({"frame": FRAMES, "definition": ["Talks.", "Worse fighting."],
                         "include": ["ceasefire talks", "shelling"], "exclude": ["", "threats"],
                         "example": ["Envoys met.", "Shelling intensified."]})
    path = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=FRAMES, codebook=book,
                              allowed={"negotiation": (0, 1), "escalation": (0, 1, 9)})
    got = pd.read_excel(path, sheet_name="codebook", keep_default_na=False)
    assert got[["frame", "include", "example"]].values.tolist() == book[["frame", "include", "example"]].values.tolist()
    rules = {dv.formula1 for dv in openpyxl.load_workbook(path)["units"].data_validations.dataValidation}
    assert rules == {'"0,1"', '"0,1,9"'}
    with pytest.raises(CorpusError, match=r"no row for frames \['escalation'\]"):
        write_coding_sheet(sample, corpus, tmp_path / "d.xlsx", frames=FRAMES, codebook=book.iloc[:1])
    stranger = pd.DataFrame({"unit_id": ["zz"], "doc_id": ["zz"]})
    with pytest.raises(CorpusError, match="not in the corpus"):
        write_coding_sheet(stranger, corpus, tmp_path / "e.xlsx", frames=FRAMES)


def test_sentence_units_show_sentence_and_context(tmp_path, corpus):
    sample = sample_for_coding(corpus, 8, unit="sentence", seed=0)
    path = write_coding_sheet(sample, corpus, tmp_path / "s.csv", frames=FRAMES, window=3)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert sheet.columns[:8].tolist() == ["unit_id", "doc_id", "sentence", "start", "end", "source", "date", "title"]
    row = sheet[sheet["unit_id"] == "a1:32-72"].iloc[0]
    assert row["text"] == "Talks on a ceasefire resumed on Tuesday."
    assert row["context"] == "... the harbour town. >>> Talks on a ceasefire resumed on Tuesday. <<<"


def test_kwic_context_shows_matches(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "k.xlsx", frames=FRAMES,
                              lexicon="war_framing", context="kwic", window=3)
    sheet = pd.read_excel(path, sheet_name="units", dtype=str, keep_default_na=False)
    assert "text" not in sheet.columns
    context = dict(zip(sheet["unit_id"], sheet["context"], strict=True))
    assert "[ceasefire]" in context["a1"] or "[Talks]" in context["a1"]
    assert context["b2"] == "(no match of these frames)"
    with pytest.raises(ValueError, match="needs the lexicon"):
        write_coding_sheet(sample, corpus, tmp_path / "k2.xlsx", frames=FRAMES, context="kwic")


# ----------------------------------------------------------------------- round trips
def test_xlsx_round_trip(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=FRAMES)
    codes = _all_codes(4, 0)
    codes.update({(2, "negotiation"): 1, (3, "escalation"): "1", (4, "negotiation"): 1.0,
                  (2, "coder"): "ana", (3, "coder"): "ana", (4, "coder"): "ben", (5, "coder"): "ben"})
    _fill_xlsx(path, codes)
    got = read_codes(path, units=sample)
    assert got.columns.tolist() == ["unit_id", "frame", "code", "coder"]
    assert len(got) == 8 and str(got["code"].dtype) == "Int64"
    first = sample["unit_id"].tolist()
    wide = got.pivot(index="unit_id", columns="frame", values="code").loc[first]
    assert wide["negotiation"].tolist() == [1, 0, 1, 0]
    assert wide["escalation"].tolist() == [0, 1, 0, 0]
    assert got.drop_duplicates("unit_id")["coder"].tolist() == ["ana", "ana", "ben", "ben"]


def test_csv_round_trip_after_pandas_edit(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.csv", frames=FRAMES)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    sheet["negotiation"] = ["1", "0", "0", "1"]
    sheet["escalation"] = ["0", "0", "1", ""]
    sheet["coder"] = "ana"
    sheet.to_csv(path, index=False)
    got = read_codes(path, units=sample, missing="keep")
    assert got["code"].isna().sum() == 1
    assert got.loc[got["frame"] == "negotiation", "code"].tolist() == [1, 0, 0, 1]
    dropped = read_codes(path, missing="drop")
    assert len(dropped) == 7 and dropped.attrs["frames"] == FRAMES
    with pytest.raises(CorpusError, match=r"row 5, column H \(escalation\): the code is empty"):
        read_codes(path)


def test_semicolon_csv_and_text_codes(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("unit_id;stance;coder\nu1;Pro;ana\nu2; anti ;ana\n", encoding="utf-8")
    got = read_codes(path, allowed=("pro", "anti", "neutral"))
    assert got["code"].tolist() == ["pro", "anti"]


# ---------------------------------------------------------------------- bad sheets
def test_every_problem_is_reported_with_sheet_row_and_column(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=FRAMES)
    ids = sample["unit_id"].tolist()
    codes = _all_codes(4, 0)
    codes.update({(3, "negotiation"): 2, (4, "escalation"): "maybe", (5, "negotiation"): "yes",
                  (5, "unit_id"): ids[0], (6, "unit_id"): "zz9", (6, "negotiation"): 1,
                  (6, "escalation"): 0})
    _fill_xlsx(path, codes)
    with pytest.warns(CorpusWarning, match=rf"1 sampled units are not in .*{ids[3]!r}"):
        with pytest.raises(CorpusError) as err:
            read_codes(path, units=sample)
    message = str(err.value)
    assert message.startswith("read_codes: 4 problems in ")
    expected = [
        "sheet 'units', row 3, column G (negotiation): 2 is not an allowed code (allowed: 0, 1)",
        "sheet 'units', row 4, column H (escalation): 'maybe' is not an allowed code (allowed: 0, 1)",
        f"sheet 'units', row 5, column A (unit_id): unit id {ids[0]!r} is repeated (first in row 2)",
        "sheet 'units', row 6, column A (unit_id): unit id 'zz9' is not one of the sampled units",
        "sheet 'units', row 6, column H (escalation)",  # nothing wrong: must not be listed
    ]
    for line in expected[:4]:
        assert line in message
    assert expected[4] not in message
    # a duplicated row is reported once, for its id; its codes are not checked twice
    assert "row 5, column G" not in message


def test_yes_no_gets_a_helpful_hint(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("unit_id,negotiation\nu1,x\nu2,=1\n")
    with pytest.raises(CorpusError) as err:
        read_codes(path)
    assert "row 2, column B (negotiation): 'x' is not an allowed code (allowed: 0, 1); write 1 for yes" in str(err.value)
    assert "row 3, column B (negotiation): '=1' is not an allowed code" in str(err.value)


def test_missing_code_column(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.csv", frames=FRAMES)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").drop(columns="escalation")
    sheet["negotiation"] = "1"
    sheet.to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"no code column 'escalation' in row 1"):
        read_codes(path, frames=FRAMES)
    assert read_codes(path, frames="negotiation")["code"].tolist() == [1, 1, 1, 1]


def test_renamed_sheet_empty_file_and_no_unit_id(tmp_path, sample, corpus):
    path = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=FRAMES)
    wb = openpyxl.load_workbook(path)
    wb["units"].title = "Sheet1"
    wb.save(path)
    with pytest.raises(CorpusError, match=r"no sheet 'units' \(sheets: \['Sheet1', 'codebook', 'instructions'\]\)"):
        read_codes(path)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(CorpusError, match="empty.xlsx is empty"):
        read_codes(empty)
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n")
    with pytest.raises(CorpusError, match="blank.csv is empty"):
        read_codes(blank)
    not_excel = tmp_path / "fake.xlsx"
    not_excel.write_text("unit_id,negotiation\n")
    with pytest.raises(CorpusError, match="not a readable Excel workbook"):
        read_codes(not_excel)
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("id,negotiation\nu1,1\n")
    with pytest.raises(CorpusError, match="no 'unit_id' column"):
        read_codes(renamed)
    header_only = tmp_path / "header.csv"
    header_only.write_text("unit_id,negotiation\n")
    with pytest.raises(CorpusError, match="no units below the header row"):
        read_codes(header_only)
    with pytest.raises(FileNotFoundError):
        read_codes(tmp_path / "nowhere.csv")


def test_fixture_sheet_from_a_european_excel(tmp_path):
    # our own file as Excel saves a CSV with a German locale: semicolons, cp1252, a BOM-less
    # header, an empty trailing line, an empty unit id with codes, a missing sampled unit
    with pytest.warns(CorpusWarning, match="1 sampled units are not in"):
        with pytest.raises(CorpusError) as err:
            read_codes(DATA / "european_excel.csv", units=["u1", "u2", "u3", "u4"])
    message = str(err.value)
    assert "row 4, column A (unit_id): the unit id is empty but the row has codes" in message
    assert "row 3, column C (escalation): '1,0' is not an allowed code" in message
    assert message.count("\n  - ") == 2


def test_read_codes_keeps_unknown_ids_out_only_when_units_given(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("unit_id,negotiation,coder,notes\nu1,1,ana,Kyiv talks\nu9,0,ana,\n")
    assert read_codes(path)["unit_id"].tolist() == ["u1", "u9"]
    with pytest.warns(CorpusWarning, match="sampled units are not in"):
        with pytest.raises(CorpusError, match="'u9' is not one of the sampled units"):
            read_codes(path, units=["u1", "u2"])


def test_long_texts_control_characters_and_formula_ids(tmp_path):
    long = "Talks went on. " * 2500  # 37,500 characters: more than an Excel cell holds
    corpus = toolkit.validate_corpus(pd.DataFrame({
        "doc_id": ["=id1", "n2"], "source": ["Harbour Gazette"] * 2, "date": ["2022-03-01"] * 2,
        "title": ["Long", "Bell\x07"], "text": [long, "The bell\x07 rang twice."],
    }))
    sample = sample_for_coding(corpus, 2)
    xlsx = write_coding_sheet(sample, corpus, tmp_path / "c.xlsx", frames=["negotiation"])
    ws = openpyxl.load_workbook(xlsx)["units"]
    cells = {ws.cell(r, 1).value: ws.cell(r, 6).value for r in (2, 3)}
    assert len(cells["=id1"]) == 32_767 and cells["=id1"].endswith("32,767 characters]")
    assert cells["n2"] == "The bell rang twice."
    _fill_xlsx(xlsx, {(2, "negotiation"): 1, (3, "negotiation"): 0})
    assert read_codes(xlsx)["unit_id"].tolist() == sample["unit_id"].tolist()
    csv_path = write_coding_sheet(sample, corpus, tmp_path / "c.csv", frames=["negotiation"])
    raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert "'=id1" in raw["unit_id"].tolist() and long in raw["text"].tolist()  # CSV: full text
    raw["negotiation"] = "1"
    raw.to_csv(csv_path, index=False)
    assert set(read_codes(csv_path, units=sample)["unit_id"]) == {"=id1", "n2"}
