"""Caches keyed by data version: data is loaded once per version, not on every rerun."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import folium
import streamlit as st

from mapview import render
from mapview.join import CountryStatus, statuses_on
from mapview.load import (
    COUNTRIES,
    MEMBERS,
    TRIPS,
    WARRANTS,
    Dataset,
    default_data_dir,
    load_dataset,
)


def data_stamp(data_dir: Path) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """A cheap fingerprint (path, sizes and mtimes) that changes whenever a file changes."""
    stats = []
    for name in (COUNTRIES, MEMBERS, WARRANTS, TRIPS):
        try:
            s = os.stat(data_dir / name)
            stats.append((name, s.st_size, s.st_mtime_ns))
        except OSError:
            stats.append((name, -1, -1))
    return str(data_dir.resolve()), tuple(stats)


@st.cache_resource(show_spinner="Loading data…")
def _dataset(stamp: tuple[str, tuple[tuple[str, int, int], ...]]) -> Dataset:
    return load_dataset(Path(stamp[0]))


def dataset() -> Dataset:
    """The validated data of ``$MAPVIEW_DATA_DIR`` (or the bundled data), shared by all sessions."""
    return _dataset(data_stamp(default_data_dir()))


@st.cache_resource
def countries_json(version: str, _data: Dataset) -> str:
    """Country polygons as GeoJSON text, once per data version."""
    return render.countries_geojson(_data.countries)


@st.cache_resource
def small_state_points(version: str, _data: Dataset) -> dict[str, tuple[float, float]]:
    """Points for states too small to see at world zoom."""
    return render.small_states(_data.countries)


@st.cache_data(max_entries=256)
def statuses(version: str, day: dt.date, _data: Dataset) -> list[CountryStatus]:
    """Every country's status on ``day`` (small, so cached per day)."""
    return statuses_on(_data, day)


def country_layer(version: str, day: dt.date, data: Dataset) -> folium.FeatureGroup:
    """The country layer coloured for ``day``.

    Built on every run: folium objects are mutated when rendered, so a cached layer renders
    empty the second time it is sent to a map.
    """
    return render.country_layer(
        countries_json(version, data),
        statuses(version, day, data),
        small_state_points(version, data),
    )
