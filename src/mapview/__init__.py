"""mapview: where leaders wanted by the ICC travelled, and whether the host was bound to arrest."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mapview")  # one source: the version in pyproject.toml
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
