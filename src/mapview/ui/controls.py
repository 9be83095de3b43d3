"""The sidebar controls and the URL: the view a link describes, and the widgets that change it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mapview import urlstate
from mapview.load import Dataset

EARLIEST = dt.date(2002, 7, 1)
TAB_LABELS = dict(  # URL value -> the panel's label below the map
    zip(
        urlstate.TABS,
        ("Share and download", "Trips table", "Timeline", "What changed"),
        strict=True,
    )
)


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
    state, notices = urlstate.parse(params, data.people, default_view(data, today), EARLIEST, today)
    st.session_state.update(
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


def _slider_moved() -> None:
    st.session_state.d_from, st.session_state.d_to = st.session_state.range


def _dates_typed() -> None:
    start, end = sorted((st.session_state.d_from, st.session_state.d_to))
    st.session_state.range = (start, end)


def current() -> urlstate.ViewState:
    """The view the widgets describe (read before they are drawn, so the map can come first);
    also written to the URL."""
    ss = st.session_state
    start, end = ss.range
    tab = next((k for k, label in TAB_LABELS.items() if label == ss.get("tab")), urlstate.TABS[0])
    state = urlstate.ViewState(
        tuple(ss.leaders), start, end, ss.asof if ss.asof_pin else None, ss.routes, tab
    )
    st.query_params.from_dict(urlstate.to_params(state))
    return state


def sidebar(data: Dataset, today: dt.date) -> None:
    """The widgets that change the view (their values live in the session state)."""
    with st.sidebar:
        st.header("View")
        st.multiselect("Leaders", data.people, key="leaders")
        st.slider(
            "Dates", EARLIEST, today, key="range", on_change=_slider_moved, format="YYYY-MM-DD"
        )
        c1, c2 = st.columns(2)
        c1.date_input(
            "From", key="d_from", min_value=EARLIEST, max_value=today, on_change=_dates_typed
        )
        c2.date_input("To", key="d_to", min_value=EARLIEST, max_value=today, on_change=_dates_typed)
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
            st.date_input("Membership as of", key="asof", min_value=EARLIEST, max_value=today)
