"""The command line, in process, on the bundled data and on broken copies of it."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from mapview.cli import main

from .conftest import DATA, ROOT


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_mongolia_returns_an_obligation_with_reason() -> None:
    """`check` finds Putin by a part of his name and answers with the fields promised."""
    code, out = run(
        "check", "--person", "putin", "--date", "2024-09-03", "--country", "MNG", "--json"
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["obligation"] is True and answer["status"] == "state_party"
    assert answer["warrant_outstanding"] is True and "Mongolia" in answer["reason"]


def test_check_kyrgyzstan_has_no_obligation() -> None:
    """Kyrgyzstan in October 2023: a signatory, not bound."""
    code, out = run(
        "check", "--person", "Vladimir Putin", "--date", "2023-10-12", "--country", "kgz", "--json"
    )
    assert code == 0 and json.loads(out)["obligation"] is False


def test_status_lists_every_country_with_its_status() -> None:
    """`status --json` gives iso_a3, name, status and bound for each country."""
    code, out = run("status", "--on", "2024-02-01", "--json")
    rows = json.loads(out)
    assert code == 0 and {"iso_a3", "name", "status", "bound"} <= set(rows[0])
    armenia = next(r for r in rows if r["iso_a3"] == "ARM")
    assert armenia["status"] == "state_party" and armenia["bound"] is True


def test_trips_csv_has_a_verdict_and_reason_per_trip() -> None:
    """`trips --csv` prints the joined trips with sources."""
    code, out = run(
        "trips", "--from", "2024-01-01", "--to", "2024-12-31", "--person", "putin", "--csv"
    )
    assert code == 0
    header, *rows = out.strip().splitlines()
    assert "verdict" in header and "reason" in header and "source" in header
    assert any("MNG" in r and "bound" in r for r in rows)


def test_bad_inputs_exit_2_with_one_line_and_no_traceback() -> None:
    """Unknown person, bad date or unknown country: a one-line error, exit code 2."""
    for args in (
        ["check", "--person", "nobody", "--date", "2024-01-01", "--country", "MNG"],
        ["check", "--person", "putin", "--date", "2024-13-01", "--country", "MNG"],
        ["check", "--person", "putin", "--date", "2024-01-01", "--country", "XXX"],
    ):
        code, out = run(*args)
        assert code == 2 and "Traceback" not in out, args


def test_ambiguous_name_lists_the_candidates() -> None:
    """'gaddafi' matches two people: both are named."""
    code, out = run("check", "--person", "gaddafi", "--date", "2011-07-01", "--country", "LBY")
    assert code == 2 and "Muammar Gaddafi" in out and "Saif al-Islam Gaddafi" in out


def test_validate_passes_on_bundled_data_and_reports_every_problem(tmp_path: Path) -> None:
    """`validate` exits 0 on the bundled data, 1 with file:line: column lines on broken data."""
    assert run("validate")[0] == 0
    shutil.copytree(DATA, tmp_path / "d")
    trips = tmp_path / "d" / "trips.csv"
    lines = trips.read_text(encoding="utf-8").splitlines()
    row = next(r for r in lines[1:] if r.startswith("putin-2024-09-02-mng,"))
    bad_date = row.replace("2024-09-02,2024-09-03", "2024-09-31,2024-09-03").replace(
        "putin-2024-09-02-mng", "a"
    )
    bad_iso = row.replace(",MNG,", ",ZZZ,").replace("putin-2024-09-02-mng", "b")
    trips.write_text("\n".join([*lines, bad_date, bad_iso]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "validate"])
    assert result.exit_code == 1
    n = len(lines) + 1
    assert f"trips.csv:{n}: start: " in result.output and "'2024-09-31'" in result.output
    assert f"trips.csv:{n + 1}: iso_a3: unknown country code" in result.output


def test_data_dir_is_accepted_before_and_after_the_command(tmp_path: Path) -> None:
    """`mapview --data-dir D validate` and `mapview validate --data-dir D` read the same folder."""
    shutil.copytree(DATA, tmp_path / "d")
    (tmp_path / "d" / "countries.geojson").unlink()
    for args in (
        ["--data-dir", str(tmp_path / "d"), "validate"],
        ["validate", "--data-dir", str(tmp_path / "d")],
        ["--data-dir", str(DATA), "validate", "--data-dir", str(tmp_path / "d")],
    ):
        code, out = run(*args)
        assert code == 2 and "no countries.geojson" in out, args
    assert run("--data-dir", str(tmp_path / "d"), "validate", "--data-dir", str(DATA))[0] == 0


def test_from_and_to_are_dates_in_every_command() -> None:
    """A point given to --from is a bad date, not a place: airspace takes --origin and --dest."""
    code, out = run("airspace", "--from", "32.0,34.8", "--to", "38.9,-77.0", "--date", "2025-02-02")
    assert code == 2 and "No such option" in out
    code, out = run("trips", "--from", "32.0,34.8")
    assert code == 2 and "not a date" in out


def test_python_m_runs_the_command_line_once() -> None:
    """`python -m mapview.cli --help` prints the group's help once (no module runs twice)."""
    out = subprocess.run(
        [sys.executable, "-m", "mapview.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert out.count("Usage:") == 1 and "check" in out and "airspace" in out


def test_subcommand_modules_never_import_the_group() -> None:
    """Each command module imports only shared options, never `mapview.cli` itself (no cycle)."""
    for path in (ROOT / "src" / "mapview" / "cli").glob("*.py"):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "mapview.cli" and node.level == 0, path.name


def test_check_loads_neither_pandas_nor_the_map_stack() -> None:
    """`mapview check` answers from the CSV files alone: no pandas, geopandas, shapely or folium."""
    code = (
        "import sys; from mapview.cli import main\n"
        "main(['check', '--person', 'putin', '--date', '2024-09-03', '--country', 'MNG'],"
        " standalone_mode=False)\n"
        "heavy = ('pandas', 'numpy', 'geopandas', 'shapely', 'folium', 'streamlit', 'pyproj')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("YES: Mongolia bound to arrest Vladimir Putin") and lines[-1] == "[]"


def test_truncated_countries_file_is_one_line_naming_it(tmp_path: Path) -> None:
    """A countries.geojson cut short: exit 2 and the file's name, for `check` and `status`."""
    shutil.copytree(DATA, tmp_path / "d")
    outlines = tmp_path / "d" / "countries.geojson"
    outlines.write_bytes(outlines.read_bytes()[:1000])
    for args in (
        ["check", "--person", "putin", "--date", "2024-09-03", "--country", "MNG"],
        ["status", "--on", "2025-01-01"],
    ):
        code, out = run("--data-dir", str(tmp_path / "d"), *args)
        assert code == 2 and "countries.geojson" in out and "Traceback" not in out, args
        assert out.strip().count("\n") == 0, out


def test_status_with_a_person_lists_every_state_with_obligation_reason_and_caveat() -> None:
    """`status --person` is the where-can-they-go list; the JSON has the three promised fields."""
    code, out = run("status", "--on", "2024-12-31", "--person", "putin", "--json")
    assert code == 0
    items = {i["iso_a3"]: i for i in json.loads(out)}
    assert set(items["UKR"]) >= {"obligation", "reason", "caveat"}
    assert items["UKR"]["obligation"] == "bound_declaration" and items["UKR"]["caveat"]
    assert items["MNG"]["obligation"] == "bound_party" and items["MNG"]["caveat"] == ""
    assert items["USA"]["obligation"] == "not_bound"
    assert sum(i["obligation"].startswith("bound") for i in items.values()) == 125
    code, out = run("status", "--on", "2024-12-31", "--person", "putin")
    assert out.strip().endswith("124 States Parties and Ukraine (art. 12(3) declaration).")


def test_check_carries_the_caveat_and_a_day_beyond_the_horizon_is_clamped() -> None:
    """Hungary for Netanyahu after 2026-06-02 rests on a weak fact; 2099 is clamped, not refused."""
    code, out = run(
        "check", "--person", "netanyahu", "--date", "2026-12-14", "--country", "HUN", "--json"
    )
    assert code == 0 and "revocation of its withdrawal notification" in json.loads(out)["caveat"]
    result = CliRunner().invoke(
        main, ["check", "--person", "putin", "--date", "2099-01-01", "--country", "MNG"]
    )
    assert result.exit_code == 0 and "beyond the horizon" in result.output


def test_trips_json_carries_status_verdict_and_caveat_for_announced_trips() -> None:
    """An announced trip keeps its status and gets a 'would' verdict in `trips --json`."""
    code, out = run(
        "trips", "--from", "2026-12-01", "--to", "2026-12-31", "--person", "putin", "--json"
    )
    assert code == 0
    (g20,) = [t for t in json.loads(out) if t["trip_id"] == "putin-2026-12-14-usa"]
    assert g20["status"] in {"announced", "unconfirmed"}
    assert g20["verdict"] == "would_not_be_bound" and "caveat" in g20


def test_validate_warns_about_an_announced_trip_whose_days_passed(tmp_path: Path) -> None:
    """A warning with file and line, and the check still passes (exit 0)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    trips = folder / "trips.csv"
    lines = trips.read_text(encoding="utf-8").splitlines()
    past = lines[1].replace(",took_place,", ",announced,").replace(",not_arrested,", ",,")
    trips.write_text("\n".join([lines[0], past, *lines[2:]]) + "\n", encoding="utf-8")
    code, out = run("validate", "--data-dir", str(folder))
    assert code == 0
    assert "trips.csv:2: status: warning: its last day, 2009-03-23, has passed" in out
