"""The dashboard: one rerun, top to bottom. The only layer (with ui.*) that imports streamlit."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from mapview import export, narrative, render, urlstate, vector
from mapview.airspace import Journey
from mapview.load import Dataset
from mapview.tables import csv_text
from mapview.ui import cache, controls, mapframe, upload
from mapview.ui import panels as panels_
from mapview.ui.upload import md

MAX_TABLE_ROWS = 2000  # larger tables cost megabytes per rerun; the CSV has every row
RULE = (
    "**The rule applied.** A state is bound to arrest and surrender a person sought by an ICC "
    "warrant from the day the Rome Statute enters into force for it (art. 126) until its "
    "withdrawal takes effect, one year after notification (art. 127); a state with a withdrawal "
    "pending is still bound. A state that accepted jurisdiction under art. 12(3) must cooperate for "
    "the situation it accepted. A warrant counts from the day it was issued until it was executed, "
    "withdrawn or terminated. A trip counts as an obligation if any of its days meets all three. "
    "This is the rule the tool applies, not legal advice."
)


def run() -> None:
    """Draw the page for the current URL and widgets: the map first, then the controls (their
    values are read from the session before they are drawn), then the open panel."""
    today = dt.date.today()
    data = cache.dataset()
    controls.init_state(data, today)
    controls.follow_click(data)
    state = controls.current(data.version)
    title()
    data = upload.own_data(data)
    for notice in st.session_state.get("notices", []):
        st.warning(md(notice))
    panels_.version_notice(st.session_state.get("since"), state)
    # The map follows the page's light or dark theme. Streamlit infers the type from the page's
    # background, and it can lag one rerun behind a change of theme in the settings menu
    # (https://github.com/streamlit/streamlit/issues/11920).
    theme = render.theme(st.context.theme.type)
    parts = cache.view_parts(data, state.selection, theme.name)
    summary = parts.summary
    st.markdown(md(summary.sentence))
    layers = [
        render.description_script(summary.text),
        cache.country_script(data.version, state.colour_day, data, theme, state.lens_person),
        parts.trip_script,
    ]
    if state.routes:
        found, flown = cache.journeys(data, state.selection)
        layers.insert(2, render.route_script([j.main for j in found], theme))
    mapframe.map_frame(layers)
    notes: list[str] = []
    h = summary.numbers
    if h.located > render.MAX_MARKERS:
        notes.append(
            f"{h.located:,} trips are in view: markers are grouped by country and verdict "
            "(hover for counts). Narrow the range or the leaders to see each trip."
        )
    if h.unlocated:
        notes.append(
            f"{h.unlocated} trip(s) have no published location and appear only in the table."
        )
    if state.routes:
        notes.append(
            f"Routes drawn for {len(found)} of {flown} flown trip(s) (at most {cache.MAX_ROUTES}). "
            "Only land is counted: territorial waters and flight information regions are not modelled."
        )
    st.caption(md(" ".join([panels_.lens_caption(data, state, today), *notes])))
    if summary.details:
        st.markdown(md(" ".join(summary.details)))
    numbers(h)
    if data.problems:
        with st.expander(
            f"⚠️ {len(data.problems)} problem(s) in the data files: those rows are set aside"
        ):
            st.text("\n".join(str(p) for p in data.problems))
    panels_.country(data, state, cache.explained_trips(data.version, data))
    controls.sidebar(data, today)
    upload.upload_box()
    panels(data, state, today)
    st.markdown(RULE)


TITLE_CSS = """<style>
h1.mapview-title{font-size:1.75rem;line-height:1.25;margin:0;padding:0;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis}
h1.mapview-title .short{display:none}
@media (max-width:640px){h1.mapview-title{font-size:1.3rem}
h1.mapview-title .long{display:none}h1.mapview-title .short{display:inline}}
</style>"""


def title() -> None:
    """The page's title on one line: the long form, or the short one on a phone."""
    st.html(
        f'{TITLE_CSS}<h1 class="mapview-title"><span class="long">{narrative.TITLE}</span>'
        f'<span class="short">{narrative.SHORT_TITLE}</span></h1>'
    )


OPTIONAL = ("To occupied territory", "Announced")  # numbers shown only when not zero


def numbers(h: narrative.Headline) -> None:
    """The view's numbers, below the map (occupied territory and announced trips when any)."""
    shown = [
        ("Foreign trips", h.trips),
        ("To states bound to arrest", h.bound),
        ("Bound, no arrest", h.not_arrested),
        ("To occupied territory", h.occupied),
        ("Cancelled or remote", h.not_travelled),
        ("Announced", h.announced),
    ]
    shown = [(label, n) for label, n in shown if n or label not in OPTIONAL]
    for col, (label, n) in zip(st.columns(len(shown)), shown, strict=True):
        col.metric(label, f"{n:,}")


def panels(data: Dataset, state: urlstate.ViewState, today: dt.date) -> None:
    """The panels below the map. Only the open one is computed and sent (the table and the chart
    load large browser code, so they wait until a reader asks for them); the URL names it."""
    share, where, trips, timeline, changed, fixed = st.tabs(
        list(controls.TAB_LABELS.values()), key="tab", on_change="rerun"
    )
    view = (data, state.selection)
    if share.open:
        with share:
            _share(data, state)
            panels_.cite(data, state, _share_link(state), today)
    if where.open:
        with where:
            panels_.where(data, state, today)
    if fixed.open:
        with fixed:
            panels_.corrections(data)
    if trips.open:
        with trips:
            _table(cache.trip_table(*view), state)
    if timeline.open:
        with timeline:
            chart = cache.timeline(*view)
            if chart:
                st.vega_lite_chart(chart, width="stretch")
            else:
                st.write("No trips in this view.")
    if changed.open:
        with changed:
            lines = cache.changes(*view)
            if not lines:
                st.write("No state joined or left in this range.")
            for line in lines:
                st.markdown(md(line))


def _share(data: Dataset, state: urlstate.ViewState) -> None:
    st.markdown(
        "**Share this view**: copy this link (it reproduces the exact view).\n\n"
        f"`{_share_link(state)}`"
    )
    st.download_button(
        "Download reader page (static HTML for any web host)",
        lambda: _reader_page(data, state),
        file_name=f"mapview-{state.start}-{state.end}.html",
        mime="text/html",
        on_click="ignore",
    )
    st.download_button(
        "Download map (SVG, for print and graphics)",
        lambda: vector.build_svg(data, state.start, state.end, list(state.people), state.asof),
        file_name=f"mapview-{state.start}-{state.end}.svg",
        mime="image/svg+xml",
        on_click="ignore",
    )
    if export.find_chromium():
        st.download_button(
            "Download map image (PNG, for social posts)",
            lambda: _png(data, state),
            file_name=f"mapview-{state.start}-{state.end}.png",
            mime="image/png",
            on_click="ignore",
        )
    else:
        st.caption("A PNG of this view needs chromium on the server (apt-get install chromium).")


def _table(table: pd.DataFrame, state: urlstate.ViewState) -> None:
    if len(table) > MAX_TABLE_ROWS:
        st.caption(
            f"The table shows the first {MAX_TABLE_ROWS:,} of {len(table):,} trips; "
            "the CSV download has them all."
        )
    st.dataframe(
        table.head(MAX_TABLE_ROWS),
        hide_index=True,
        width="stretch",
        column_config={
            "source": st.column_config.TextColumn("source"),
            "reason": st.column_config.TextColumn("reason", width="large"),
        },
    )
    st.download_button(
        "Download these trips (CSV, with sources)",
        lambda: csv_text(table),
        file_name=f"mapview-trips-{state.start}-{state.end}.csv",
        mime="text/csv",
        on_click="ignore",
    )


def _journeys(data: Dataset, state: urlstate.ViewState) -> list[Journey]:
    """The routes to put in a reader page: those of the view when the routes layer is on."""
    if not state.routes:
        return []
    return cache.journeys(data, state.selection)[0]


def _reader_page(data: Dataset, state: urlstate.ViewState) -> str:
    """The view as the static reader page (with its routes and lens)."""
    return export.page_for(data, state, routes=_journeys(data, state))


def _png(data: Dataset, state: urlstate.ViewState) -> bytes:
    """The view as a 1200x630 picture (map, title, legend), rendered by headless chromium."""
    page = _reader_page(data, state)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "view.png"
        export.write_png(page, out)
        return out.read_bytes()


def _share_link(state: urlstate.ViewState) -> str:
    base = quote((st.context.url or "").split("?")[0], safe=":/")
    return f"{base}?{urlencode(urlstate.to_params(state), safe=',')}"
