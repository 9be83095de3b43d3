"""What the subcommands share: one date type, the data folder, ``--json``, the view options,
finding a person by part of a name, and the one-line error for a missing tool.

Subcommands import this module, never the group in :mod:`mapview.cli`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from mapview.load import Dataset
    from mapview.records import Records
    from mapview.urlstate import ViewState

F = TypeVar("F", bound=Callable[..., Any])
EARLIEST = dt.date(2002, 7, 1)  # the Rome Statute's entry into force


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


class Unavailable(click.ClickException):
    """A one-line error with exit code 2, for a missing tool."""

    exit_code = 2


class Unreadable(click.ClickException):
    """A one-line error with exit code 2, for a data file that cannot be read."""

    exit_code = 2


def _remember_data_dir(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    obj = ctx.ensure_object(dict)
    if value is not None or "data_dir" not in obj:
        obj["data_dir"] = value


def data_dir_option(f: F) -> F:
    """``--data-dir DIR``, accepted by the group and by every subcommand (the later one wins)."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        callback=_remember_data_dir,
        help="Directory with the data files (default: $MAPVIEW_DATA_DIR or the bundled data).",
    )(f)


def json_option(f: F) -> F:
    """``--json``: print JSON instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)


def view_options(asof: bool = True) -> Callable[[F], F]:
    """``--person`` (repeatable), ``--from``, ``--to`` and optionally ``--asof``: dates, all."""

    def decorate(f: F) -> F:
        if asof:
            f = click.option(
                "--asof",
                type=DATE,
                default=None,
                help="Day the map is coloured for (default: --to).",
            )(f)
        f = click.option("--to", "end", type=DATE, default=None, help="Last day (default: today).")(
            f
        )
        f = click.option("--from", "start", type=DATE, default=None, help="First day.")(f)
        return click.option(
            "--person", multiple=True, help="Name or a unique part of it; repeat for several."
        )(f)

    return decorate


def data_dir(ctx: click.Context) -> Path:
    """The data folder given on the command line, else ``$MAPVIEW_DATA_DIR`` or the bundled one."""
    from mapview.assets import default_data_dir

    given: Path | None = ctx.ensure_object(dict).get("data_dir")
    return given or default_data_dir()


def load(ctx: click.Context) -> Dataset:
    """The validated data of the data folder (a usage error if it has no country outlines)."""
    from mapview.load import load_dataset
    from mapview.records import COUNTRIES

    folder = data_dir(ctx)
    if not (folder / COUNTRIES).exists():
        raise click.UsageError(f"no {COUNTRIES} in the data directory {str(folder)!r}")
    with _unreadable_outlines(folder):
        return load_dataset(folder)


def load_records(ctx: click.Context) -> Records:
    """Members, warrants and country names of the data folder, checked as :func:`load` checks
    them, without pandas or geopandas (for one question, fast)."""
    from mapview import records

    folder = data_dir(ctx)
    if not (folder / records.COUNTRIES).exists():
        raise click.UsageError(f"no {records.COUNTRIES} in the data directory {str(folder)!r}")
    with _unreadable_outlines(folder):
        return records.load_records(folder)


@contextlib.contextmanager
def _unreadable_outlines(folder: Path) -> Iterator[None]:
    """A data file that cannot be used at all is an input error: one line naming the file."""
    from mapview.validate import DataError

    try:
        yield
    except DataError as exc:
        raise Unreadable(str(exc)) from exc


CLI_NAMES = {"start": "--from", "end": "--to", "asof": "--asof", "lens": "--lens"}


def last_day(data: Dataset, people: Sequence[str], today: dt.date) -> dt.date:
    """``today``, or the last day of a later announced trip by ``people``, within the horizon."""
    from mapview.domain import horizon

    planned = data.trips[(data.trips["status"] == "announced") & data.trips["person"].isin(people)]
    latest = planned["end"].max().date() if len(planned) else today
    return min(max(today, latest), horizon(today))


def cli_view(
    data: Dataset,
    people: Sequence[str],
    start: dt.date | None,
    end: dt.date | None,
    asof: dt.date | None,
    lens: str | None = None,
    routes: bool = False,
) -> ViewState:
    """The view the options describe, checked by the same rule as a URL's
    (:func:`mapview.urlstate.validated`); each notice goes to stderr. ``--from`` defaults to the
    first warrant of ``people``, ``--to`` to today (or the last day of a later announced trip)."""
    from mapview.domain import horizon
    from mapview.urlstate import ViewState, validated

    today = dt.date.today()
    first = min((w.issued for w in data.warrants if w.person in people), default=EARLIEST)
    view = ViewState(
        tuple(people),
        start or max(first, EARLIEST),
        end or last_day(data, people, today),
        asof,
        routes,
        lens=find_person(people, lens) if lens else None,
    )
    view, notices = validated(view, EARLIEST, horizon(today), CLI_NAMES)
    for notice in notices:
        click.echo(f"notice: {notice}", err=True)
    return view


def within_horizon(day: dt.date, option: str) -> dt.date:
    """``day``, or the horizon (about two years after today) with a notice if it lies beyond."""
    from mapview.domain import horizon

    last = horizon(dt.date.today())
    if day <= last:
        return day
    click.echo(f"notice: {option} {day} is beyond the horizon; using {last}", err=True)
    return last


def find_person(people: Sequence[str], query: str) -> str:
    """The one name in ``people`` that equals ``query`` or contains it, ignoring case."""
    q = query.casefold().strip()
    exact = [p for p in people if p.casefold() == q]
    if exact:
        return exact[0]
    matches = [p for p in people if q and q in p.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise click.UsageError(f"{query!r} is ambiguous: {', '.join(matches)}")
    raise click.UsageError(
        f"no warrant for a person matching {query!r}; known: {', '.join(people)}"
    )


def find_people(people: Sequence[str], queries: Sequence[str]) -> list[str] | None:
    """Each query's person, or None (everyone) when there is no query."""
    return [find_person(people, q) for q in queries] or None
