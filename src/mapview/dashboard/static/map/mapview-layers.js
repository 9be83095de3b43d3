/* The dashboard's map layers, drawn in streamlit-folium's frame with mapview-map.js.

   Each layer's prepared script only declares its data and calls one of these with ``parent``,
   the feature group the frame adds to the map (and removes before the next update). */
(function (root) {
  "use strict";
  var mv = root.mapview;

  function whenAdded(parent, draw) {
    if (parent._map) { draw(parent._map); } else { parent.once("add", function () { draw(parent._map); }); }
  }

  /* The countries: coloured by ``d.info`` (colour c, name n, status s, history h by code),
     with a tooltip, a dot for small states and the key. The outlines stay on the map across
     reruns: a new view only recolours them (cheap), so a filter change redraws the trips
     alone. The state lives on the map object, so a new map (a new frame) starts afresh.
     ``d.topo`` is TopoJSON, or the address it is fetched from. */
  function drawCountries(parent, d) {
    var theme = d.theme;
    function look(i) {
      var fill = !i || i.c === d.none ? theme.none : i.c;  /* "never joined" follows the theme */
      return {fillColor: fill, fillOpacity: 0.85, color: theme.outline, weight: 0.5};
    }
    function countryTip(S, iso) {
      var i = S.info[iso];
      return i ? mv.tip([i.n, i.s, i.h]) : mv.tip([iso]);
    }
    function addKey(map, S) {
      var box = L.control({position: "bottomleft"});
      box.onAdd = function () {
        var div = L.DomUtil.create("details", "mapview-legend");
        div.style.cssText = "background:" + theme.key_background + ";padding:4px 8px;" +
          "font:11px/1.45 sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3);" +
          "color:" + theme.key_text;
        div.open = map.getSize().x >= 600;  /* folded on small screens; a tap opens it */
        var title = mv.el("summary", "Key");
        title.style.cursor = "pointer";
        div.appendChild(title);
        mv.fillKey(div, d.legend, false);
        L.DomEvent.disableClickPropagation(div);
        return div;
      };
      box.addTo(map);
      S.legend = box;
    }
    function drawDots(S, map) {
      S.dots.clearLayers();
      d.dots.forEach(function (p) {
        var i = S.info[p[0]];
        if (!i || i.c === d.none) { return; }  /* only states with a tie to the Statute */
        L.circleMarker([p[1], p[2]], {radius: 4, fillColor: i.c, fillOpacity: 1,
          color: theme.dot_edge, weight: 1, pane: "mapviewDots"})
          .bindTooltip(function () { return countryTip(S, p[0]); }).addTo(S.dots);
      });
      S.dots.addTo(map);
    }
    function build(S, map, data) {
      if (S.layer) { map.removeLayer(S.layer); }
      S.layer = L.geoJSON(topojson.feature(data, data.objects.countries), {
        style: function (f) { return look(S.info[f.properties.iso_a3]); },
        onEachFeature: function (f, layer) {
          var iso = f.properties.iso_a3;
          layer.bindTooltip(function () { return countryTip(S, iso); }, {sticky: true});
          layer.on("mouseover", function () { layer.setStyle({weight: 2, color: theme.key_text}); });
          layer.on("mouseout", function () { layer.setStyle(look(S.info[iso])); });
        }
      }).addTo(map);
      S.layer.eachLayer(function (layer) {  /* each country's path names its code, as in the reader page */
        var e = layer.getElement && layer.getElement();
        if (e) { e.setAttribute("data-iso-a3", layer.feature.properties.iso_a3); }
      });
    }
    whenAdded(parent, function (map) {
      var S = map.mapviewCountries;
      if (!S) {
        S = map.mapviewCountries = {source: null, layer: null, info: null, text: null,
          legend: null, dots: L.layerGroup()};
        map.createPane("mapviewDots").style.zIndex = 450;  /* above countries, below trips */
      }
      map.getContainer().style.background = theme.sea;
      var key = JSON.stringify(d.legend) + theme.name;
      if (S.key !== key) {  /* the key names the lens and is drawn in the theme's colours */
        var open = S.legend ? S.legend.getContainer().open : null;
        if (S.legend) { S.legend.remove(); }
        addKey(map, S);
        if (open !== null) { S.legend.getContainer().open = open; }
        S.key = key;
      }
      var text = JSON.stringify(d.info) + theme.name;
      var recolour = text !== S.text;
      S.info = d.info;
      S.text = text;
      var source = typeof d.topo === "string" ? d.topo : "inline";
      if (source !== S.source) {
        S.source = source;
        if (typeof d.topo === "string") {
          fetch(d.topo).then(function (r) { return r.json(); }).then(function (data) {
            if (S.source === source) { build(S, map, data); }
          });
        } else {
          build(S, map, d.topo);
        }
      } else if (recolour && S.layer) {
        S.layer.eachLayer(function (layer) { layer.setStyle(look(S.info[layer.feature.properties.iso_a3])); });
      }
      if (recolour) { drawDots(S, map); }
    });
  }

  /* The trips: one circle each, styled by verdict (``styles``); a marker with trip fields
     (``m.t``) gets their tooltip and popup, a group of trips its count (``m.tip``). The
     marker pane keeps trips above the countries, which may arrive later. */
  function drawTrips(parent, trips, styles) {
    trips.forEach(function (m) {
      var marker = L.circleMarker([m.la, m.lo], mv.markerOptions(styles, m.v, {radius: m.r, pane: "markerPane"}));
      marker.bindTooltip(mv.tip([m.t ? mv.tripText(m.t) : m.tip]));
      if (m.t) { marker.bindPopup(function () { return mv.popup(m.t); }, {maxWidth: 360}); }
      marker.addTo(parent);
    });
  }

  /* The flight routes: pieces as [lon, lat], a style by whether the route was reported. */
  function drawRoutes(parent, routes, styles) {
    routes.forEach(function (r) {
      var shape = {type: "Feature", geometry: {type: "MultiLineString", coordinates: r.c}};
      L.geoJSON(shape, {style: mv.routeOptions(styles, r.k)})
        .bindTooltip(mv.tip([r.t]), {sticky: true}).addTo(parent);
    });
  }

  /* The map's text alternative: the summary, in the map's own frame (aria-describedby cannot
     point out of an iframe), hidden from sight and tied to the map. */
  function describeMap(parent, description) {
    whenAdded(parent, function (map) {
      var box = document.getElementById("mapview-description");
      if (!box) {
        box = mv.el("p");
        box.id = "mapview-description";
        box.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;" +
          "clip:rect(0 0 0 0);white-space:nowrap";
        document.body.appendChild(box);
      }
      box.textContent = description;
      var e = map.getContainer();
      e.setAttribute("role", "region");
      e.setAttribute("aria-label", "Map of the trips");
      e.setAttribute("aria-describedby", box.id);
    });
  }

  mv.drawCountries = drawCountries;
  mv.drawTrips = drawTrips;
  mv.drawRoutes = drawRoutes;
  mv.describeMap = describeMap;
})(this);
