"""A reader's own files: every problem is reported with file, line, column and value; nothing is lost."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapview.load import Dataset
from mapview.schema import TRIP_EXAMPLE, TripRow, columns, template_csv
from mapview.uploads import Upload, with_uploads

GOOD = template_csv(TripRow, TRIP_EXAMPLE)


def upload(text: str, name: str = "mine.csv", encoding: str = "utf-8") -> Upload:
    return Upload(name, text.encode(encoding))


def test_the_template_is_accepted_as_it_is(data: Dataset) -> None:
    """The downloadable template validates and yields its one example trip."""
    new, problems, given_rows = with_uploads(data, trips=upload(GOOD))
    assert problems == [] and given_rows == 1
    assert list(new.trips["trip_id"]) == [TRIP_EXAMPLE["trip_id"]]
    assert new.version != data.version and len(data.trips) > 1  # the bundled data is untouched


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("\ufeff" + GOOD, "utf-8"),  # byte-order mark
        (
            GOOD.replace(",", ";").replace(
                '"one row per person; country and visit; dates as YYYY-MM-DD"', "x"
            ),
            "utf-8",
        ),
        (GOOD.replace("2024-09-02,2024-09-03", "2024-09-02 00:00:00,2024-09-03T00:00:00"), "utf-8"),
        (GOOD.replace("trip_id,", "extra,trip_id,").replace("putin-", "ignored,putin-"), "utf-8"),
    ],
    ids=["bom", "semicolons", "spreadsheet-datetimes", "extra-column"],
)
def test_common_spreadsheet_quirks_are_handled(data: Dataset, text: str, encoding: str) -> None:
    """BOMs, semicolon separators, midnight datetimes and extra columns still load."""
    new, problems, _ = with_uploads(data, trips=upload(text, encoding=encoding))
    assert [str(p) for p in problems] == []
    assert len(new.trips) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "mine.csv:0: (file): the file is empty"),
        (GOOD.replace("Ulaanbaatar", "Zürich"), "not UTF-8"),
        (
            GOOD.replace("2024-09-02,2024-09-03", "02/09/2024,2024-09-03"),
            "mine.csv:2: start: write dates as YYYY-MM-DD",
        ),
        (GOOD.replace("2024-09-02,2024-09-03", "45537,2024-09-03"), "serial number"),
        (GOOD.replace(",MNG,", ",XYZ,"), "mine.csv:2: iso_a3: unknown country code"),
        (
            GOOD.replace("Vladimir Putin", "Nobody"),
            "mine.csv:2: person: no warrant row for this person ('Nobody')",
        ),
        (GOOD.replace("47.8864", "95"), "mine.csv:2: lat: "),
        (GOOD.replace("106.9057", "-3.7"), "coordinates are far outside MNG"),
    ],
    ids=[
        "empty",
        "latin-1",
        "ambiguous-date",
        "serial-date",
        "country",
        "person",
        "latitude",
        "far",
    ],
)
def test_bad_files_and_rows_get_a_clear_message(data: Dataset, text: str, expected: str) -> None:
    """Each problem names the file, the line, the column and the value."""
    encoding = "latin-1" if "Zürich" in text else "utf-8"
    new, problems, _ = with_uploads(data, trips=upload(text, encoding=encoding))
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]
    assert new.trips.empty


def test_files_over_the_row_cap_are_refused_whole(data: Dataset) -> None:
    """Too many rows: one problem that says the limit, and no trips."""
    body = GOOD.splitlines()[1]
    text = (
        GOOD.splitlines()[0]
        + "\n"
        + "\n".join(body.replace("putin-", f"p{i}-") for i in range(12))
        + "\n"
    )
    new, problems, given_rows = with_uploads(data, trips=upload(text), max_rows=10)
    assert given_rows == 12 and "the limit is 10" in str(problems[0])
    assert new.trips.empty


rows = st.fixed_dictionaries(
    {
        c: st.sampled_from([TRIP_EXAMPLE[c], "", "x", "2024-13-01", "<b>", "-999"])
        for c in columns(TripRow)
    }
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(rows, min_size=1, max_size=8))
def test_every_row_is_either_accepted_or_reported(
    data: Dataset, given_rows: list[dict[str, str]]
) -> None:
    """Round trip: rows accepted plus rows with a problem equal the rows given; nothing crashes."""
    for i, row in enumerate(given_rows):
        row["trip_id"] = f"t{i}" if row["trip_id"] else ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns(TripRow), lineterminator="\n")
    writer.writeheader()
    writer.writerows(given_rows)
    new, problems, _ = with_uploads(data, trips=upload(buffer.getvalue()))
    reported = {p.line for p in problems}
    accepted = set(new.trips["line"])
    assert accepted.isdisjoint(reported)
    assert accepted | reported == set(range(2, len(given_rows) + 2))
