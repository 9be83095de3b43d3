"""The map: a folium base map and the prepared scripts that draw its layers. Only this module
(and the UI) imports folium.

The base map carries no data, so it never changes: the country, route and trip layers travel as
scripts that streamlit-folium's frame runs as feature groups and swaps in place, which keeps the
reader's zoom and position (streamlit-folium issues #72 and #244). All assets are served by the
app itself.
"""

from __future__ import annotations

from mapview.render.core import (
    ASSETS,
    CAVEAT_MARK,
    DISPLAY_TOLERANCE,
    MAP_SCRIPTS,
    MAX_MARKERS,
    OBLIGATION_COLOURS,
    SMALL_STATE_DEG2,
    STATUS_COLOURS,
    THEMES,
    VERDICT_STYLES,
    ScriptLayer,
    Theme,
    build_base_map,
    description_script,
    layers_script,
    map_script,
    map_script_links,
    script_group,
    script_json,
    theme,
    use_local_assets,
    verdict_styles,
)
from mapview.render.countries import (
    LAYER_JS,
    LEGEND,
    countries_topojson,
    country_info,
    country_script,
    display_shapes,
    key_groups,
    legend,
    lens_info,
    small_states,
)
from mapview.render.routes import ROUTE_STYLES, route_records, route_script
from mapview.render.trips import (
    marker_texts,
    trip_records,
    trip_script,
    trip_script_from,
)

__all__ = [
    "ASSETS",
    "CAVEAT_MARK",
    "DISPLAY_TOLERANCE",
    "LAYER_JS",
    "LEGEND",
    "MAP_SCRIPTS",
    "MAX_MARKERS",
    "OBLIGATION_COLOURS",
    "ROUTE_STYLES",
    "SMALL_STATE_DEG2",
    "STATUS_COLOURS",
    "THEMES",
    "VERDICT_STYLES",
    "ScriptLayer",
    "Theme",
    "build_base_map",
    "countries_topojson",
    "country_info",
    "country_script",
    "description_script",
    "display_shapes",
    "key_groups",
    "layers_script",
    "legend",
    "lens_info",
    "map_script",
    "map_script_links",
    "marker_texts",
    "route_records",
    "route_script",
    "script_group",
    "script_json",
    "small_states",
    "theme",
    "trip_records",
    "trip_script",
    "trip_script_from",
    "use_local_assets",
    "verdict_styles",
]
