"""The README's `mapview` examples run as written, with and without each bracketed part."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapview import export
from mapview.assets import BUNDLED_DATA, DASHBOARD
from mapview.cli import main

from .conftest import ROOT

PREFIX = ".venv/bin/mapview "


def readme_commands() -> list[str]:
    """Every `mapview` line of the README's shell blocks, continuation lines joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [" ".join(line.split()) for line in lines if line.strip().startswith(PREFIX)]


def variants(command: str) -> list[str]:
    """``command`` without its bracketed parts, then with each alternative of each part alone."""
    parts = re.findall(r"\[([^\]]+)\]", command)
    bare = " ".join(re.sub(r"\[[^\]]+\]", "", command).split())
    out = [bare]
    for part in parts:
        for choice in part.split(" | "):
            out.append(" ".join(command.replace(f"[{part}]", choice).split()))
            out[-1] = " ".join(re.sub(r"\[[^\]]+\]", "", out[-1]).split())
    return out


EXAMPLES = [v for c in readme_commands() for v in variants(c)]


def test_the_readme_has_an_example_of_every_command() -> None:
    """Each subcommand appears in the README's examples."""
    shown = {shlex.split(e.removeprefix(PREFIX))[0] for e in EXAMPLES}
    shown |= {shlex.split(e.removeprefix(PREFIX))[2] for e in EXAMPLES if "--data-dir DIR" in e}
    assert set(main.commands) <= shown


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_example_runs(example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example exits 0 on the bundled data (DIR is the bundled data folder)."""
    if "--png" in example and export.find_chromium() is None:
        pytest.skip("chromium is not installed")
    started: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda _exe, args: started.append(args))
    monkeypatch.delenv("MAPVIEW_DATA_DIR", raising=False)
    args = [str(BUNDLED_DATA) if a == "DIR" else a for a in shlex.split(example)[1:]]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    if args[0] == "serve":  # the server itself is started by the wheel test
        assert started and str(DASHBOARD) in started[0]
        assert started[0][-1] == args[-1] or args == ["serve"]
    if args[0] == "export":
        assert (tmp_path / "site" / export.PAGE_NAME).is_file()
