"""Benchmark: engine speed, map payload and warm rerun time, written to bench/RESULTS.md.

Run with `make bench`. Synthetic trip sets are generated reproducibly (seeded) and not
committed. Timings are medians of several runs; the machine is described in the output.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mapview.join import join_trips  # noqa: E402
from mapview.load import load_dataset  # noqa: E402

RUNS = 5


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
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
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


def main() -> None:
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    rows = bench_engine() + bench_app()
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Measured {started} on {machine}; medians of {RUNS} runs (3 for the engine).",
            "Produced by `make bench` (bench/run.py). Browser timings are not measured yet.",
            "",
            "| figure | setting | result | budget |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
