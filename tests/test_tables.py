"""CSV text is byte for byte what pandas writes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mapview.join import EXPORT_COLUMNS, trips_view
from mapview.load import Dataset
from mapview.tables import csv_text

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
