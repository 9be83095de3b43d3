"""Start the dashboard on a free loopback port and drive it with Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from mapview.assets import DASHBOARD
from mapview.export import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = list(CHROMIUM_ARGS)  # the flags that keep chromium off the network
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def require_chromium() -> None:
    """Skip locally without chromium; in CI its absence is a failure."""
    if Path(CHROMIUM).exists() and shutil.which("chromium"):
        return
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (apt-get install chromium)")
    pytest.skip("chromium is not installed")


@dataclass(frozen=True)
class Server:
    """A Streamlit server on loopback: its address and process id."""

    url: str
    pid: int


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(
    script: Path, env: Mapping[str, str] | None = None, options: Sequence[str] = ()
) -> Iterator[Server]:
    """Run ``streamlit run script`` from the project folder (so its .streamlit/config.toml
    applies) on a free loopback port; yield once the health check answers; stop it after."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *options,
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start for {script}") from None
                time.sleep(0.2)
        yield Server(url, proc.pid)
    finally:
        signal.signal(signal.SIGTERM, previous)
        proc.terminate()
        proc.wait(10)


@contextlib.contextmanager
def streamlit_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the dashboard; yield its URL once the health check answers."""
    with serve(DASHBOARD, env) as server:
        yield server.url
