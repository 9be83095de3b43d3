"""Where the files that ship with mapview are: the bundled data, the vendored scripts and the
dashboard's static folder. Standard library only."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DATA = ROOT / "data"
VENDOR = ROOT / "static" / "vendor"


def default_data_dir() -> Path:
    """``$MAPVIEW_DATA_DIR`` if set, else the bundled data directory."""
    return Path(os.environ.get("MAPVIEW_DATA_DIR") or BUNDLED_DATA)
