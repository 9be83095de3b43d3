"""A plain (non-editable) install of the built wheel works away from the source tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT
from .e2e.harness import ARGS, CHROMIUM, MAP_IFRAME, free_port

pytestmark = pytest.mark.slow


def files_under(folder: Path) -> set[str]:
    """The files below ``folder``, bytecode caches left out."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (no deps: they come from this venv's packages)."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    wheel = [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
    subprocess.run([*wheel, "-w", str(tmp / "dist"), str(source)], check=True)
    shutil.rmtree(source)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    (whl,) = (tmp / "dist").glob("mapview-*.whl")
    install = [*pip, "--python", str(python), "install", "--no-deps", "--no-index", "-q"]
    subprocess.run([*install, str(whl)], check=True)
    return venv


def run(venv: Path, cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("MAPVIEW_DATA_DIR", "PYTHONPATH")}
    out = subprocess.run(
        [str(venv / "bin" / "mapview"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def package_dir(venv: Path) -> Path:
    code = "import mapview, pathlib; print(pathlib.Path(mapview.__file__).parent)"
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, check=True
    )
    return Path(out.stdout.strip())


def test_status_and_export_run_from_the_installed_package(installed: Path, tmp_path: Path) -> None:
    """`mapview status` and `mapview export` work from another directory, read the packaged
    data and assets, and write nothing into the package."""
    package = package_dir(installed)
    assert installed in package.parents and ROOT not in package.parents
    before = files_under(package)
    out = run(installed, tmp_path, "status", "--on", "2025-01-01")
    assert out.strip().endswith("125 states bound on 2025-01-01")
    run(installed, tmp_path, "export", "--person", "putin", "--from", "2024-01-01", "--to",
        "2024-12-31", "--out", "site/")  # fmt: skip
    page = (tmp_path / "site" / "mapview-reader.html").read_text(encoding="utf-8")
    assert "Vladimir Putin" in page and "L.map" in page
    assert files_under(package) == before


def draws_map(url: str) -> list[str]:
    """Open ``url`` in headless chromium, wait until the map has its country outlines and
    height, and return the requests that failed."""
    from playwright.sync_api import sync_playwright

    failed: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(url)
        page.wait_for_function(
            "() => { const f = document.querySelector('" + MAP_IFRAME.replace("'", "\\'") + "');"
            " return f && f.getBoundingClientRect().height > 0 && f.contentDocument &&"
            " f.contentDocument.querySelectorAll('path[data-iso-a3]').length > 200; }",
            timeout=60_000,
        )
        browser.close()
    return failed


def test_serve_starts_the_dashboard_with_its_static_files(installed: Path, tmp_path: Path) -> None:
    """`mapview serve` answers the health check, serves Leaflet and the prepared outlines, and
    (with chromium) the installed dashboard draws its map with no failed request."""
    package = package_dir(installed)
    (outlines,) = (package / "dashboard" / "static" / "generated").glob("countries-*.json")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "MAPVIEW_DATA_DIR"}
    args = ["serve", "--server.address=127.0.0.1", f"--server.port={port}"]
    server = subprocess.Popen(
        [str(installed / "bin" / "mapview"), *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        for path in ("vendor/leaflet/leaflet.js", f"generated/{outlines.name}"):
            with urllib.request.urlopen(f"{url}/app/static/{path}", timeout=5) as response:
                assert response.status == 200 and response.read(), path
        if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
            assert draws_map(url + "/?leader=vladimir-putin&from=2024-01-01&to=2024-12-31") == []
    finally:
        server.terminate()
        server.wait(10)
