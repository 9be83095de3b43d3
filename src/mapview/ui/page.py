"""The dashboard: one rerun, top to bottom. The only layer (with ui.*) that imports streamlit."""

from __future__ import annotations

import datetime as dt
import html

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from mapview import narrative, render, urlstate
from mapview.cli import EXPORT_COLUMNS
from mapview.domain import Status, Verdict
from mapview.join import status_changes, trips_view
from mapview.load import Dataset
from mapview.ui import cache

EARLIEST = dt.date(2002, 7, 1)
VERDICT_COLOURS = {v.label: str(render.VERDICT_STYLES[v]["fillColor"]) for v in Verdict}
RULE = (
    "**The rule applied.** A state is bound to arrest and surrender a person sought by an ICC "
    "warrant from the day the Rome Statute enters into force for it (art. 126) until its "
    "withdrawal takes effect, one year after notification (art. 127); a state with a withdrawal "
    "pending is still bound. A state that accepted jurisdiction under art. 12(3) must cooperate for "
    "the situation it accepted. A warrant counts from the day it was issued until it was executed, "
    "withdrawn or terminated. A trip counts as an obligation if any of its days meets all three. "
    "This is the rule the tool applies, not legal advice."
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


def md(text: object) -> str:
    """Text made safe for Streamlit markdown (no HTML, links or formatting from data)."""
    escaped = html.escape(str(text), quote=False)
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|~>$" else c for c in escaped)


def _init_state(data: Dataset, today: dt.date) -> None:
    if st.session_state.get("view_ready"):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, notices = urlstate.parse(params, data.people, default_view(data, today), EARLIEST, today)
    st.session_state.update(
        leaders=list(state.people),
        range=(state.start, state.end),
        d_from=state.start,
        d_to=state.end,
        asof_pin=state.asof is not None,
        asof=state.colour_day,
        notices=notices,
        view_ready=True,
    )


def _slider_moved() -> None:
    st.session_state.d_from, st.session_state.d_to = st.session_state.range


def _dates_typed() -> None:
    start, end = sorted((st.session_state.d_from, st.session_state.d_to))
    st.session_state.range = (start, end)


def controls(data: Dataset, today: dt.date) -> urlstate.ViewState:
    """The sidebar; returns the view it describes and writes it to the URL."""
    with st.sidebar:
        st.header("View")
        leaders = st.multiselect("Leaders", data.people, key="leaders")
        st.slider(
            "Dates", EARLIEST, today, key="range", on_change=_slider_moved, format="YYYY-MM-DD"
        )
        c1, c2 = st.columns(2)
        c1.date_input(
            "From", key="d_from", min_value=EARLIEST, max_value=today, on_change=_dates_typed
        )
        c2.date_input("To", key="d_to", min_value=EARLIEST, max_value=today, on_change=_dates_typed)
        pinned = st.checkbox(
            "Colour the map for another day",
            key="asof_pin",
            help="By default countries are coloured by their status on the last day of the range.",
        )
        if pinned:
            st.date_input("Membership as of", key="asof", min_value=EARLIEST, max_value=today)
    start, end = st.session_state.range
    state = urlstate.ViewState(
        tuple(leaders), start, end, st.session_state.asof if pinned else None
    )
    st.query_params.from_dict(urlstate.to_params(state))
    return state


def legend() -> None:
    """Colour keys for countries and trips, drawn in the page (no map plug-in needed)."""

    def key(colour: str, label: str, round_: bool = False) -> str:
        shape = "50%" if round_ else "2px"
        return (
            f'<span style="display:inline-block;width:12px;height:12px;background:{colour};'
            f'border:1px solid #333;border-radius:{shape};margin:0 4px -1px 10px"></span>'
            f"{html.escape(label)}"
        )

    countries = "".join(key(render.STATUS_COLOURS[s], s.label) for s in Status)
    trips = "".join(key(c, label, True) for label, c in VERDICT_COLOURS.items())
    st.markdown(
        f"<div><b>Countries</b> {countries}</div><div><b>Trips</b> {trips}</div>",
        unsafe_allow_html=True,
    )


def timeline(view: pd.DataFrame) -> alt.Chart:
    """Trips over time, one row per person, coloured by verdict."""
    frame = view.assign(verdict=view["verdict_label"], host=view["host_name"])[
        ["person", "start", "end", "host", "verdict", "reason"]
    ]
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_circle(size=90, stroke="#000", strokeWidth=1)
        .encode(
            x=alt.X("start:T", title="Date"),
            y=alt.Y("person:N", title=None),
            color=alt.Color(
                "verdict:N",
                title="Verdict",
                scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values())),
            ),
            tooltip=["person", "host", alt.Tooltip("start:T"), "verdict", "reason"],
        )
        .properties(height=max(120, 40 * frame["person"].nunique()))
    )
    return chart


def table(view: pd.DataFrame) -> pd.DataFrame:
    """The rows a reader downloads and sees: every column they need, with sources."""
    out = view[EXPORT_COLUMNS].copy()
    out["start"], out["end"] = out["start"].dt.date, out["end"].dt.date
    return out


def run() -> None:
    """Draw the page for the current URL and widgets."""
    today = dt.date.today()
    data = cache.dataset()
    _init_state(data, today)
    state = controls(data, today)
    st.title("Where did they go, and was the host bound to arrest them?")
    for notice in st.session_state.get("notices", []):
        st.warning(md(notice))
    if data.problems:
        with st.expander(
            f"⚠️ {len(data.problems)} problem(s) in the data files: those rows are set aside"
        ):
            st.code("\n".join(str(p) for p in data.problems), language=None)
    view = trips_view(data, state.start, state.end, state.people)
    st.markdown(md(narrative.summary(view, list(state.people), state.start, state.end)))
    h = narrative.headline(view)
    cols = st.columns(4)
    cols[0].metric("Trips", h.trips)
    cols[1].metric("To states bound to arrest", h.bound)
    cols[2].metric("Bound, no arrest", h.not_arrested)
    cols[3].metric("Cancelled or remote", h.not_travelled)

    layers = [cache.country_layer(data.version, state.colour_day, data), render.trip_layer(view)]
    st.caption(f"Countries coloured by their ICC status on {state.colour_day.isoformat()}.")
    st_folium(
        render.build_base_map(),
        feature_group_to_add=layers,
        key="map",
        height=520,
        width=None,
        returned_objects=[],
    )
    unmapped = int(view["lat"].isna().sum())
    if unmapped:
        st.caption(f"{unmapped} trip(s) have no published location and appear only in the table.")
    legend()
    st.markdown("**Share this view**: copy this link (it reproduces the exact view).")
    st.code(_share_link(state), language=None)

    st.subheader("Timeline")
    if len(view):
        st.altair_chart(timeline(view), width="stretch")
    st.subheader("Trips")
    shown = table(view)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "source": st.column_config.TextColumn("source"),
            "reason": st.column_config.TextColumn("reason", width="large"),
        },
    )
    st.download_button(
        "Download these trips (CSV, with sources)",
        shown.to_csv(index=False),
        file_name=f"mapview-trips-{state.start}-{state.end}.csv",
        mime="text/csv",
    )
    with st.expander("What changed in this range"):
        changes = status_changes(data, state.start, state.end)
        if not changes:
            st.write("No state joined or left in this range.")
        for c in changes:
            st.markdown(md(f"{c.day}: {c.name}: {c.before.label} → {c.after.label}"))
        for r in view.to_dict("records"):
            first, last = r["start"].date(), r["end"].date()
            if any(c.iso_a3 == r["iso_a3"] and first < c.day <= last for c in changes):
                st.markdown(
                    md(
                        f"Trip across a status change: {r['person']} in {r['host_name']}, {first} to {last}"
                    )
                )
    st.markdown(RULE)


def _share_link(state: urlstate.ViewState) -> str:
    base = (st.context.url or "").split("?")[0]
    query = "&".join(f"{k}={v}" for k, v in urlstate.to_params(state).items())
    return f"{base}?{query}"
