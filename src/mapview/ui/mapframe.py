"""The map frame: streamlit-folium's component, sent prepared layer scripts.

``st_folium`` renders every folium element through Jinja templates on every rerun, and with
large prepared scripts that costs tens of milliseconds per run (the templates and the regular
expressions run over the whole trip data). The base map never changes, so its arguments are
taken once from ``st_folium`` itself; each rerun only swaps in the layers' script
(:func:`mapview.render.layers_script`). The frame keeps the reader's zoom and position, and
replaces the layers in place.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import Any

import streamlit_folium

from mapview import render

HEIGHT = 520
_lock = threading.Lock()
# Private streamlit-folium internals (here and in frame_args): pyproject.toml pins the minor
# version they were written against.
_COMPONENT = streamlit_folium._component_func  # kept: frame_args swaps the module's for a moment


@functools.cache
def frame_args(height: int = HEIGHT) -> dict[str, Any]:
    """The component's arguments for the empty base map, as ``st_folium`` computes them (once)."""
    captured: dict[str, Any] = {}

    def capture(**kwargs: Any) -> None:
        captured.update(kwargs)

    with _lock:
        original = streamlit_folium._component_func
        streamlit_folium._component_func = capture
        try:
            streamlit_folium.st_folium(
                render.build_base_map(),
                feature_group_to_add=[render.script_group("layers", "", render.LAYER_JS)],
                key="map",
                height=height,
                width=None,
                # Only a click comes back (it opens that country's panel): pan and zoom stay in
                # the browser and never rerun the app.
                returned_objects=["last_clicked"],
            )
        finally:
            streamlit_folium._component_func = original
    captured.pop("on_change", None)  # the click is read from the return value on the next run
    return captured


def map_frame(bodies: Sequence[str], height: int = HEIGHT) -> None:
    """Draw the map with the layers drawn by ``bodies`` (prepared scripts), in order. The
    reader's last click on the map comes back on the next run in ``st.session_state`` under the
    component's key, ``frame_args()["key"]`` (see :func:`mapview.ui.controls.follow_click`)."""
    args = {**frame_args(height), "feature_group": render.layers_script(bodies)}
    _COMPONENT(**args)
