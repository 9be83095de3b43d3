"""CSV tables in and out: the fast paths give what the plain ones give (the csv module's
cells, each row validated by its model, pandas' CSV text)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError, field_validator

from mapview.assets import BUNDLED_DATA
from mapview.join import EXPORT_COLUMNS, trips_view
from mapview.load import Dataset
from mapview.records import TRIPS
from mapview.schema import MemberRow, TripRow, WarrantRow, columns
from mapview.tables import (
    Table,
    _arrow_cells,
    _csv_cells,
    check_table,
    csv_text,
    parse_rows,
    read_table,
)
from mapview.validate import Problem

URL = "https://example.org/a"
CELLS = {  # per column: good values, edge cases and bad ones
    "trip_id": ["t-1", "t-2", "T 3", "", " t-4 "],
    "warrant_id": ["w-1", "w-2", "W!", ""],
    "person": ["Vladimir Putin", "", " X "],
    "start": ["2024-09-02", "2024-09-03 00:00:00", "02/09/2024", "45000", "", "2024-13-01"],
    "end": ["2024-09-03", "2024-09-01", "", "2024-09-04T00:00"],
    "issued": ["2023-03-17", "", "17.03.2023"],
    "status_date": ["", "2024-01-01", "2020-01-01"],
    "iso_a3": ["MNG", "mng", "", "MONG"],
    "lat": ["47.9", "", "95", "x", " 1.5 "],
    "lon": ["106.9", "", "-181", "2"],
    "status": ["took_place", "announced", "outstanding", "executed", "gone", " cancelled "],
    "outcome": ["", "not_arrested", "maybe"],
    "confidence": ["high", "low", "unsourced", "certain", " medium "],
    "source": [URL, "", "not a url", f"{URL} {URL}"],
    "signed": ["", "1998-12-17", "1998-12-17 00:00"],
    "deposited": ["", "2002-04-11"],
    "in_force": ["", "2002-07-01", "07/01/2002"],
    "declaration_12_3": ["", "2014-04-17", "2014-04-17;2015-09-08", "17 April"],
    "weak_field": ["", "in_force", "nonsense"],
    "situation": ["ukraine", "Ukraine", ""],
}


def row_by_row(table: Table, file: str, model: type[BaseModel]) -> list[Problem]:
    """The reference: each row validated by the model itself."""
    out = []
    for i in range(table.size):
        raw = {name: cells[i] for name, cells in table.columns.items()}
        try:
            model.model_validate(raw)
        except ValidationError as error:
            for err in error.errors():
                column = str(err["loc"][0]) if err["loc"] else ""
                message = err["msg"].removeprefix("Value error, ")
                if not column and ": " in message:
                    column, message = message.split(": ", 1)
                out.append(Problem(file, i + 2, column or "(row)", raw.get(column, ""), message))
    return out


def tables(model: type[BaseModel]) -> st.SearchStrategy[Table]:
    names = [n for n in columns(model) if n in CELLS]
    row = st.fixed_dictionaries({n: st.sampled_from(CELLS[n]) for n in names})
    present = st.lists(st.sampled_from(names), unique=True).map(
        lambda dropped: [n for n in names if n not in dropped[:2]]  # a column or two missing
    )
    return st.tuples(present, st.lists(row, max_size=12)).map(
        lambda t: Table({n: [r[n] for r in t[1]] for n in t[0]}, len(t[1]))
    )


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([TripRow, MemberRow, WarrantRow]).flatmap(
        lambda m: st.tuples(st.just(m), tables(m))
    )
)
def test_column_checks_equal_row_checks(case: tuple[type[BaseModel], Table]) -> None:
    """For random tables of good and bad cells (columns missing too), check_table reports the
    same problems, in the same order, as validating each row with the model; the rows it keeps
    are exactly those the model accepts, with the same values."""
    model, table = case
    checked, problems = check_table(table, "f.csv", model)
    assert problems == row_by_row(table, "f.csv", model)
    bad = {p.line for p in problems}
    assert checked.lines == [i + 2 for i in range(table.size) if i + 2 not in bad]
    rows, _ = parse_rows(table, "f.csv", model)
    for line, parsed in rows:
        raw = {name: cells[line - 2] for name, cells in table.columns.items()}
        assert parsed == model.model_validate(raw)


cells_text = st.lists(st.sampled_from([*'ab ,;"\né', "\r", "\r\n", "\x00"]), max_size=40).map(
    "".join
)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(
        ["a,b,c\n", "a;b;c\n", " a , b ,c\n", "\ufeffa,b\n", "\na,b\n", "a,a\n", "a,b\r\n", "a,b\r"]
    ),
    cells_text,
)
def test_large_file_reader_splits_cells_as_the_csv_module(header: str, body: str) -> None:
    """pyarrow (for large files) and the csv module split any text into the same columns and
    report the same problems: quotes, separators, line breaks of every kind, ragged and blank
    lines, NUL, a byte-order mark, repeated names."""
    raw = (header + body).encode()
    by_arrow = read_table(raw, "f.csv", ["a"], arrow_from=0)
    by_csv = read_table(raw, "f.csv", ["a"], arrow_from=len(raw) + 1)
    assert by_arrow == by_csv


def test_the_bundled_trips_are_split_by_pyarrow_exactly_as_by_the_csv_module() -> None:
    """On the bundled trips the fast reader is really used, and gives the csv module's cells."""
    raw = (BUNDLED_DATA / TRIPS).read_bytes()
    text = raw.decode("utf-8-sig")
    fast = _arrow_cells(raw, text, ",")
    assert fast is not None
    assert fast == _csv_cells(text, ",")


plain = st.text(alphabet=st.sampled_from([*"ab é;'"]), max_size=5)
quoted = (
    st.lists(st.sampled_from([*'ab ,;"\n', "\r", "\r\n"]), max_size=6)
    .map("".join)
    .map(lambda t: '"' + t.replace('"', '""') + '"')
)
rows = st.lists(
    st.lists(plain | quoted, min_size=3, max_size=3).map(",".join) | st.just(""), max_size=8
)


@settings(max_examples=300, deadline=None)
@given(rows, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_well_formed_files_are_read_by_pyarrow_with_the_csv_modules_cells(
    lines: list[str], end: str, final_newline: bool
) -> None:
    """Well-formed rows with quoted commas, quotes and line breaks, empty cells and blank
    lines, lines ending in LF, CRLF or CR: pyarrow reads them (no fallback) into exactly the
    csv module's columns."""
    text = "a,b,c" + end + end.join(lines) + (end if final_newline else "")
    fast = _arrow_cells(text.encode(), text, ",")
    assert fast is not None
    assert fast == _csv_cells(text, ",")


texts = st.text(alphabet=st.sampled_from([*'ab ,"\n\r;é', "\x00", "'"]), max_size=6)


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 8))
    column = st.sampled_from(["text", "maybe", "float", "bool", "int", "category"])
    kinds = draw(st.lists(column, min_size=1, max_size=6))
    out = {}
    for k, kind in enumerate(kinds):
        name = draw(texts) + str(k)
        if kind == "text":
            out[name] = pd.Series(draw(st.lists(texts, min_size=n, max_size=n)), dtype="str")
        elif kind == "maybe":
            out[name] = pd.Series(draw(st.lists(st.none() | texts, min_size=n, max_size=n)))
        elif kind == "float":
            cells = st.none() | st.floats(allow_infinity=False, allow_nan=False, width=64)
            values = draw(st.lists(cells, min_size=n, max_size=n))
            out[name] = pd.Series([np.nan if v is None else v for v in values], dtype=float)
        elif kind == "bool":
            out[name] = pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
        elif kind == "int":
            out[name] = pd.Series(
                draw(st.lists(st.integers(-(10**12), 10**12), min_size=n, max_size=n))
            )
        else:
            values = draw(
                st.lists(
                    st.sampled_from(["bound", "not,bound", 'say "no"']), min_size=n, max_size=n
                )
            )
            out[name] = pd.Categorical(values)
    return pd.DataFrame(out)


@settings(max_examples=300, deadline=None)
@given(frames())
def test_csv_text_equals_pandas_on_random_tables(frame: pd.DataFrame) -> None:
    """Text with commas, quotes, line breaks and NUL, missing values, floats, booleans,
    integers and categories: the same text as frame.to_csv(index=False)."""
    assert csv_text(frame) == frame.to_csv(index=False)


def test_csv_text_equals_pandas_on_every_bundled_trip(data: Dataset) -> None:
    """The trips download of the whole bundled data is what pandas would write."""
    view = trips_view(data, dt.date(2002, 7, 1), dt.date(2026, 12, 31))[EXPORT_COLUMNS]
    view = view.assign(start=view["start"].dt.date.astype(str), end=view["end"].dt.date.astype(str))
    assert len(view) > 200
    assert csv_text(view) == view.to_csv(index=False)


def test_a_model_whose_checks_cannot_run_column_by_column_is_refused() -> None:
    """A field validator declared on the model (not on the field's type) would be skipped
    column by column, so such a model is refused with its name and the validator's."""

    class Odd(BaseModel):
        x: str

        @field_validator("x")
        @classmethod
        def _shout(cls, value: str) -> str:
            return value.upper()

    with pytest.raises(TypeError, match=r"Odd: validators \['_shout'\]"):
        check_table(Table({"x": ["a"]}, 1), "f.csv", Odd)


def test_the_separator_is_read_from_the_first_line_whatever_ends_it() -> None:
    """A semicolon file whose lines end in CR alone, with commas in its later cells, is read
    with semicolons: only the header line decides."""
    raw = b"a;b\r1,5;x\r2,5;y,z,w\r"
    table, problems = read_table(raw, "f.csv", ["a"])
    assert problems == []
    assert table.columns == {"a": ["1,5", "2,5"], "b": ["x", "y,z,w"]}
