"""`mapview status`: every country's ICC status on a day."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from mapview.load import Dataset

from mapview.cli.options import (
    DATE,
    data_dir_option,
    find_person,
    json_option,
    load,
    within_horizon,
)


@click.command("status")
@click.option("--on", "day", type=DATE, required=True, help="The day (up to two years ahead).")
@click.option(
    "--person",
    default=None,
    help="Where can they go: whether each state is bound to arrest this person (name or part).",
)
@json_option
@data_dir_option
@click.pass_context
def command(ctx: click.Context, day: dt.date, person: str | None, as_json: bool) -> None:
    """Every country's ICC status on a day, or with --person its obligation to arrest them.

    A future day applies the changes already scheduled in the data (a projection).
    """
    from mapview.states import statuses_on

    day = within_horizon(day, "--on")
    data = load(ctx)
    if person is not None:
        _standings(data, find_person(data.people, person), day, as_json)
        return
    rows = statuses_on(data, day)
    if as_json:
        items = [
            {"iso_a3": r.iso_a3, "name": r.name, "status": r.status.value, "bound": r.bound}
            for r in rows
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.iso_a3}\t{r.status.value}\t{'bound' if r.bound else '-'}\t{r.name}")
    click.echo(f"{sum(r.bound for r in rows)} states bound on {day}")


def _standings(data: Dataset, name: str, day: dt.date, as_json: bool) -> None:
    from mapview import obligations
    from mapview.obligations import standings

    found = standings(data, name, day)
    if as_json:
        click.echo(json.dumps(obligations.records(found), ensure_ascii=False, indent=2))
        return
    for s in found:
        caveat = f"\t{s.caveat}" if s.caveat else ""
        click.echo(f"{s.iso_a3}\t{s.obligation.value}\t{s.name}\t{s.reason}{caveat}")
    click.echo(obligations.sentence(found, name, day, dt.date.today()))
