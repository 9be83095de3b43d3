"""The panels that answer "where can they go?", show one country, and keep the data citable."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from mapview import obligations, urlstate, versions
from mapview.load import Dataset
from mapview.schema import CorrectionRow
from mapview.tables import csv_text
from mapview.ui import cache
from mapview.ui.upload import md

MAX_LISTED_CORRECTIONS = 50


def version_notice(since: versions.Since | None, state: urlstate.ViewState) -> None:
    """The notice for a link made on another data version, with the corrections that touch it
    and a link to the full log (this view, with the Corrections panel open)."""
    if since is None:
        return
    lines = [md(since.notice)]
    for c in since.corrections[:MAX_LISTED_CORRECTIONS]:
        lines.append(f"- {md(_correction(c))}")
    if len(since.corrections) > MAX_LISTED_CORRECTIONS:
        lines.append(f"- … and {len(since.corrections) - MAX_LISTED_CORRECTIONS} more.")
    log = urlencode(urlstate.to_params(replace(state, tab="corrections")), safe=",")
    lines.append(f"[The full corrections log](?{log}) is also a panel below the map.")
    st.info("\n".join(lines))


def _correction(c: CorrectionRow) -> str:
    old = c.old if len(c.old) <= 80 else c.old[:80] + "…"
    new = c.new if len(c.new) <= 80 else c.new[:80] + "…"
    return f"{c.date.isoformat()}, {c.file} {c.row_id}, {c.field}: {old!r} → {new!r}. {c.reason} ({c.source})"


def lens_caption(data: Dataset, state: urlstate.ViewState, today: dt.date) -> str:
    """The line above the map that names what colours it, and says when it is a projection."""
    day = state.colour_day
    person = state.lens_person
    text = (
        f"Countries coloured by whether they were bound to arrest {person} on {day.isoformat()}."
        if person
        else f"Countries coloured by their ICC status on {day.isoformat()}."
    )
    if day > today:
        text += (
            f" {day.isoformat()} is in the future: a projection from what had been notified as of "
            f"the data version's date ({data.updated or 'unknown'})."
        )
    return text


def where(data: Dataset, state: urlstate.ViewState, today: dt.date) -> None:
    """Where can they go: every state's obligation for the lens person on the colouring day."""
    person = state.lens_person
    if person is None:
        st.write("Choose one person (or a lens for one of them) to list where they can go.")
        return
    day = state.colour_day
    found = cache.standings(data.version, person, day, data)
    st.markdown(md(obligations.sentence(found, person, day, today)))
    frame = obligations.table(found)
    st.dataframe(
        frame[["name", "label", "reason", "caveat"]],
        hide_index=True,
        width="stretch",
        column_config={"reason": st.column_config.TextColumn("reason", width="large")},
    )
    st.download_button(
        "Download this list (CSV)",
        lambda: csv_text(frame),
        file_name=f"mapview-where-{urlstate.slug(person)}-{day.isoformat()}.csv",
        mime="text/csv",
        on_click="ignore",
    )


def country(data: Dataset, state: urlstate.ViewState, explained: pd.DataFrame) -> None:
    """The country panel: the state's ICC history with sources, every recorded visit by a
    sought person with its verdict, and whether it is bound to arrest each person in view."""
    iso = state.country
    if iso is None:
        return
    m = data.membership(iso)
    day = state.colour_day
    with st.container(border=True):
        st.subheader(f"{m.name} ({iso})")
        st.markdown(md(f"**ICC history:** {m.history()}."))
        rows = data.member_rows[data.member_rows["iso_a3"] == iso]
        for row in rows.itertuples(index=False):
            st.caption(md(f"Confidence: {row.confidence}. {row.notes}"))
            st.caption(md("Sources: " + " ".join(str(row.source).split())))
        for person in state.people:
            s = next(x for x in cache.standings(data.version, person, day, data) if x.iso_a3 == iso)
            line = f"**{person}** on {day.isoformat()}: {s.obligation.label}. {s.reason}"
            st.markdown(md(line + (f" ⚠ {s.caveat}" if s.caveat else "")))
        visits = explained[explained["iso_a3"] == iso]
        st.markdown(f"**Recorded visits by people the ICC seeks:** {len(visits)}")
        if len(visits):
            shown = visits[
                ["person", "start", "end", "city", "status", "verdict_label", "reason", "caveat"]
            ].copy()
            for col in ("start", "end"):
                shown[col] = shown[col].dt.strftime("%Y-%m-%d")
            st.dataframe(shown, hide_index=True, width="stretch")


def corrections(data: Dataset) -> None:
    """The full corrections log, newest first."""
    if not data.corrections:
        st.write("No correction has been recorded.")
        return
    log = pd.DataFrame([c.model_dump() for c in data.corrections]).sort_values(
        "date", ascending=False
    )
    st.caption(f"{len(log)} corrections since the log began; data version {data.version}.")
    st.dataframe(log, hide_index=True, width="stretch")


def cite(data: Dataset, state: urlstate.ViewState, link: str, today: dt.date) -> None:
    """'Last updated' and 'Cite this view', ready to paste; and the coverage of the view."""
    st.markdown(md(f"**Data version** {data.version} (last updated {data.updated or 'unknown'})."))
    names = ", ".join(state.people) if len(state.people) <= 3 else f"{len(state.people)} people"
    title = f"Travels of {names}, {state.start.isoformat()} to {state.end.isoformat()}"
    st.markdown("**Cite this view**")
    st.code(
        versions.citation(title, data.version, data.updated, today, link),
        language=None,
        wrap_lines=True,
    )
    lines = versions.coverage_lines(data.coverage, state.people, state.start, state.end)
    if lines:
        st.markdown("**How complete the trips are**\n\n" + "\n".join(f"- {md(x)}" for x in lines))
