"""Flight routes: geodesics cut at the antimeridian, the countries they cross, the CLI and layer."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
import shapely
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import LineString, Point

from mapview import airspace as air
from mapview import render
from mapview.cli import main
from mapview.domain import Status
from mapview.load import Dataset, load_dataset

from .conftest import DATA

D = dt.date.fromisoformat
TLV, WASHINGTON = (32.0114, 34.8867), (38.9072, -77.0369)
TOKYO, ANCHORAGE, OSLO = (35.6762, 139.6503), (61.2181, -149.9003), (59.9139, 10.7522)
NETANYAHU = "Benjamin Netanyahu"
ROUTES = {
    "tlv-washington": (TLV, WASHINGTON),
    "tokyo-anchorage": (TOKYO, ANCHORAGE),
    "oslo-anchorage": (OSLO, ANCHORAGE),
    "over-the-north-pole": ((60.0, 10.0), (60.0, -170.0)),
    "over-the-south-pole": ((-60.0, 0.0), (-60.0, 180.0)),
    "sydney-ushuaia": ((-33.87, 151.21), (-54.80, -68.30)),
}


def geod_km(a: air.LatLon, b: air.LatLon) -> float:
    return float(Geod(ellps="WGS84").inv(a[1], a[0], b[1], b[0])[2]) / 1000


def steps(route: air.Route) -> list[float]:
    return [abs(q[1] - p[1]) for piece in route.pieces for p, q in pairwise(piece)]


def test_tel_aviv_to_washington_matches_an_independent_computation(data: Dataset) -> None:
    """Countries, order and km agree with a separate densify-intersect-measure at 7 km spacing."""
    geod = Geod(ellps="WGS84")
    (lat1, lon1), (lat2, lon2) = TLV, WASHINGTON
    n = math.ceil(geod.inv(lon1, lat1, lon2, lat2)[2] / 7000)
    coords = [(lon1, lat1), *geod.npts(lon1, lat1, lon2, lat2, n), (lon2, lat2)]
    line = LineString(coords)
    expected: dict[str, float] = {}
    first_inside: dict[str, int] = {}
    for iso, geom in zip(data.countries["iso_a3"], data.countries.geometry, strict=True):
        inside = line.intersection(geom)
        parts = [g for g in shapely.get_parts(inside) if g.geom_type == "LineString"]
        km = sum(geod.geometry_length(g) for g in parts) / 1000
        if km > 0:
            expected[iso] = km
            hits = [i for i, c in enumerate(coords) if geom.covers(Point(c))]
            first_inside[iso] = hits[0] if hits else len(coords)

    found = air.crossings(
        air.great_circle(TLV, WASHINGTON), data.countries, data.membership, D("2025-02-02")
    )

    got = {c.iso_a3: c.km for c in found}
    assert {k for k, v in got.items() if v > 1} == {k for k, v in expected.items() if v > 1}
    for iso, km in expected.items():
        assert got.get(iso, 0.0) == pytest.approx(km, abs=0.5, rel=0.005), iso
    long_ones = [c.iso_a3 for c in found if c.km > 20]
    assert long_ones == sorted(long_ones, key=lambda iso: first_inside[iso])
    assert [c.entry_km for c in found] == sorted(c.entry_km for c in found)
    assert {"GRC", "ITA", "FRA", "CAN"} <= set(got) and found[0].iso_a3 == "ISR"


def test_route_across_the_antimeridian_is_cut_not_drawn_across_the_map(data: Dataset) -> None:
    """Tokyo -> Anchorage is two pieces meeting at ±180 at the same latitude, no long jumps."""
    route = air.great_circle(TOKYO, ANCHORAGE)
    assert len(route.pieces) == 2
    (west, east) = route.pieces
    assert west[-1][1] == 180.0 and east[0][1] == -180.0 and west[-1][0] == east[0][0]
    assert all(-180 <= lon <= 180 for piece in route.pieces for _, lon in piece)
    assert max(steps(route)) < 180
    assert route.km == pytest.approx(geod_km(TOKYO, ANCHORAGE), rel=0.005)
    found = air.crossings(route, data.countries, data.membership, D("2025-01-01"))
    assert [c.iso_a3 for c in found] == ["JPN", "USA"]


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_routes_keep_their_length_and_never_jump_a_half_map(name: str) -> None:
    """Polar, antimeridian and ordinary routes: total within 0.5% of Geod.inv, steps < 180°."""
    start, end = ROUTES[name]
    route = air.great_circle(start, end)
    assert max(steps(route)) <= 180 - 1e-6
    assert route.km == pytest.approx(geod_km(start, end), rel=0.005)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-89, 89),
    st.floats(-180, 180),
    st.floats(-89, 89),
    st.floats(-180, 180),
)
@example(0.0, 0.0, 0.0, 179.99999999999997)  # antipodal on the equator: over a pole, rounded
def test_any_great_circle_keeps_its_length_and_never_jumps(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    """For any two points more than 1 km apart the cut route measures what Geod.inv says."""
    if geod_km((lat1, lon1), (lat2, lon2)) < 1:
        return
    route = air.great_circle((lat1, lon1), (lat2, lon2))
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for p in route.pieces for lat, lon in p)
    assert max(steps(route)) <= 180 - 1e-6
    assert route.km == pytest.approx(geod_km((lat1, lon1), (lat2, lon2)), rel=0.005, abs=0.01)


@pytest.mark.parametrize(
    ("points", "pieces"),
    [
        (
            [(10.0, 170.0), (12.0, -170.0)],
            (((10.0, 170.0), (11.0, 180.0)), ((11.0, -180.0), (12.0, -170.0))),
        ),
        (
            [(10.0, -170.0), (12.0, 170.0)],
            (((10.0, -170.0), (11.0, -180.0)), ((11.0, 180.0), (12.0, 170.0))),
        ),
        (
            [(89.0, 10.0), (89.0, -170.0)],
            (((89.0, 10.0), (90.0, 10.0)), ((90.0, -170.0), (89.0, -170.0))),
        ),
        ([(0.0, 0.0), (1.0, 1.0)], (((0.0, 0.0), (1.0, 1.0)),)),
    ],
)
def test_cut_splits_at_the_antimeridian_and_at_the_pole(
    points: list[air.LatLon], pieces: tuple[tuple[air.LatLon, ...], ...]
) -> None:
    """Crossing ±180 interpolates the latitude; opposite meridians pass through the pole."""
    assert air.cut(points) == pieces


@pytest.mark.parametrize("name", ["tlv-washington", "tokyo-anchorage", "oslo-anchorage"])
def test_country_km_sum_to_the_km_over_land(data: Dataset, name: str) -> None:
    """Per-country km add up to the km over the union of the land polygons."""
    found = air.survey(
        air.great_circle(*ROUTES[name]), data.countries, data.membership, D("2025-01-01")
    )
    assert found.land_km > 0
    assert sum(c.km for c in found.crossings) == pytest.approx(found.land_km, rel=1e-6)
    assert found.land_km < found.total_km


@pytest.mark.parametrize(
    ("day", "with_warrant", "bound"),
    [("2025-02-02", True, True), ("2025-02-02", False, False), ("2024-01-01", True, False)],
)
def test_greece_is_bound_only_for_a_traveller_with_an_outstanding_warrant(
    data: Dataset, day: str, with_warrant: bool, bound: bool
) -> None:
    """Greece, a State Party, is bound to arrest Netanyahu on 2025-02-02, not without a warrant."""
    warrants = data.warrants_for(NETANYAHU) if with_warrant else []
    found = air.crossings(
        air.great_circle(TLV, WASHINGTON), data.countries, data.membership, D(day), warrants
    )
    greece = next(c for c in found if c.iso_a3 == "GRC")
    usa = next(c for c in found if c.iso_a3 == "USA")
    assert greece.status is Status.STATE_PARTY and greece.bound is bound
    assert usa.bound is False


def _trips(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {"trip_id": t, "person": "P", "start": s, "end": e, "status": status}
            for t, s, e, status in rows
        ]
    )
    frame[["start", "end"]] = frame[["start", "end"]].apply(pd.to_datetime)
    return frame.assign(city="Prev", iso_a3="AAA", lat=1.0, lon=2.0)


@pytest.mark.parametrize(
    ("prev_end", "prev_status", "from_previous"),
    [
        ("2025-03-10", "took_place", True),
        ("2025-03-09", "took_place", True),
        ("2025-03-08", "took_place", False),
        ("2025-03-10", "cancelled", False),
    ],
)
def test_departure_rule_previous_destination_within_one_day_else_home(
    prev_end: str, prev_status: str, from_previous: bool
) -> None:
    """A trip ending 0 or 1 day before is the departure; an older or cancelled one is not."""
    trips = _trips(
        ("a", "2025-03-05", prev_end, prev_status), ("b", "2025-03-10", "2025-03-12", "took_place")
    )
    home = {"P": air.Origin(9.0, 9.0, "Home", "home")}
    origin = air.origin_for("b", trips, home)
    assert (origin.place != "Home") is from_previous
    if from_previous:
        assert (origin.lat, origin.lon) == (1.0, 2.0) and "previous trip a" in origin.rule


def test_trip_departs_from_budapest_after_hungary_and_from_ben_gurion_otherwise(
    data: Dataset,
) -> None:
    """The April 2025 Washington trip leaves from Budapest; the February one from home."""
    homes = air.departure_points(data)
    april = air.origin_for("netanyahu-2025-04-06-usa", data.trips, homes)
    february = air.origin_for("netanyahu-2025-02-02-usa", data.trips, homes)
    assert april.place.startswith("Budapest") and "netanyahu-2025-04-03-hun" in april.rule
    assert (february.lat, february.lon) == TLV


def test_reported_september_route_avoids_france_and_spain(data: Dataset) -> None:
    """Via Gibraltar: Greece and Italy only in Europe; France avoided at the cost of extra km."""
    homes, routes = air.departure_points(data), air.reported_routes(data)
    journey = air.plan_journey(data, "netanyahu-2025-09-25-usa", homes, routes)
    assert journey.reported is not None and journey.main is journey.reported
    crossed = [c.iso_a3 for c in journey.reported.crossings]
    assert "GRC" in crossed and "ITA" in crossed
    assert not {"FRA", "ESP", "PRT"} & set(crossed)
    detour = journey.detour()
    assert detour is not None and detour.extra_km > 0
    assert {"FRA", "CHE"} <= {c.iso_a3 for c in detour.avoided}


def test_route_files_cite_sources_and_name_known_trips(data: Dataset) -> None:
    """Every route row names a trip, cites an address, and says when it is derived from words."""
    routes = pd.read_csv(DATA / air.ROUTES, dtype=str)
    assert set(routes["trip_id"]) <= set(data.trips["trip_id"])
    assert routes["source"].str.startswith("http").all()
    derived = routes["note"].str.contains("verbal description")
    assert (routes.loc[derived, "confidence"] == "medium").all()
    assert set(data.trips["person"]) <= set(air.departure_points(data))


@pytest.mark.parametrize(
    ("file", "text", "column", "message"),
    [
        (
            "departures.csv",
            "Vladimir Putin,City,95,0,,unsourced,\n",
            "lat",
            "less than or equal to 90",
        ),
        ("departures.csv", "Vladimir Putin,City,1,2,ftp://x,high,\n", "source", "http(s) address"),
        ("departures.csv", "Nobody,City,1,2,,unsourced,\n", "person", "no warrant row"),
        ("routes.csv", "no-such-trip,1,1,2,,,unsourced\n", "trip_id", "no trip of that id"),
        ("routes.csv", "netanyahu-2025-02-02-usa,1,1,2,,,unsourced\n", "seq", "duplicate of line"),
        ("routes.csv", "netanyahu-2025-02-02-usa,x,1,2,,,unsourced\n", "seq", "valid integer"),
    ],
)
def test_bad_departure_and_route_rows_are_problems_with_file_line_column_and_value(
    tmp_path: Path, file: str, text: str, column: str, message: str
) -> None:
    """The route files go through the same validation as the others: a problem per bad cell,
    the row set aside, nothing raised (a latitude of 95 used to pass validation)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with (folder / file).open("a", encoding="utf-8") as f:
        f.write(text)
    lines = (folder / file).read_text(encoding="utf-8").count("\n")
    data = load_dataset(folder)
    (problem,) = [p for p in data.problems if p.file == file]
    assert (problem.line, problem.column) == (lines, column) and message in problem.message


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_json_is_the_crossings_in_order() -> None:
    """`airspace --json` prints a list of iso_a3, name, km, bound in crossing order."""
    code, out = run(
        "airspace", "--origin", "32.0114,34.8867", "--dest", "38.9072,-77.0369",
        "--date", "2025-02-02", "--person", "netanyahu", "--json",
    )  # fmt: skip
    assert code == 0
    items = json.loads(out)
    assert isinstance(items, list) and {"iso_a3", "name", "km", "bound"} <= set(items[0])
    assert items[0]["iso_a3"] == "ISR" and items[-1]["iso_a3"] == "USA"
    assert [i["entry_km"] for i in items] == sorted(i["entry_km"] for i in items)
    greece = next(i for i in items if i["iso_a3"] == "GRC")
    assert greece["bound"] is True and greece["km"] > 50


def test_cli_trip_shows_departure_detour_and_what_is_not_modelled() -> None:
    """`airspace --trip` states the departure rule, the detour and the land-only caveat."""
    code, out = run("airspace", "--trip", "netanyahu-2025-04-06-usa")
    assert code == 0
    assert "Departs from Budapest" in out and "Detour: +" in out
    assert "Netherlands" in out.split("Detour:")[1] and air.NOT_MODELLED in out
    code, out = run("airspace", "--trip", "netanyahu-2025-04-06-usa", "--json")
    assert code == 0 and [i["iso_a3"] for i in json.loads(out)][:2] == ["HUN", "HRV"]


@pytest.mark.parametrize(
    "args",
    [
        ["--origin", "91,0", "--dest", "0,0", "--date", "2025-01-01"],
        ["--origin", "abc", "--dest", "0,0", "--date", "2025-01-01"],
        ["--origin", "1,1", "--dest", "1,1", "--date", "2025-01-01"],
        ["--origin", "1,1", "--dest", "2,2"],
        ["--origin", "1,1", "--dest", "2,2", "--date", "2025-02-30"],
        ["--trip", "no-such-trip"],
        ["--trip", "netanyahu-2025-02-02-usa", "--date", "2025-02-02"],
    ],
)
def test_cli_bad_input_exits_2_without_traceback(args: list[str]) -> None:
    """Bad coordinates, dates, trips or mixed options: exit 2 and an error line."""
    code, out = run("airspace", *args)
    assert code == 2 and "Error:" in out and "Traceback" not in out


def test_cli_trip_without_departures_file_exits_2(tmp_path: Path) -> None:
    """A data directory without departures.csv is a usage error naming the file."""
    shutil.copytree(DATA, tmp_path / "d")
    (tmp_path / "d" / air.DEPARTURES).unlink()
    result = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path / "d"), "airspace", "--trip", "netanyahu-2025-02-02-usa"]
    )
    assert result.exit_code == 2 and "departures.csv" in result.output


def test_route_script_dashes_the_great_circle_and_keeps_its_tooltip_as_text() -> None:
    """Great circle dashed, reported solid; a hostile country name travels as text, not markup."""
    crossing = air.Crossing("EVL", "<script>alert(1)</script>", 10.0, True, Status.STATE_PARTY)
    direct = air.Survey(air.great_circle(TOKYO, ANCHORAGE), D("2025-01-01"), (crossing,), 1.0, 1.0)
    reported = air.Survey(
        air.via([TOKYO, (50.0, 170.0), ANCHORAGE], label="reported route", reported=True),
        D("2025-01-01"), (), 1.0, 0.0,
    )  # fmt: skip
    records = render.route_records([direct, reported])
    styles = [render.ROUTE_STYLES[bool(r["k"])] for r in records]
    assert "dashArray" in styles[0] and "dashArray" not in styles[1]
    assert "<script>alert(1)</script> (bound to arrest)" in records[0]["t"]
    script = render.route_script([direct, reported])
    sent = json.loads(script.split("var routes = ", 1)[1].split(";\n", 1)[0])
    assert sent == records  # drawn as text by mapview.drawRoutes (tests/js/test_map.js)
    assert "<script>alert(1)" not in render.layers_script([script])  # the text the frame runs
    lons = [p[0] for r in records for line in r["c"] for p in line]
    assert all(-180 <= lon <= 180 for lon in lons)
