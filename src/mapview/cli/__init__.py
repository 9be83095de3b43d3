"""The command line: the journalist's questions, scriptable. It only translates to and from the
core: options become typed values, core errors become exit codes (2 and one line for bad input).

The group lives here; each subcommand has its own module and shares options through
:mod:`mapview.cli.options`. Subcommands import heavy libraries only when they run, so that
``mapview check`` starts fast.
"""

from __future__ import annotations

import logging

import click

from mapview.cli import airspace, check, export, serve, status, trips, validate
from mapview.cli.options import data_dir_option


@click.group()
@data_dir_option
def main() -> None:
    """Where did leaders wanted by the ICC travel, and was the host bound to arrest them?"""
    logging.basicConfig(level=logging.ERROR, format="%(message)s")


for _module in (check, status, trips, validate, airspace, export, serve):
    main.add_command(_module.command)
