"""The sidebar controls and the URL: the view a link describes, and the widgets that change it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mapview import urlstate, versions
from mapview.domain import horizon
from mapview.load import Dataset
from mapview.ui import cache, mapframe

EARLIEST = dt.date(2002, 7, 1)
TAB_LABELS = dict(  # URL value -> the panel's label below the map
    zip(
        urlstate.TABS,
        (
            "Share and cite",
            "Where can they go?",
            "Trips table",
            "Timeline",
            "What changed",
            "Corrections",
        ),
        strict=True,
    )
)
NO_COUNTRY = "(none)"


def default_view(data: Dataset, today: dt.date) -> urlstate.ViewState:
    """Everyone with an outstanding warrant and at least one trip, from their first warrant to today."""
    travellers = set(data.trips["person"])
    people = [
        p
        for p in data.people
        if p in travellers and any(w.outstanding_on(today) for w in data.warrants_for(p))
    ] or data.people[:1]
    first = min((w.issued for w in data.warrants if w.person in people), default=EARLIEST)
    return urlstate.ViewState(tuple(people), max(first, EARLIEST), today)


def init_state(data: Dataset, today: dt.date) -> None:
    if st.session_state.get("view_ready"):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    countries = cache.country_names(data.version, data)
    state, notices = urlstate.parse(
        params, data.people, default_view(data, today), EARLIEST, horizon(today), countries
    )
    since = versions.since(data, state.version, state.people, state.start, state.end)
    st.session_state.update(
        lens=state.lens,
        country=state.country or NO_COUNTRY,
        since=since,
        leaders=list(state.people),
        range=(state.start, state.end),
        d_from=state.start,
        d_to=state.end,
        routes=state.routes,
        asof_pin=state.asof is not None,
        asof=state.colour_day,
        tab=TAB_LABELS[state.tab],
        notices=notices,
        view_ready=True,
    )


def follow_click(data: Dataset) -> None:
    """Open the panel of the country the reader last clicked on the map (once per click)."""
    value = st.session_state.get(mapframe.frame_args()["key"])
    clicked = value.get("last_clicked") if isinstance(value, dict) else None
    if not isinstance(clicked, dict) or clicked == st.session_state.get("followed_click"):
        return
    st.session_state.followed_click = clicked
    try:
        iso = data.country_at(float(clicked["lat"]), float(clicked["lng"]))
    except (KeyError, TypeError, ValueError):
        return
    if iso is not None:
        st.session_state.country = iso


def _slider_moved() -> None:
    st.session_state.d_from, st.session_state.d_to = st.session_state.range


def _dates_typed() -> None:
    start, end = sorted((st.session_state.d_from, st.session_state.d_to))
    st.session_state.range = (start, end)


def current(version: str) -> urlstate.ViewState:
    """The view the widgets describe (read before they are drawn, so the map can come first);
    also written to the URL, with the data ``version`` it shows."""
    ss = st.session_state
    start, end = ss.range
    tab = next((k for k, label in TAB_LABELS.items() if label == ss.get("tab")), urlstate.TABS[0])
    asof = ss.asof if ss.asof_pin and start <= ss.asof <= end else None
    country = ss.get("country", NO_COUNTRY)
    state = urlstate.ViewState(
        tuple(ss.leaders),
        start,
        end,
        asof,
        ss.routes,
        tab,
        lens=ss.get("lens") if ss.get("lens") in ss.leaders else None,
        country=None if country == NO_COUNTRY else country,
        version=version,
    )
    st.query_params.from_dict(urlstate.to_params(state))
    return state


def sidebar(data: Dataset, today: dt.date) -> None:
    """The widgets that change the view (their values live in the session state)."""
    with st.sidebar:
        st.header("View")
        st.multiselect("Leaders", data.people, key="leaders")
        latest = horizon(today)
        st.slider(
            "Dates", EARLIEST, latest, key="range", on_change=_slider_moved, format="YYYY-MM-DD"
        )
        c1, c2 = st.columns(2)
        c1.date_input(
            "From", key="d_from", min_value=EARLIEST, max_value=latest, on_change=_dates_typed
        )
        c2.date_input(
            "To", key="d_to", min_value=EARLIEST, max_value=latest, on_change=_dates_typed
        )
        st.caption(f"Days after {today.isoformat()} are projections (up to {latest.isoformat()}).")
        leaders = list(st.session_state.get("leaders", []))
        if len(leaders) > 1:
            st.selectbox(
                "Colour the map for one person",
                [None, *leaders],
                key="lens",
                format_func=lambda p: "(each country's ICC status)" if p is None else p,
                help="Whether each state is bound to arrest this person on the colouring day.",
            )
        names = cache.country_names(data.version, data)
        st.selectbox(
            "Country panel",
            [NO_COUNTRY, *names],
            key="country",
            format_func=lambda c: c if c == NO_COUNTRY else f"{names[c]} ({c})",
            help="Or click a country on the map.",
        )
        st.checkbox(
            "Flight routes",
            key="routes",
            help="Outbound flights: the reported route where one is recorded, else the great circle.",
        )
        pinned = st.checkbox(
            "Colour the map for another day",
            key="asof_pin",
            help="By default countries are coloured by their status on the last day of the range.",
        )
        if pinned:
            st.date_input(
                "Membership as of", key="asof", min_value=EARLIEST, max_value=horizon(today)
            )
