"""Write the dashboard's country outlines for the bundled countries.geojson, as the browser
fetches them (quantised TopoJSON), and remove outlines of older geometry.

Run after changing countries.geojson (`make outlines`); a test checks the file is current.
"""

from mapview import render
from mapview.assets import BUNDLED_DATA, OUTLINES, outlines_name
from mapview.load import file_version, load_countries
from mapview.records import COUNTRIES

source = BUNDLED_DATA / COUNTRIES
target = OUTLINES / outlines_name(file_version(source))
OUTLINES.mkdir(exist_ok=True)
for old in OUTLINES.glob("countries-*.json"):
    if old != target:
        old.unlink()
target.write_text(render.countries_topojson(load_countries(source)), encoding="utf-8")
