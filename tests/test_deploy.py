"""Deployment files, checked statically: the Dockerfile's instructions and requirements.txt."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

from mapview.assets import DASHBOARD
from mapview.cli.serve import SETTINGS, streamlit_args

from .conftest import ROOT

PORT = "8501"


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    out = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def exec_form(args: str) -> list[str]:
    """The argument list of an exec-form (JSON array) instruction."""
    value = json.loads(args)
    assert isinstance(value, list), args
    return [str(v) for v in value]


def test_base_image_is_python_311_slim() -> None:
    """The image starts from python:3.11-slim, the version pyproject requires."""
    steps = instructions()
    assert steps[0] == ("FROM", "python:3.11-slim")
    assert [s for s in steps if s[0] == "FROM"] == [steps[0]]


def test_the_app_runs_as_a_user_that_is_not_root() -> None:
    """A USER other than root is set after the last RUN and before CMD."""
    steps = instructions()
    kinds = [k for k, _ in steps]
    last_user = max(i for i, k in enumerate(kinds) if k == "USER")
    assert steps[last_user][1].split(":")[0] not in ("root", "0", "")
    assert last_user > max(i for i, k in enumerate(kinds) if k == "RUN")
    assert last_user < kinds.index("CMD")
    created = " ".join(a for k, a in steps if k == "RUN")
    assert "useradd" in created and steps[last_user][1].split(":")[0] in created.split()


def test_the_installed_package_serves_on_the_exposed_port() -> None:
    """CMD runs `mapview serve` on 0.0.0.0 and the port that EXPOSE names, after a plain
    (non-editable) install."""
    steps = instructions()
    assert dict(steps)["EXPOSE"] == PORT
    cmd = exec_form(dict(steps)["CMD"])
    assert cmd[:2] == ["mapview", "serve"]
    installs = [a for k, a in steps if k == "RUN" and "pip install --no-deps" in a]
    assert installs and all(" -e " not in f" {a} " for a in installs)
    assert f"--server.port={PORT}" in cmd and "--server.address=0.0.0.0" in cmd


def test_healthcheck_asks_streamlits_health_endpoint() -> None:
    """HEALTHCHECK requests /_stcore/health on the served port and fails on a bad answer."""
    steps = dict(instructions())
    check = steps["HEALTHCHECK"]
    options, _, command = check.partition("CMD")
    assert "--interval=" in options and "--timeout=" in options
    probe = exec_form(command.strip())
    assert f"127.0.0.1:{PORT}/_stcore/health" in probe[-1]
    assert probe[0] == "python"  # the slim image has no curl or wget


def test_every_copied_path_exists_and_the_streamlit_config_is_copied() -> None:
    """Each COPY source is in the repository; the sources and requirements.txt are among them."""
    sources = []
    for kind, args in instructions():
        if kind == "COPY":
            *src, _dest = args.split()
            sources += src
    for src in sources:
        assert (ROOT / src).exists(), src
    assert {"src/", "pyproject.toml", "requirements.txt"} <= set(sources)


def test_build_context_leaves_out_the_virtualenv_and_git() -> None:
    """.dockerignore keeps .venv and .git out of the image's build context."""
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and ".git" in ignored


def test_requirements_txt_is_generated_from_pyproject() -> None:
    """requirements.txt is exactly what scripts/write_requirements.py prints (`make requirements`)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "write_requirements.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (ROOT / "requirements.txt").read_text(encoding="utf-8") == out


def test_streamlit_config_says_what_mapview_serve_passes() -> None:
    """.streamlit/config.toml (for `streamlit run` in a checkout) and `mapview serve` agree."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flat = {
        f"{section}.{key}": str(value).lower()
        for section, keys in config.items()
        for key, value in keys.items()
    }
    assert flat == SETTINGS


def test_serve_runs_the_packaged_entry_script_with_the_options_given_last() -> None:
    """`mapview serve OPTIONS` runs the package's dashboard script; later options win."""
    args = streamlit_args(("--server.port=9000", "--server.headless=false"))
    assert args[:2] == ["run", str(DASHBOARD)] and DASHBOARD.is_file()
    assert args[-2:] == ["--server.port=9000", "--server.headless=false"]
    assert (DASHBOARD.parent / "static" / "vendor" / "leaflet" / "leaflet.js").is_file()
