"""Data versions, the corrections log, coverage statements and announced-trip warnings."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from mapview import versions
from mapview.load import VERSIONED, Dataset, data_hash, load_dataset
from mapview.validate import stale_announcements

from .conftest import DATA

D = dt.date.fromisoformat


def test_the_version_is_a_day_and_a_short_hash(data: Dataset) -> None:
    """The bundled data's version reads YYYY-MM-DD.abcdef and its day is the newest update."""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.[0-9a-f]{6}", data.version)
    newest = max([c.date for c in data.corrections] + list(data.trips["last_verified"].dropna()))
    assert data.updated == newest


@pytest.mark.parametrize("name", VERSIONED)
def test_the_version_changes_when_any_data_file_changes(tmp_path: Path, name: str) -> None:
    """Appending one byte to any data file gives another hash."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    before = data_hash(folder)
    with (folder / name).open("ab") as f:
        f.write(b"\n")
    assert data_hash(folder) != before


def _keys(found: versions.Since | None) -> set[tuple[str, str]]:
    assert found is not None
    return {(c.file, c.row_id) for c in found.corrections}


def test_an_older_link_lists_exactly_the_corrections_that_touch_its_view(data: Dataset) -> None:
    """A 2009 al-Bashir view made before the review lists his 2009 rows and the states, nothing else."""
    old = "2026-11-29.000000"
    found = versions.since(data, old, ["Omar al-Bashir"], D("2009-01-01"), D("2009-12-31"))
    expected = {
        (c.file, c.row_id)
        for c in data.corrections
        if c.file == "icc_members.csv" or c.row_id.startswith("al-bashir-2009-")
    }
    assert _keys(found) == expected
    assert ("trips.csv", "al-bashir-2012-01-08-lby") not in expected  # outside the range
    assert found is not None and "the data has changed since" in found.notice
    putin = versions.since(data, old, ["Vladimir Putin"], D("2026-05-01"), D("2026-05-31"))
    assert ("trips.csv", "putin-2026-05-19-chn") in _keys(putin)
    assert not any(f == "trips.csv" and r.startswith("al-bashir") for f, r in _keys(putin))


def test_a_link_of_the_current_version_gets_no_notice(data: Dataset) -> None:
    """No notice when nothing changed, and none for a link without a version."""
    assert (
        versions.since(data, data.version, ["Vladimir Putin"], D("2024-01-01"), D("2024-12-31"))
        is None
    )
    assert versions.since(data, None, ["Vladimir Putin"], D("2024-01-01"), D("2024-12-31")) is None


@pytest.mark.parametrize("version", ["2999-01-01.abcdef", "yesterday", "2026-13-40.abcdef"])
def test_an_unknown_version_gets_a_notice_and_never_an_error(data: Dataset, version: str) -> None:
    """A version from the future or of the wrong form: a notice naming it, and the current data."""
    found = versions.since(data, version, ["Vladimir Putin"], D("2024-01-01"), D("2024-12-31"))
    assert found is not None and "does not know" in found.notice and not found.corrections


def _with(tmp_path: Path, name: str, text: str) -> Dataset:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with (folder / name).open("a", encoding="utf-8") as f:
        f.write(text)
    return load_dataset(folder)


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("2026-12-01,nope.csv,x,y,,,why,https://example.org", "file", "not one of"),
        (
            "2026-12-01,trips.csv,no-such-trip,city,,,why,https://example.org",
            "row_id",
            "no trip_id",
        ),
        (
            "2026-12-01,trips.csv,putin-2024-09-02-mng,colour,,,why,https://example.org",
            "field",
            "not a column",
        ),
        (
            "2026-12-01,trips.csv,putin-2024-09-02-mng,city,,Darkhan,why,https://example.org",
            "new",
            "the file has",
        ),
        (
            "2026-12-01,trips.csv,putin-2024-09-02-mng,city,,Ulaanbaatar,why,ftp://example.org",
            "source",
            "http(s)",
        ),
    ],
)
def test_a_bad_correction_is_reported_with_file_line_column_and_value(
    tmp_path: Path, line: str, column: str, message: str
) -> None:
    """corrections.csv is checked against the files it names; each problem names its line."""
    data = _with(tmp_path, "corrections.csv", line + "\n")
    problems = [p for p in data.problems if p.file == "corrections.csv"]
    assert len(problems) == 1, problems
    p = problems[0]
    assert p.column == column and message in p.message
    assert p.line == len(data.corrections) + 2  # the appended line, after the header


def test_coverage_for_an_unknown_person_is_a_problem(tmp_path: Path) -> None:
    """A coverage statement must name someone with a warrant."""
    data = _with(
        tmp_path,
        "coverage.csv",
        "Nobody,2024-01-01,2024-12-31,partial,x,https://example.org,high,\n",
    )
    assert [str(p) for p in data.problems if p.file == "coverage.csv"] == [
        "coverage.csv:9: person: no warrant row for this person ('Nobody')"
    ]


def test_an_announced_trip_whose_days_passed_gets_a_warning_not_an_error(data: Dataset) -> None:
    """The warning names file, line and value; it depends on the day given, not the clock."""
    announced = data.trips[data.trips["status"] == "announced"]
    assert len(announced) >= 1
    last = announced["end"].max().date()
    assert stale_announcements("trips.csv", data.trips, last) == []
    warnings = stale_announcements("trips.csv", data.trips, last + dt.timedelta(days=1))
    assert {w.line for w in warnings} == set(announced["line"])
    assert all(w.warning and w.value == "announced" for w in warnings)
    line = announced["line"].iloc[0]
    assert str(warnings[0]).startswith(f"trips.csv:{line}: status: warning: its last day")


def test_coverage_lines_name_the_people_in_view(data: Dataset) -> None:
    """The page says how complete the trips of the people in view are."""
    lines = versions.coverage_lines(
        data.coverage, ["Vladimir Putin"], D("2024-01-01"), D("2026-06-30")
    )
    assert len(lines) == 2 and all(line.startswith("Vladimir Putin") for line in lines)
    assert "checked complete" in lines[0] and "partial" in lines[1]


def test_citation_has_title_version_dates_and_link(data: Dataset) -> None:
    """'Cite this view' gives everything a reference needs, in one line."""
    text = versions.citation(
        "Putin's trips", data.version, data.updated, D("2026-12-02"), "https://x.org/?v=1"
    )
    assert (
        data.version in text
        and "Accessed 2026-12-02" in text
        and text.endswith("https://x.org/?v=1")
    )
    assert text.startswith("Putin's trips. mapview, data version ")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (None, "not valid JSON"),  # truncated
        ('{"type": "FeatureCollection", "features": []}', "with features"),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {"name": "X"}, "geometry": null}]}',
            "iso_a3 and name",
        ),
    ],
)
def test_a_malformed_countries_file_gives_one_line_naming_it(
    tmp_path: Path, text: str | None, fragment: str
) -> None:
    """A truncated or malformed countries.geojson is one line with the file name, exit code 2."""
    from click.testing import CliRunner

    from mapview.cli import main

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "countries.geojson"
    path.write_text(
        text if text is not None else path.read_text(encoding="utf-8")[:5000], encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["--data-dir", str(folder), "validate"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "countries.geojson:" in lines[0] and fragment in lines[0]
