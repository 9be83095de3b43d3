"""`mapview export`: the static reader page of a view, and optionally its PNG and SVG."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mapview.cli.options import (
    Unavailable,
    cli_view,
    data_dir,
    data_dir_option,
    find_people,
    load,
    view_options,
)

if TYPE_CHECKING:
    from mapview.airspace import Journey
    from mapview.load import Dataset


def page_path(out: str | None, page_name: str) -> Path:
    """``out`` itself, or ``out/page_name`` when it is a directory (or ends with '/'); the
    current directory when None."""
    path = Path(out or ".")
    if out is None or path.is_dir() or out.endswith(("/", "\\")):
        return path / page_name
    return path


def flight_routes(
    data: Dataset, folder: Path, start: dt.date, end: dt.date, people: list[str]
) -> list[Journey]:
    """The outbound routes of the view's flown trips (at most 100), for the routes layer."""
    from mapview import airspace
    from mapview.join import trips_view

    homes, reported = airspace.departure_points(data), airspace.reported_routes(data)
    found, _ = airspace.journeys(data, trips_view(data, start, end, people), homes, reported)
    return found


@click.command("export")
@click.option(
    "--out",
    type=click.Path(),
    default=None,
    help="File to write, or a directory (it gets mapview-reader.html). Default: here.",
)
@view_options()
@click.option("--title", default=None, help="Page title (default: the question the map answers).")
@click.option("--description", default=None, help="Text for link previews (default: summary).")
@click.option("--image-url", default=None, help="Public http(s) address of the PNG, for previews.")
@click.option("--tiles", default=None, help="http(s) tile URL template (off: no network at all).")
@click.option("--tiles-attribution", default="", help="Credit line for --tiles.")
@click.option(
    "--routes", is_flag=True, help="Add a 'Flight routes' layer (see `mapview airspace`)."
)
@click.option(
    "--lens",
    default=None,
    help="With several --person: colour countries by whether they must arrest this one.",
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
@data_dir_option
@click.pass_context
def command(
    ctx: click.Context,
    out: str | None,
    person: tuple[str, ...],
    start: dt.date | None,
    end: dt.date | None,
    asof: dt.date | None,
    title: str | None,
    description: str | None,
    image_url: str | None,
    tiles: str | None,
    tiles_attribution: str,
    routes: bool,
    lens: str | None,
    png: Path | None,
    svg: Path | None,
) -> None:
    """Write the view as one self-contained HTML page for readers (no server needed).

    --from defaults to the first warrant of the people shown, --to to today (or to the last day of
    an announced trip, if later), --asof (the day the slider starts on) to --to. With one person,
    or --lens, countries are coloured by whether they must arrest that person.
    """
    from mapview import export as reader
    from mapview import vector

    if png is not None and reader.find_chromium() is None:
        raise Unavailable("chromium is needed for --png: install it (apt-get install chromium)")
    data = load(ctx)
    view = cli_view(
        data,
        find_people(data.people, person) or data.people,
        start,
        end,
        asof,
        lens,
        routes=routes,
    )
    flights = (
        flight_routes(data, data_dir(ctx), view.start, view.end, list(view.people))
        if view.routes
        else []
    )
    try:
        page = reader.page_for(
            data,
            view,
            title=title or reader.TITLE,
            description=description,
            image_url=image_url,
            tiles=tiles,
            tiles_attribution=tiles_attribution,
            routes=flights,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    target = page_path(out, reader.PAGE_NAME)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        click.echo(f"wrote {target} ({len(page.encode('utf-8')):,} bytes)")
        if svg is not None:
            svg.parent.mkdir(parents=True, exist_ok=True)
            svg.write_text(
                vector.build_svg(
                    data, view.start, view.end, list(view.people), view.asof, title or reader.TITLE
                ),
                encoding="utf-8",
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
