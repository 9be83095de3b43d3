"""Benchmark: the command line as whole processes, written to the "CLI" section of RESULTS.md.

`mapview check` answers one question; `mapview trips --csv` prints every trip of a data folder
with 100,000 synthetic trips (bundled trips repeated with new ids and seeded random dates, so
that every row passes validation), verdicts and reasons included. Each figure is the median of
several runs of the installed `mapview` script, start-up and imports included.

Run with `python bench/cli.py` (or `make bench`). ``--before`` records the figures as the
"before" column instead of "after" (the other column is kept as it was), and
``--command "python -m mapview.cli"`` times another command line, e.g. an older checkout's
(``env PYTHONPATH=old/src python -m mapview.cli``).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import (  # bench/run.py (this folder)
    RESULTS,
    describe_machine,
    keep_valid_references,
    write_section,
)

from mapview.assets import BUNDLED_DATA
from mapview.records import TRIPS

MAPVIEW = Path(sys.executable).with_name("mapview")
TRIP_COUNT = 100_000
CHECK = ["check", "--person", "putin", "--date", "2024-09-03", "--country", "MNG"]
TRIPS_CSV = ["trips", "--from", "2002-07-01", "--to", "2026-12-31", "--csv"]
BUDGETS = {"check": 0.5, "trips": 4.0}


def synthetic_folder(folder: Path, n: int = TRIP_COUNT, seed: int = 7) -> Path:
    """A copy of the bundled data whose trips.csv has ``n`` valid trips, 2009-2026."""
    shutil.copytree(BUNDLED_DATA, folder)
    with (BUNDLED_DATA / TRIPS).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, base = list(reader.fieldnames or []), list(reader)
    rng = random.Random(seed)
    first = dt.date(2009, 1, 1)
    with (folder / TRIPS).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        for i in range(n):
            row = dict(rng.choice(base))
            start = first + dt.timedelta(days=rng.randrange(6500))
            end = start + dt.timedelta(days=rng.randrange(4))
            row.update(trip_id=f"syn-{i}", start=start.isoformat(), end=end.isoformat())
            row["status"] = "took_place" if rng.random() < 0.9 else "cancelled"
            row["outcome"] = "not_arrested" if row["status"] == "took_place" else ""
            writer.writerow(row)
    keep_valid_references(folder)
    return folder


def median_wall(command: list[str], args: list[str], runs: int) -> tuple[float, float, float]:
    """Median, fastest and slowest wall time in seconds of ``command ARGS`` as a new process."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([*command, *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times)


def previous(column: int) -> dict[str, str]:
    """The figures already in the CLI section's ``column`` (1: before, 2: after), by command."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    section = text.split("<!-- begin cli -->", 1)[-1].split("<!-- end cli -->", 1)[0]
    out = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`mapview"):
            key = re.sub(r"`mapview (\w+).*", r"\1", cells[0])
            out["bundled" if "bundled" in cells[1] else key] = cells[column + 1]
    return out


def main() -> None:
    argv = sys.argv[1:]
    before = "--before" in argv
    command = (
        shlex.split(argv[argv.index("--command") + 1]) if "--command" in argv else [str(MAPVIEW)]
    )
    machine = describe_machine()
    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic_folder(Path(tmp) / "data")
        data = ["--data-dir", str(folder)]
        found = {
            "bundled": median_wall(command, CHECK, runs=10),
            "check": median_wall(command, [*data, *CHECK], runs=10),
            "trips": median_wall(command, [*data, *TRIPS_CSV], runs=3),
        }
    fresh = {k: f"{m:.2f} s ({lo:.2f}–{hi:.2f})" for k, (m, lo, hi) in found.items()}
    kept = previous(2 if before else 1)
    columns = {
        k: (fresh[k], kept.get(k, "–")) if before else (kept.get(k, "–"), fresh[k]) for k in fresh
    }
    rows = [
        f"| `mapview {' '.join(CHECK)}` | one question, bundled data | {columns['bundled'][0]} | "
        f"{columns['bundled'][1]} | ≤ {BUDGETS['check']} s |",
        f"| `mapview {' '.join(CHECK)}` | one question | {columns['check'][0]} | "
        f"{columns['check'][1]} | ≤ {BUDGETS['check']} s |",
        f"| `mapview {' '.join(TRIPS_CSV)}` | {TRIP_COUNT:,} trips, verdicts and reasons | "
        f"{columns['trips'][0]} | {columns['trips'][1]} | ≤ {BUDGETS['trips']} s |",
    ]
    body = f"""## CLI (bench/cli.py)

Measured {machine}; whole processes of the installed `mapview` script (start-up and imports
included), wall time, median (fastest–slowest) of 10 runs of `check` and 3 of `trips`. The data
folder is the bundled data with {TRIP_COUNT:,} synthetic trips (except on the first row).
"Before" is the command line of one module that imported the whole stack, loaded every trip
for `check`, and looked up each row's host and warrants again for every reason.

`check` reads only the members, the warrants and the country names (csv module and the
schema's field validators; no pandas, geopandas or shapely). For `trips --csv`: the 62 MB
trips file is split into cells by pyarrow (the csv module where they might differ), each
column is validated once per distinct cell by the schema's own field validator (the row
checks once per row), trips far outside their country are found with prepared outlines, the
rule words each class of trips once (`assess(..., pattern=True)`: same host, person, status,
note and confidence, first and last days between the same breakpoints) and each row gets its
own first day, and the 61 MB of CSV are written with each distinct cell quoted once. The
output is byte for byte what it was before.

| command | setting | before | after | budget |
|---|---|---|---|---|
{chr(10).join(rows)}
"""
    write_section("cli", body)
    print(body)


if __name__ == "__main__":
    main()
