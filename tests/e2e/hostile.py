"""A data directory full of hostile strings, built from the bundled data and the payload corpus."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from mapview.assets import BUNDLED_DATA

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = [
    *(ROOT / "tests" / "data" / "hostile_payloads.txt").read_text(encoding="utf-8").splitlines(),
    "very long " + "L" * 3000,
]
PLACES = [
    ("MNG", 47.8864, 106.9057),
    ("CHN", 39.9042, 116.4074),
    ("KAZ", 51.1694, 71.4491),
    ("TJK", 38.5598, 68.787),
    ("IND", 28.6139, 77.209),
]
PEOPLE = PAYLOADS[:3]


def _rewrite(path: Path, change: object) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), list(reader)
    rows = change(rows)  # type: ignore[operator]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(target: Path) -> Path:
    """Copy the bundled data to ``target`` and fill names, trips and warrants with payloads."""
    shutil.copytree(BUNDLED_DATA, target)
    geo = json.loads((target / "countries.geojson").read_text(encoding="utf-8"))
    for feature, payload in zip(
        (f for f in geo["features"] if f["properties"]["iso_a3"] in {"CHN", "IND"}),
        PAYLOADS[3:],
        strict=False,
    ):
        feature["properties"]["name"] = payload
    (target / "countries.geojson").write_text(json.dumps(geo), encoding="utf-8")

    def members(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:
            if row["iso_a3"] == "MNG":
                row["name"] = PAYLOADS[5]
        return [r for r in rows if r["iso_a3"] not in {"CHN", "IND"}]

    _rewrite(target / "icc_members.csv", members)

    def warrants(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        extra = [
            {
                "warrant_id": f"hostile-{i}",
                "person": person,
                "situation": "ukraine",
                "issued": "2023-03-17",
                "public": "2023-03-17",
                "status": "outstanding",
                "status_date": "",
                "charges": PAYLOADS[i + 6],
                "source": "https://example.org/warrant",
                "confidence": "high",
                "notes": PAYLOADS[i + 9],
            }
            for i, person in enumerate(PEOPLE)
        ]
        return rows + extra

    _rewrite(target / "warrants.csv", warrants)

    def trips(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        out = []
        for i, payload in enumerate(PAYLOADS):
            iso, lat, lon = PLACES[i % len(PLACES)]
            out.append(
                {
                    "trip_id": f"hostile-{i}",
                    "person": PEOPLE[i % len(PEOPLE)],
                    "start": f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
                    "end": f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
                    "iso_a3": iso,
                    "city": payload,
                    "lat": str(lat),
                    "lon": str(lon),
                    "purpose": payload,
                    "status": "took_place",
                    "territory_note": payload,
                    "outcome": "not_arrested",
                    "noncompliance": payload,
                    "last_verified": "2026-11-29",
                    "source": f"https://example.org/{i}?q=`${{x}}` https://example.org/ok",
                    "confidence": "high",
                    "notes": payload,
                }
            )
        return out

    _rewrite(target / "trips.csv", trips)

    def corrections(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        kept = [r for r in rows if r["file"] != "trips.csv"]
        return kept + [
            {
                "date": "2026-12-01",
                "file": "trips.csv",
                "row_id": f"hostile-{i}",
                "field": "purpose",
                "old": PAYLOADS[(i + 1) % len(PAYLOADS)],
                "new": payload,
                "reason": payload,
                "source": "https://example.org/correction",
            }
            for i, payload in enumerate(PAYLOADS)
        ]

    _rewrite(target / "corrections.csv", corrections)

    def routes(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for k, row in enumerate(rows):  # the waypoints now belong to hostile trips
            row["trip_id"], row["note"] = f"hostile-{k}", PAYLOADS[k]
        return rows

    _rewrite(target / "routes.csv", routes)
    return target
