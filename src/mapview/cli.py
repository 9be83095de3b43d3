"""The command line: the journalist's questions, scriptable. It only translates to and from the core."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from mapview.domain import DateRange, assess
from mapview.join import EXPORT_COLUMNS, statuses_on, trips_view
from mapview.load import Dataset, default_data_dir, load_dataset
from mapview.validate import DataError


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A YYYY-MM-DD date."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"not a date in the form YYYY-MM-DD: {value!r}", param, ctx)


DATE = DateParam()


class UnusableData(click.ClickException):
    """A data file that cannot be used at all: exit code 2 and one line naming it."""

    exit_code = 2


def find_person(data: Dataset, query: str) -> str:
    """The one person whose name equals ``query`` or contains it, ignoring case."""
    q = query.casefold().strip()
    exact = [p for p in data.people if p.casefold() == q]
    if exact:
        return exact[0]
    matches = [p for p in data.people if q and q in p.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise click.UsageError(f"{query!r} is ambiguous: {', '.join(matches)}")
    raise click.UsageError(
        f"no warrant for a person matching {query!r}; known: {', '.join(data.people)}"
    )


def _load(ctx: click.Context) -> Dataset:
    data_dir: Path = ctx.obj["data_dir"]
    if not (data_dir / "countries.geojson").exists():
        raise click.UsageError(f"no countries.geojson in the data directory {str(data_dir)!r}")
    try:
        return load_dataset(data_dir)
    except DataError as exc:
        raise UnusableData(str(exc)) from exc


@click.group()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory with the four data files (default: $MAPVIEW_DATA_DIR or the bundled data).",
)
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None) -> None:
    """Where did leaders wanted by the ICC travel, and was the host bound to arrest them?"""
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = data_dir or default_data_dir()


@main.command()
@click.option("--person", required=True, help="Name or a unique part of it, e.g. putin.")
@click.option("--date", "day", type=DATE, required=True, help="Day of the visit.")
@click.option("--country", required=True, help="ISO 3166-1 alpha-3 code of the host.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def check(ctx: click.Context, person: str, day: dt.date, country: str, as_json: bool) -> None:
    """Was COUNTRY bound to arrest PERSON on DATE?"""
    data = _load(ctx)
    name = find_person(data, person)
    iso = country.strip().upper()
    if iso not in set(data.countries["iso_a3"]) | set(data.members):
        raise click.UsageError(
            f"unknown country code {country!r} (use ISO 3166-1 alpha-3, e.g. MNG)"
        )
    m = data.membership(iso)
    f = assess(m, data.warrants_for(name), DateRange(day, day))
    out = {
        "person": name,
        "date": day.isoformat(),
        "iso_a3": iso,
        "name": m.name,
        "obligation": f.obligation,
        "status": f.status.value,
        "bound": f.host_bound,
        "warrant_outstanding": f.warrant_outstanding,
        "reason": f.reason,
    }
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        answer = "YES" if f.obligation else "NO"
        click.echo(f"{answer}: {m.name} bound to arrest {name} on {day}? {f.reason}")


@main.command()
@click.option("--on", "day", type=DATE, required=True, help="The day.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def status(ctx: click.Context, day: dt.date, as_json: bool) -> None:
    """Every country's ICC status on a day."""
    rows = statuses_on(_load(ctx), day)
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


@main.command()
@click.option("--from", "start", type=DATE, default="2002-07-01", show_default=True)
@click.option("--to", "end", type=DATE, default=None, help="Default: today.")
@click.option("--person", multiple=True, help="Repeat for several people. Default: everyone.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.pass_context
def trips(
    ctx: click.Context,
    start: dt.date,
    end: dt.date | None,
    person: tuple[str, ...],
    as_json: bool,
    as_csv: bool,
) -> None:
    """The trips in a date range with the verdict and its reason."""
    data = _load(ctx)
    end = end or dt.date.today()
    if end < start:
        raise click.UsageError(f"--to {end} is before --from {start}")
    people = [find_person(data, p) for p in person] or None
    view = trips_view(data, start, end, people, dt.date.today())[EXPORT_COLUMNS]
    view = view.assign(start=view["start"].dt.date.astype(str), end=view["end"].dt.date.astype(str))
    if as_csv:
        click.echo(view.to_csv(index=False), nl=False)
    elif as_json:
        click.echo(json.dumps(view.to_dict(orient="records"), ensure_ascii=False, indent=2))
    else:
        for r in view.itertuples():
            click.echo(f"{r.start}  {r.person:<20} {r.host_name:<22} {r.verdict:<13} {r.reason}")


@main.command()
@click.pass_context
def validate(ctx: click.Context) -> None:
    """Check the data files; print every problem as file:line: column: message (value)."""
    data = _load(ctx)
    for p in data.problems:
        click.echo(str(p))
    if data.problems:
        click.echo(f"{len(data.problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo(
        f"ok: {len(data.members)} states, {len(data.warrants)} warrants, {len(data.trips)} trips"
    )


from mapview.export_cli import export  # noqa: E402  (the reader page lives in its own module)

main.add_command(export)

from mapview.airspace_cli import airspace  # noqa: E402  (flight routes live in their own module)

main.add_command(airspace)

if __name__ == "__main__":
    main()
