"""`mapview validate`: every problem in the data files."""

from __future__ import annotations

import sys

import click

from mapview.cli.options import data_dir_option, load


@click.command("validate")
@data_dir_option
@click.pass_context
def command(ctx: click.Context) -> None:
    """Check the data files; print every problem as file:line: column: message (value)."""
    data = load(ctx)
    for p in data.problems:
        click.echo(str(p))
    if data.problems:
        click.echo(f"{len(data.problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo(
        f"ok: {len(data.members)} states, {len(data.warrants)} warrants, {len(data.trips)} trips"
    )
