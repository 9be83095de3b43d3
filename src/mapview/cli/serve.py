"""`mapview serve`: the dashboard, from the installed package, with Streamlit's options."""

from __future__ import annotations

import os
import sys

import click

from mapview.cli.options import data_dir, data_dir_option

# The dashboard's Streamlit settings, given on the command line because an installed package
# has no .streamlit/config.toml beside the working directory. The repository's
# .streamlit/config.toml says the same for `streamlit run` (a test keeps them equal).
SETTINGS = {
    "server.headless": "true",
    "server.enableStaticServing": "true",  # vendored Leaflet and the outlines, under /app/static
    "server.fileWatcherType": "none",
    "server.maxUploadSize": "5",  # MB; the page also caps rows
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
}


def streamlit_args(options: tuple[str, ...]) -> list[str]:
    """The arguments of ``streamlit``: run the packaged entry script with the dashboard's
    settings, then ``options`` (which override them)."""
    from mapview.assets import DASHBOARD

    return ["run", str(DASHBOARD), *(f"--{k}={v}" for k, v in SETTINGS.items()), *options]


@click.command(
    "serve", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False}
)
@data_dir_option
@click.argument("options", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def command(ctx: click.Context, options: tuple[str, ...]) -> None:
    """Serve the dashboard; OPTIONS go to `streamlit run`, e.g. --server.port=8080.

    The data folder (--data-dir, else $MAPVIEW_DATA_DIR, else the bundled data) reaches the
    dashboard as $MAPVIEW_DATA_DIR.
    """
    from mapview.records import COUNTRIES

    folder = data_dir(ctx)
    if not (folder / COUNTRIES).exists():
        raise click.UsageError(f"no {COUNTRIES} in the data directory {str(folder)!r}")
    os.environ["MAPVIEW_DATA_DIR"] = str(folder.resolve())
    # Streamlit replaces this process, so that it gets the signals (as PID 1 in a container).
    os.execv(sys.executable, [sys.executable, "-m", "streamlit", *streamlit_args(options)])
