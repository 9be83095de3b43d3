"""Bring your own data: a reader's trips and members files, for their session only."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from mapview import schema
from mapview.load import Dataset
from mapview.tables import csv_text
from mapview.ui import cache
from mapview.uploads import Upload


def md(text: object) -> str:
    """Text made safe for Streamlit markdown (no HTML, links or formatting from data)."""
    escaped = html.escape(str(text), quote=False)
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|~>$" else c for c in escaped)


MAX_UPLOAD_ROWS = 5000


def upload_box() -> None:
    """The sidebar's upload box (the files are read by :func:`own_data`, from the session)."""
    with st.sidebar.expander("Use your own data (this session only)"):
        st.caption(
            "Upload a trips CSV, and optionally an ICC members CSV, in the same columns as the "
            f"bundled files (at most {MAX_UPLOAD_ROWS:,} rows). Nothing is saved, and shared "
            "links do not carry uploaded data."
        )
        st.download_button(
            "Trips template (CSV)",
            schema.template_csv(schema.TripRow, schema.TRIP_EXAMPLE),
            file_name="mapview-trips-template.csv",
            mime="text/csv",
        )
        st.file_uploader("Trips CSV", type=["csv"], key="up_trips")
        st.file_uploader("ICC members CSV", type=["csv"], key="up_members")


def own_data(data: Dataset) -> Dataset:
    """``data`` with the reader's uploaded files swapped in, if any, and a note on each file."""
    trips = st.session_state.get("up_trips")
    members = st.session_state.get("up_members")
    if trips is None and members is None:
        return data
    files = [(f, Upload(f.name, f.getvalue())) for f in (trips, members) if f is not None]
    new, problems = cache.with_uploads(
        data.version,
        (trips.name, trips.getvalue()) if trips else None,
        (members.name, members.getvalue()) if members else None,
        MAX_UPLOAD_ROWS,
        data,
    )
    for _, upload in files:
        mine = [p for p in problems if p.file == upload.name]
        aside = len({p.line for p in mine if p.line > 1})
        used = (
            len(new.trips) if trips is not None and upload.name == trips.name else len(new.members)
        )
        st.info(
            md(
                f"Using your file {upload.name}: {used} row(s) used, {aside} row(s) set aside, "
                f"{len(mine)} problem(s)."
            )
        )
    if problems:
        report = pd.DataFrame([vars(p) for p in problems])
        with st.expander(f"Problems in your file(s): {len(problems)}", expanded=True):
            st.dataframe(report, hide_index=True, width="stretch")
            st.download_button(
                "Download the error report (CSV)",
                csv_text(report),
                file_name="mapview-upload-problems.csv",
                mime="text/csv",
            )
    return new
