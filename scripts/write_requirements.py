"""Print requirements.txt (the runtime dependencies of pyproject.toml) for hosts that read only that file."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))
print("# Generated from pyproject.toml by scripts/write_requirements.py; do not edit.")
for dep in project["project"]["dependencies"]:
    print(dep)
print(".  # mapview itself (src/ layout)")
