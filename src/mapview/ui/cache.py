"""Caches keyed by data version: data is loaded once per version, not on every rerun."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from mapview import airspace, join, load, narrative, obligations, render, states, uploads, urlstate
from mapview.assets import OUTLINES, OUTLINES_URL, default_data_dir, outlines_name
from mapview.domain import Standing
from mapview.load import Dataset, load_dataset
from mapview.ui import figures
from mapview.validate import DataError, Problem

Stamp = tuple[str, tuple[tuple[str, int, int], ...]]


def data_stamp(data_dir: Path, names: tuple[str, ...] = load.VERSIONED) -> Stamp:
    """A cheap fingerprint (path, sizes and mtimes) that changes whenever one of the files
    ``names`` in ``data_dir`` changes."""
    stats = []
    for name in names:
        try:
            s = os.stat(data_dir / name)
            stats.append((name, s.st_size, s.st_mtime_ns))
        except OSError:
            stats.append((name, -1, -1))
    return str(data_dir.resolve()), tuple(stats)


@st.cache_resource(show_spinner="Loading data…")
def _dataset(stamp: Stamp) -> Dataset:
    return load_dataset(Path(stamp[0]))


def dataset() -> Dataset:
    """The validated data of ``$MAPVIEW_DATA_DIR`` (or the bundled data), shared by all sessions.

    A data file that cannot be used at all stops the page with one line naming it."""
    try:
        return _dataset(data_stamp(default_data_dir()))
    except DataError as exc:
        st.error(f"The data cannot be loaded: {exc}")
        st.stop()


log = logging.getLogger(__name__)


@st.cache_resource
def countries_topojson(version: str, _data: Dataset) -> str:
    """Country polygons for the map, once per geometry version.

    For the bundled geometry the browser fetches the file prepared at build time
    (``scripts/build_outlines.py``) and caches it, so it is not resent on every rerun. Other
    geometry is sent inline: nothing is written into the installed package.
    """
    path = OUTLINES / outlines_name(version)
    if path.is_file():
        return render.script_json(f"{OUTLINES_URL}/{path.name}")
    log.info("no prepared outlines for geometry %s; they are sent inline", version)
    return render.countries_topojson(_data.countries)


@st.cache_resource
def small_state_points(version: str, _data: Dataset) -> dict[str, tuple[float, float]]:
    """Points for states too small to see at world zoom."""
    return render.small_states(_data.countries)


@st.cache_data(max_entries=256)
def country_info(version: str, day: dt.date, _data: Dataset) -> str:
    """Colours and tooltips of every country on ``day``, as script-safe JSON."""
    confidence = dict(
        zip(_data.member_rows["iso_a3"], _data.member_rows["confidence"], strict=True)
    )
    return render.country_info(states.statuses_on(_data, day), confidence)


@st.cache_data(max_entries=4, show_spinner=False)
def country_names(version: str, _data: Dataset) -> dict[str, str]:
    """Every country's name by its code (those drawn and any member without a polygon), in the
    order of the names: the country panel's choices, once per data version."""
    names = ((c, _data.membership(c).name) for c in _data.state_codes)
    return dict(sorted(names, key=lambda p: p[1]))


@st.cache_data(max_entries=256, show_spinner=False)
def standings(version: str, person: str, day: dt.date, _data: Dataset) -> list[Standing]:
    """Every state's obligation to arrest ``person`` on ``day`` (the person lens)."""
    return obligations.standings(_data, person, day)


@st.cache_data(max_entries=256)
def lens_info(version: str, person: str, day: dt.date, _data: Dataset) -> str:
    """Colours and tooltips of every country for ``person`` on ``day``, as script-safe JSON."""
    return render.lens_info(standings(version, person, day, _data))


def country_script(
    version: str, day: dt.date, data: Dataset, theme: render.Theme, lens: str | None = None
) -> str:
    """The country layer's script coloured for ``day`` in ``theme``: by ICC status, or with a
    ``lens`` by whether each state is bound to arrest that person (a thin wrapper around cached
    strings)."""
    info = lens_info(version, lens, day, data) if lens else country_info(version, day, data)
    return render.country_script(
        countries_topojson(data.geometry_version, data),
        info,
        small_state_points(data.geometry_version, data),
        theme,
        (lens, day) if lens else None,
    )


@st.cache_resource(max_entries=4, show_spinner="Checking every trip…")
def _explained_trips(version: str, today: dt.date, _data: Dataset) -> pd.DataFrame:
    return join.explained_trips(_data, today)


def explained_trips(version: str, _data: Dataset) -> pd.DataFrame:
    """Every trip with its verdict, reason and caveat, once per data version and day (views are
    slices of it; an announced trip whose days passed is shown as unconfirmed)."""
    return _explained_trips(version, dt.date.today(), _data)


@dataclass(frozen=True)
class ViewParts:
    """What the map and the lines above it need: only the cheap parts of a view, so the map is
    sent first. The table, chart and changes are computed when their panel is open."""

    summary: narrative.Summary
    trip_script: str


@dataclass
class _Markers:
    """Marker texts by position in :func:`explained_trips`, filled as views show trips. Every
    session of a data version shares one; its lock keeps a session from reading while another
    one clears or fills it."""

    texts: dict[int, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(max_entries=4)
def _markers(version: str) -> _Markers:
    return _Markers()


MAX_KEPT_MARKERS = 50_000  # beyond this many kept texts (about 15 MB) the memo starts afresh


def trip_script(
    version: str, rows: np.ndarray, view: pd.DataFrame, theme: render.Theme = render.THEMES["light"]
) -> str:
    """The trip layer's script for ``view`` (the rows at positions ``rows`` of the explained
    trips) in ``theme``; marker texts are made once per trip and data version, and joined per
    view."""
    located = (view["lat"].notna() & view["lon"].notna()).to_numpy()
    if located.sum() > render.MAX_MARKERS:
        return render.trip_script(view, t=theme)  # grouped: computed per view
    memo = _markers(version)
    wanted = [int(row) for row in rows[located]]
    with memo.lock:
        if len(memo.texts) > MAX_KEPT_MARKERS:
            memo.texts.clear()
        new = [k for k, row in enumerate(wanted) if row not in memo.texts]
        if new:
            texts = render.marker_texts(view[located].iloc[new])
            memo.texts.update(zip((wanted[k] for k in new), texts, strict=True))
        chosen = [memo.texts[row] for row in wanted]
    return render.trip_script_from(chosen, theme)


def _by_version(data: Any) -> str:
    return str(data.version)


# A dataset is cached by its version, not by its contents.
BY_VERSION: dict[str | type[Any], Callable[[Any], Any]] = {Dataset: _by_version}


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_VERSION)
def view_parts(data: Dataset, sel: urlstate.Selection, theme: str = "light") -> ViewParts:
    """What the map and the lines above it show for a view in a theme ("light" or "dark"),
    once per filter (small: the view's rows themselves are not kept)."""
    explained = explained_trips(data.version, data)
    rows = join.rows(explained, sel.start, sel.end, sel.people)
    view = explained.iloc[rows].reset_index(drop=True)
    return ViewParts(
        summary=narrative.summarise(view, list(sel.people), sel.start, sel.end),
        trip_script=trip_script(data.version, rows, view, render.theme(theme)),
    )


def _selected(data: Dataset, sel: urlstate.Selection) -> pd.DataFrame:
    return join.select(explained_trips(data.version, data), sel.start, sel.end, sel.people)


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=BY_VERSION)
def trip_table(data: Dataset, sel: urlstate.Selection) -> pd.DataFrame:
    """The rows of the trips table and its CSV."""
    return figures.trip_table(_selected(data, sel))


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=BY_VERSION)
def timeline(data: Dataset, sel: urlstate.Selection) -> dict[str, Any] | None:
    """The timeline chart's Vega-Lite spec (None for an empty view)."""
    view = _selected(data, sel)
    return figures.timeline(view) if len(view) else None


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=BY_VERSION)
def changes(data: Dataset, sel: urlstate.Selection) -> list[str]:
    """'What changed in this range'."""
    return figures.change_lines(
        _selected(data, sel), states.status_changes(data, sel.start, sel.end)
    )


@st.cache_resource(max_entries=16, ttl=3600, show_spinner="Checking your file…")
def with_uploads(
    version: str,
    trips: tuple[str, bytes] | None,
    members: tuple[str, bytes] | None,
    max_rows: int,
    _data: Dataset,
) -> tuple[Dataset, list[Problem]]:
    """The data of ``version`` with a reader's (name, content) files swapped in."""
    new, problems, _ = uploads.with_uploads(
        _data,
        uploads.Upload(*trips) if trips else None,
        uploads.Upload(*members) if members else None,
        max_rows,
    )
    return new, problems


MAX_ROUTES = 100


@st.cache_data(max_entries=16, show_spinner="Computing flight routes…", hash_funcs=BY_VERSION)
def journeys(data: Dataset, sel: urlstate.Selection) -> tuple[list[airspace.Journey], int]:
    """The outbound flights of the first :data:`MAX_ROUTES` flown trips of a view, and how many
    flown trips the view has: the dashboard's routes layer and the reader page's."""
    homes, reported = airspace.departure_points(data), airspace.reported_routes(data)
    return airspace.journeys(data, _selected(data, sel), homes, reported, MAX_ROUTES)
