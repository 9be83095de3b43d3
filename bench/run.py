"""Benchmark: engine speed, map payload and warm rerun time, written to bench/RESULTS.md.

Run with `make bench` (which then runs bench/browser.py). Synthetic trip sets are generated
reproducibly (seeded) and not committed. Timings are medians of several runs; the machine is
described in the output. Each benchmark script rewrites only its own section of RESULTS.md
(see :func:`write_section`), so the sections of the other scripts and hand-written notes stay.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mapview.assets import DASHBOARD  # noqa: E402
from mapview.join import join_trips  # noqa: E402
from mapview.load import load_dataset  # noqa: E402

RUNS = 5
RESULTS = ROOT / "bench" / "RESULTS.md"
TITLE = "# Benchmark results\n"


def synthetic_trips(n: int, seed: int = 7) -> pd.DataFrame:
    """n trips by the bundled travellers to random bundled countries, 2009-2026."""
    data = load_dataset()
    rng = np.random.default_rng(seed)
    people = np.array(sorted(set(data.trips["person"])))
    isos = np.array(sorted(data.countries["iso_a3"]))
    start = pd.Timestamp("2009-01-01") + pd.to_timedelta(rng.integers(0, 6500, n), unit="D")
    return pd.DataFrame(
        {
            "person": people[rng.integers(0, len(people), n)],
            "iso_a3": isos[rng.integers(0, len(isos), n)],
            "start": start.astype("datetime64[ns]"),
            "end": (start + pd.to_timedelta(rng.integers(0, 4, n), unit="D")).astype(
                "datetime64[ns]"
            ),
            "status": np.where(rng.random(n) < 0.9, "took_place", "cancelled"),
        }
    )


def median_seconds(fn: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_engine() -> list[str]:
    data = load_dataset()
    rows = []
    for n in (1_000, 100_000, 1_000_000):
        trips = synthetic_trips(n)
        s = median_seconds(lambda t=trips: join_trips(t, data.members, data.warrants), 3)
        rows.append(
            f"| engine: vectorised verdicts | {n:,} trips | {s:.3f} s | ≤ 1 s at 1,000,000 |"
        )
    return rows


def bench_app() -> list[str]:
    from streamlit.testing.v1 import AppTest

    rows = []
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    at.query_params["leader"] = "vladimir-putin,omar-al-bashir,benjamin-netanyahu,sergei-shoigu"
    at.query_params["from"] = "2009-03-04"
    at.run()
    (el,) = [
        e for e in at.get("component_instance") if e.proto.component_name.endswith("st_folium")
    ]
    args = json.loads(el.proto.json_args)
    payload = len(el.proto.json_args.encode())
    rows.append(
        f"| map payload (all bundled trips) | bytes sent to st_folium | {payload:,} B | ≤ 400 kB |"
    )
    rows.append(
        f"| of which country layer + trips | feature_group | {len(args['feature_group'].encode()):,} B | |"
    )
    warm = median_seconds(lambda: at.run())
    rows.append(
        f"| warm rerun (AppTest, in process) | one script run, data cached | {warm * 1000:.0f} ms | ≤ 50 ms |"
    )
    return rows


def chromium_version(path: str = "/usr/bin/chromium") -> str:
    """The version the chromium binary reports, or "not installed"."""
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return "not installed"
    found = re.search(r"Chromium [\d.]+", out.stdout)
    return found.group(0) if found else out.stdout.strip() or "unknown"


def describe_machine() -> str:
    """One line: date, processor count, memory, Python, chromium and the load average."""
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, "
        f"nproc {os.cpu_count()}, {pages / 2**30:.1f} GiB memory, "
        f"Python {platform.python_version()}, {chromium_version()}, "
        f"load average {load} at the start"
    )


def keep_valid_references(folder: Path) -> None:
    """In a copy of the data whose trips were replaced by synthetic ones, drop what names the
    bundled trips (reported waypoints, and corrections of trips), so every file validates."""
    import csv

    for name, keep in (
        ("routes.csv", lambda row: False),
        ("corrections.csv", lambda row: row["file"] != "trips.csv"),
    ):
        path = folder / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields, rows = list(reader.fieldnames or []), [r for r in reader if keep(r)]
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def write_section(name: str, body: str) -> None:
    """Replace the section ``name`` of bench/RESULTS.md with ``body`` (appended if missing).

    Sections are delimited by HTML comments, so each benchmark script rewrites only its own
    figures and anything else in the file (such as hand-written notes) is kept.
    """
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else TITLE
    if begin not in text or end not in text:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    machine = describe_machine()
    rows = bench_engine() + bench_app()
    text = "\n".join(
        [
            "## Engine, map payload and warm rerun (bench/run.py)",
            "",
            f"Measured {machine}; medians of {RUNS} runs (3 for the engine).",
            "",
            "| figure | setting | result | budget |",
            "|---|---|---|---|",
            *rows,
        ]
    )
    write_section("engine", text)
    print(text)


if __name__ == "__main__":
    main()
