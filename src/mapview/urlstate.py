"""The view as a short, readable URL, and back. Never raises on what a reader types.

Keys: ``leader`` (comma-separated slugs, e.g. ``vladimir-putin``; a surname or any unique part
of a name is accepted too, and written back as the slug), ``from`` and ``to`` (ISO dates, both
included; they may lie in the future, up to the horizon), ``asof`` (ISO date inside the range;
absent means "the end of the range"), ``lens`` (the slug of the one person whose arrest
obligations colour the map; a view of one person has it implicitly), ``country`` (ISO 3166-1
alpha-3: the country panel that is open), ``v`` (the data version the link was made on),
``routes`` (``1`` draws flight routes) and ``tab`` (the panel open below the map, one of
:data:`TABS`; absent means ``share``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

MAX_VALUE = 300  # longer values are not parsed at all
FLAGS = {
    "1": True,
    "true": True,
    "on": True,
    "yes": True,
    "0": False,
    "false": False,
    "off": False,
    "no": False,
    "": False,
}
TABS = (  # the panels below the map; the first is the default
    "share",
    "where",
    "trips",
    "timeline",
    "changes",
    "corrections",
)
VERSION = re.compile(r"\d{4}-\d{2}-\d{2}\.[0-9a-f]{6}")


@dataclass(frozen=True)
class Selection:
    """Whose trips and which days (both included): what a view's trips, table, timeline,
    changes and routes depend on, and so what caches them."""

    people: tuple[str, ...]
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ViewState:
    """What the reader sees: whose trips, which days, and the day that colours the map."""

    people: tuple[str, ...]
    start: dt.date
    end: dt.date
    asof: dt.date | None = None  # None: follow the end of the range
    routes: bool = False
    tab: str = TABS[0]
    lens: str | None = None  # a person of ``people``, chosen when the view has several
    country: str | None = None  # ISO3 of the open country panel
    version: str | None = None  # the data version the link was made on

    @property
    def colour_day(self) -> dt.date:
        """The day whose membership colours the map."""
        return self.asof or self.end

    @property
    def selection(self) -> Selection:
        """The people and days of the view (the part its trips depend on)."""
        return Selection(self.people, self.start, self.end)

    @property
    def lens_person(self) -> str | None:
        """Whose arrest obligations colour the map: the lens, or the view's only person."""
        if self.lens in self.people:
            return self.lens
        return self.people[0] if len(self.people) == 1 else None


def slug(name: str) -> str:
    """'Omar al-Bashir' -> 'omar-al-bashir' (accents dropped)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def find_leaders(key: str, people: Sequence[str]) -> list[str]:
    """The people ``key`` names: the one whose slug it is, else every one whose slug contains
    its slug (so a surname or any part of a name works, in any case, with or without accents).
    One match is a hit; several are ambiguous; none, unknown."""
    wanted = slug(key)
    if not wanted:
        return []
    exact = [p for p in people if slug(p) == wanted]
    return exact[:1] or [p for p in people if wanted in slug(p)]


def _shown(value: str) -> str:
    text = value if len(value) <= 40 else value[:40] + "…"
    return repr(text)


def _date(value: str) -> dt.date | None:
    value = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse(
    params: Mapping[str, Sequence[str]],
    people: Sequence[str],
    default: ViewState,
    earliest: dt.date,
    latest: dt.date,
    countries: Collection[str] = (),
) -> tuple[ViewState, list[str]]:
    """The view a URL asks for, and a notice for each part that could not be used.

    Unusable parts fall back to ``default``; dates are clamped to ``earliest``..``latest``
    (``latest`` is the horizon, which may lie in the future); ``country`` must be one of
    ``countries``.
    """
    notices: list[str] = []
    state = default

    def first(key: str) -> str | None:
        values = [str(v) for v in params.get(key, ()) if v is not None]
        if not values:
            return None
        if len(values) > 1:
            notices.append(f"'{key}' was given {len(values)} times; the first value is used.")
        if len(values[0]) > MAX_VALUE:
            notices.append(f"'{key}' is too long and was ignored.")
            return None
        return values[0]

    raw = first("leader")
    if raw is not None:
        chosen, unknown = [], []
        for part in (p.strip() for p in raw.split(",")):
            if not part:
                continue
            matches = find_leaders(part, people)
            if len(matches) > 1:
                shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
                notices.append(
                    f"Leader {_shown(part)} is ambiguous: it matches {shown}. "
                    "Give more of the name."
                )
            elif not matches:
                unknown.append(part)
            elif matches[0] not in chosen:
                chosen.append(matches[0])
        if unknown:
            names = ", ".join(_shown(u) for u in unknown[:5])
            notices.append(f"Unknown leader {names}; showing the others or the default.")
        if chosen:
            state = replace(state, people=tuple(chosen))

    dates: dict[str, dt.date | None] = {}
    for key in ("from", "to", "asof"):
        value = first(key)
        if value is None:
            continue
        day = _date(value)
        if day is None:
            notices.append(f"'{key}' is not a date (YYYY-MM-DD): {_shown(value)}; ignored.")
        else:
            dates[key] = day
    flag = first("routes")
    if flag is not None:
        if flag.strip().lower() in FLAGS:
            state = replace(state, routes=FLAGS[flag.strip().lower()])
        else:
            notices.append(f"'routes' should be 1 or 0, not {_shown(flag)}; routes are off.")
    tab = first("tab")
    if tab is not None:
        if tab.strip().lower() in TABS:
            state = replace(state, tab=tab.strip().lower())
        else:
            notices.append(f"'tab' should be one of {', '.join(TABS)}, not {_shown(tab)}; ignored.")
    state = replace(
        state,
        start=dates.get("from") or state.start,
        end=dates.get("to") or state.end,
        asof=dates.get("asof"),
    )
    lens = first("lens")
    if lens is not None:
        name = {slug(p): p for p in state.people}.get(slug(lens))
        if name is None:
            notices.append(
                f"'lens' {_shown(lens)} is not one of the people in view; the map shows "
                "each country's ICC status."
            )
        state = replace(state, lens=name)
    state, more = validated(state, earliest, latest)
    notices += more
    country = first("country")
    if country is not None:
        code = country.strip().upper()
        if code in countries:
            state = replace(state, country=code)
        else:
            notices.append(f"'country' {_shown(country)} is not a known country code; ignored.")
    version = first("v")
    if version is not None:
        if VERSION.fullmatch(version.strip()):
            state = replace(state, version=version.strip())
        else:
            notices.append(
                f"'v' {_shown(version)} is not a data version (YYYY-MM-DD.abcdef); "
                "showing the current data."
            )
    return state, notices


URL_NAMES = {"start": "'from'", "end": "'to'", "asof": "'asof'", "lens": "'lens'"}


def validated(
    state: ViewState,
    earliest: dt.date,
    latest: dt.date,
    names: Mapping[str, str] = URL_NAMES,
) -> tuple[ViewState, list[str]]:
    """``state`` made consistent, and a notice for each change: the one check that a view from
    the URL, the command line or the export options goes through. Days are clamped to
    ``earliest``..``latest`` (the horizon), a reversed range is swapped, an ``asof`` outside the
    range is dropped, and a lens must be one of the people. ``names`` names the fields as the
    reader typed them (URL keys, or command-line options)."""
    notices: list[str] = []

    def clamp(field: str, day: dt.date) -> dt.date:
        if earliest <= day <= latest:
            return day
        clamped = min(max(day, earliest), latest)
        notices.append(f"{names[field]} {day} is outside {earliest} to {latest}; using {clamped}.")
        return clamped

    start, end = clamp("start", state.start), clamp("end", state.end)
    if end < start:
        notices.append(f"The range was reversed ({start} after {end}); it has been swapped.")
        start, end = end, start
    asof = clamp("asof", state.asof) if state.asof is not None else None
    if asof is not None and not start <= asof <= end:
        notices.append(f"{names['asof']} {asof} is outside the range {start} to {end}; ignored.")
        asof = None
    lens = state.lens
    if lens is not None and lens not in state.people:
        notices.append(f"{names['lens']} {_shown(lens)} is not one of the people in view; ignored.")
        lens = None
    return replace(state, start=start, end=end, asof=asof, lens=lens), notices


def to_params(state: ViewState) -> dict[str, str]:
    """The query parameters that reproduce ``state``."""
    params = {
        "leader": ",".join(slug(p) for p in state.people),
        "from": state.start.isoformat(),
        "to": state.end.isoformat(),
    }
    if state.asof is not None:
        params["asof"] = state.asof.isoformat()
    if state.routes:
        params["routes"] = "1"
    if state.tab != TABS[0]:
        params["tab"] = state.tab
    if state.lens is not None and len(state.people) > 1:
        params["lens"] = slug(state.lens)
    if state.country is not None:
        params["country"] = state.country
    if state.version is not None:
        params["v"] = state.version
    return params
