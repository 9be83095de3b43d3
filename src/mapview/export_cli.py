"""`mapview export`: the static reader page of a view, and optionally its PNG and SVG.

Registered on the ``mapview`` group at the end of :mod:`mapview.cli`. This module imports the
rest of the command line only inside the command, so that either module can be imported first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from mapview import airspace, vector
from mapview import export as reader
from mapview.airspace import Journey
from mapview.join import trips_view
from mapview.load import Dataset

DAY = click.DateTime(formats=["%Y-%m-%d"])
EARLIEST = dt.date(2002, 7, 1)


class Unavailable(click.ClickException):
    """A one-line error with exit code 2, for a missing tool."""

    exit_code = 2


def page_path(out: str) -> Path:
    """``out`` itself, or ``out/mapview-reader.html`` when it is a directory (or ends with '/')."""
    path = Path(out)
    if path.is_dir() or out.endswith(("/", "\\")):
        return path / reader.PAGE_NAME
    return path


def flight_routes(
    data: Dataset, data_dir: Path, start: dt.date, end: dt.date, people: list[str]
) -> list[Journey]:
    """The outbound routes of the view's flown trips (at most 100), for the routes layer."""
    homes, reported = airspace.departure_points(data), airspace.reported_routes(data)
    found, _ = airspace.journeys(data, trips_view(data, start, end, people), homes, reported)
    return found


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


@click.command("export")
@click.option(
    "--out",
    type=click.Path(),
    default=reader.PAGE_NAME,
    show_default=True,
    help="File to write, or a directory (it gets mapview-reader.html).",
)
@click.option("--from", "start", type=DAY, default=None, help="First day (default: first warrant).")
@click.option("--to", "end", type=DAY, default=None, help="Last day (default: today).")
@click.option("--person", multiple=True, help="Repeat for several people. Default: everyone.")
@click.option("--asof", type=DAY, default=None, help="Day the slider starts on (default: --to).")
@click.option("--title", default=reader.TITLE, show_default=True, help="Page title.")
@click.option("--description", default=None, help="Text for link previews (default: summary).")
@click.option("--image-url", default=None, help="Public http(s) address of the PNG, for previews.")
@click.option("--tiles", default=None, help="http(s) tile URL template (off: no network at all).")
@click.option("--tiles-attribution", default="", help="Credit line for --tiles.")
@click.option(
    "--routes", is_flag=True, help="Add a 'Flight routes' layer (see `mapview airspace`)."
)
@click.option(
    "--png",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a PNG of map, title and legend (needs chromium).",
)
@click.option(
    "--svg",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the map of the day the slider starts on as a standalone SVG (for print).",
)
@click.pass_context
def export(
    ctx: click.Context,
    out: str,
    start: dt.datetime | None,
    end: dt.datetime | None,
    person: tuple[str, ...],
    asof: dt.datetime | None,
    title: str,
    description: str | None,
    image_url: str | None,
    tiles: str | None,
    tiles_attribution: str,
    routes: bool,
    png: Path | None,
    svg: Path | None,
) -> None:
    """Write the view as one self-contained HTML page for readers (no server needed)."""
    from mapview.cli import _load, find_person

    if png is not None and reader.find_chromium() is None:
        raise Unavailable("chromium is needed for --png: install it (apt-get install chromium)")
    data = _load(ctx)
    people = [find_person(data, p) for p in person] or None
    chosen = people or data.people
    first = min((w.issued for w in data.warrants if w.person in chosen), default=EARLIEST)
    begin = _day(start) or max(first, EARLIEST)
    finish = _day(end) or dt.date.today()
    flights = flight_routes(data, ctx.obj["data_dir"], begin, finish, chosen) if routes else []
    try:
        page = reader.build_reader_page(
            data,
            begin,
            finish,
            people,
            _day(asof),
            title=title,
            description=description,
            image_url=image_url,
            tiles=tiles,
            tiles_attribution=tiles_attribution,
            routes=flights,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    target = page_path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        click.echo(f"wrote {target} ({len(page.encode('utf-8')):,} bytes)")
        if svg is not None:
            svg.parent.mkdir(parents=True, exist_ok=True)
            svg.write_text(
                vector.build_svg(data, begin, finish, people, _day(asof), title), encoding="utf-8"
            )
            click.echo(f"wrote {svg}")
        if png is not None:
            png.parent.mkdir(parents=True, exist_ok=True)
            reader.write_png(page, png)
            click.echo(f"wrote {png}")
    except reader.ChromiumMissing as exc:
        raise Unavailable(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename!r}: {exc.strerror}") from exc
